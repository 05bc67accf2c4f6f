"""Operator tools for dead letters: list and replay (used by the CLI and the admin endpoint)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from celery import Celery
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from shared.bus.models import DeadLetter, OutboxMessage
from shared.bus.wire import Sender
from shared.db import utcnow
from shared.settings import ServiceSettings


@dataclass(frozen=True)
class DeadLetterView:
    id: int
    consumer: str
    event_id: str
    event_type: str
    error: str
    attempts: int
    failed_at: datetime
    replayed_at: datetime | None


class NotFoundError(LookupError):
    pass


class AlreadyReplayedError(RuntimeError):
    pass


def list_dead_letters(session: Session, *, include_replayed: bool = False, limit: int = 200) -> list[DeadLetterView]:
    query = select(DeadLetter).order_by(DeadLetter.id.desc()).limit(limit)
    if not include_replayed:
        query = query.where(DeadLetter.replayed_at.is_(None))
    return [
        DeadLetterView(r.id, r.consumer, r.event_id, r.event_type, r.error, r.attempts, r.failed_at, r.replayed_at)
        for r in session.scalars(query)
    ]


def replay(
    factory: sessionmaker[Session], settings: ServiceSettings, app: Celery, dead_letter_id: int, *, by: str
) -> DeadLetterView:
    """Send a dead letter's event to its consumer's queue again and mark it replayed."""
    with factory.begin() as session:
        row = session.get(DeadLetter, dead_letter_id, with_for_update=True)
        if row is None:
            raise NotFoundError(f"no dead letter {dead_letter_id}")
        if row.replayed_at is not None:
            raise AlreadyReplayedError(f"dead letter {dead_letter_id} was replayed already")
        # The same path as the relay's; a fresh task id, since this is a new delivery on purpose.
        sender = Sender(settings, app)
        try:
            message = sender.messages.encode(row.consumer, str(uuid.uuid4()), row.envelope, f"(replay {row.event_id})")
            sender.send([(row.consumer, message)])
        finally:
            sender.reset()
        row.replayed_at, row.replayed_by = utcnow(), by[:100]
        return DeadLetterView(
            row.id, row.consumer, row.event_id, row.event_type, row.error, row.attempts, row.failed_at, row.replayed_at
        )


def outbox_backlog(session: Session) -> int:
    return int(
        session.scalar(select(func.count()).select_from(OutboxMessage).where(OutboxMessage.sent_at.is_(None))) or 0
    )

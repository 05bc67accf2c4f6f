"""Idempotent consumption: an inbox row per (consumer, event) in the handler's own transaction.

The inbox row is inserted before the handler runs, in the same transaction. A redelivered event
fails on the primary key ("already done"); a concurrent duplicate waits on the row's key lock
(PostgreSQL) or the database lock (SQLite) and then finds it done.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import ValidationError
from sqlalchemy import insert
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from shared.bus.envelope import Event, EventEnvelope, UnknownEventError, read_event
from shared.bus.models import DeadLetter, InboxMessage
from shared.bus.outbox import current_correlation
from shared.db import utcnow

log = logging.getLogger(__name__)

Handler = Callable[[Session, Any, EventEnvelope], None]


# Built once: the compiled statement is cached, so a claim costs one execute.
_CLAIM = insert(InboxMessage)


class Outcome(enum.StrEnum):
    HANDLED = "handled"
    DUPLICATE = "duplicate"


class NotYetKnown(Exception):
    """The event concerns something this consumer has not heard of yet (its own opening event, published in
    the same commit, is still on its way): nothing is written, and the event is retried with backoff."""


class PermanentFailure(Exception):
    """The message can never be handled as it is (malformed, unknown type): dead-letter it at once."""


def consume(
    factory: sessionmaker[Session], consumer: str, message: Mapping[str, Any], handlers: Mapping[str, Handler]
) -> Outcome:
    """Handle one delivered envelope exactly once per consumer."""
    try:
        envelope = EventEnvelope.model_validate(message)
        handler = handlers.get(envelope.type)
        if handler is None:
            raise PermanentFailure(f"{consumer} has no handler for {envelope.type}")
        event: Event = read_event(envelope)
    except (ValidationError, UnknownEventError) as exc:
        raise PermanentFailure(str(exc)) from exc
    token = current_correlation.set(envelope.correlation_id)
    try:
        try:
            return _handle_once(factory, consumer, envelope, event, handler)
        except DBAPIError as exc:
            if not exc.connection_invalidated:
                raise
            # The pooled connection was dead (database restarted, idle connection cut); SQLAlchemy
            # has dropped it and every older one, so a second try runs on a fresh connection. Safe
            # even when the lost answer was a COMMIT's: the inbox then reports a duplicate.
            log.warning("%s: database connection lost (%s); %s tried again", consumer, exc.orig, envelope.event_id)
            return _handle_once(factory, consumer, envelope, event, handler)
    finally:
        current_correlation.reset(token)


def _handle_once(
    factory: sessionmaker[Session], consumer: str, envelope: EventEnvelope, event: Event, handler: Handler
) -> Outcome:
    claimed = False
    with factory() as session:
        try:
            with session.begin():
                # A Core insert, not an ORM add + flush: it runs at once (the claim comes before the
                # handler) and skips the unit of work, a third of a consume's CPU (benchmarks/bench_bus.py).
                session.connection().execute(
                    _CLAIM,
                    {
                        "consumer": consumer,
                        "event_id": str(envelope.event_id),
                        "event_type": envelope.type,
                        "handled_at": utcnow(),
                    },
                )
                claimed = True
                handler(session, event, envelope)
        except IntegrityError:
            if claimed:
                raise
            log.info("%s: %s %s already handled; duplicate suppressed", consumer, envelope.type, envelope.event_id)
            return Outcome.DUPLICATE
    return Outcome.HANDLED


def dead_letter(
    factory: sessionmaker[Session], consumer: str, message: Mapping[str, Any], error: str, attempts: int
) -> int:
    """Store a message that failed for good where an operator can see and replay it."""
    import json

    event_id = str(message.get("event_id", "?"))[:36] if isinstance(message, Mapping) else "?"
    event_type = str(message.get("type", "?"))[:100] if isinstance(message, Mapping) else "?"
    with factory.begin() as session:
        row = DeadLetter(
            consumer=consumer,
            event_id=event_id,
            event_type=event_type,
            envelope=json.dumps(message, default=str),
            error=error[:10000],
            attempts=attempts,
        )
        session.add(row)
        session.flush()
        return row.id

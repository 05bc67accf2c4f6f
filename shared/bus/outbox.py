"""Transactional outbox: ``publish`` writes the event in the caller's transaction.

Nothing reaches the broker before commit; a rolled-back change publishes nothing. On commit the
session wakes this process's relays, so an idle system delivers within milliseconds.
"""

from __future__ import annotations

import contextvars
import threading
import uuid
from collections.abc import Callable

from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session

from shared.bus.envelope import Event, EventEnvelope, envelope_for
from shared.bus.models import OutboxMessage

_PENDING = "outbox_pending"
# The correlation id of the event being handled: events a handler publishes carry it on, so one
# handover can be followed across every service it touches.
current_correlation: contextvars.ContextVar[uuid.UUID | None] = contextvars.ContextVar(
    "current_correlation", default=None
)
_wake_callbacks: list[Callable[[], None]] = []
_lock = threading.Lock()


def publish(session: Session, event: Event, *, producer: str, correlation_id: uuid.UUID | None = None) -> EventEnvelope:
    """Record ``event`` in the outbox as part of ``session``'s transaction."""
    envelope = envelope_for(event, producer=producer, correlation_id=correlation_id or current_correlation.get())
    session.add(
        OutboxMessage(
            event_id=str(envelope.event_id),
            event_type=envelope.type,
            envelope=envelope.model_dump_json(),
        )
    )
    session.info[_PENDING] = True
    return envelope


def on_commit_wake(callback: Callable[[], None]) -> None:
    """Call ``callback`` after every commit that wrote outbox rows (the relay's wake-up)."""
    with _lock:
        if callback not in _wake_callbacks:
            _wake_callbacks.append(callback)


def remove_wake(callback: Callable[[], None]) -> None:
    with _lock:
        if callback in _wake_callbacks:
            _wake_callbacks.remove(callback)


@sa_event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    if session.info.pop(_PENDING, False):
        for callback in list(_wake_callbacks):
            callback()


@sa_event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(_PENDING, None)

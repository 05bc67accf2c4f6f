"""Transactional outbox: ``publish`` writes the event in the caller's transaction.

Nothing reaches the broker before commit; a rolled-back change publishes nothing. On commit the
session hands the rows it wrote to this process's relays, which send them at once without reading
them back (an idle system delivers within milliseconds); the relay's sweep reads and sends
whatever a hand-off missed. Only rows of the committed root transaction are handed over: a row
added in a savepoint that was rolled back is left out, and a savepoint's own commit hands nothing.
"""

from __future__ import annotations

import contextvars
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine, inspect
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session

from shared.bus.envelope import Event, EventEnvelope, envelope_for
from shared.bus.models import OutboxMessage

_ADDED = "outbox_added"  # OutboxMessage objects added in the session's current transaction
_READY = "outbox_ready"  # their values, taken just before the root transaction commits
# The correlation id of the event being handled: events a handler publishes carry it on, so one
# handover can be followed across every service it touches.
current_correlation: contextvars.ContextVar[uuid.UUID | None] = contextvars.ContextVar(
    "current_correlation", default=None
)


@dataclass(frozen=True)
class Committed:
    """An outbox row as its transaction committed it: what the relay needs to send it."""

    id: int
    event_id: str
    event_type: str
    envelope: str


# Per database (engine): a relay is handed only rows its own database committed.
_wake_callbacks: dict[Engine, list[Callable[[list[Committed]], None]]] = {}
_lock = threading.Lock()


def publish(session: Session, event: Event, *, producer: str, correlation_id: uuid.UUID | None = None) -> EventEnvelope:
    """Record ``event`` in the outbox as part of ``session``'s transaction."""
    envelope = envelope_for(event, producer=producer, correlation_id=correlation_id or current_correlation.get())
    row = OutboxMessage(event_id=str(envelope.event_id), event_type=envelope.type, envelope=envelope.model_dump_json())
    session.add(row)
    session.info.setdefault(_ADDED, []).append(row)
    return envelope


def on_commit_wake(engine: Engine, callback: Callable[[list[Committed]], None]) -> None:
    """Call ``callback(rows)`` after every commit to ``engine``'s database that wrote outbox rows."""
    with _lock:
        callbacks = _wake_callbacks.setdefault(engine, [])
        if callback not in callbacks:
            callbacks.append(callback)


def remove_wake(engine: Engine, callback: Callable[[list[Committed]], None]) -> bool:
    """Stop calling ``callback`` for ``engine``; False when it was not registered."""
    with _lock:
        callbacks = _wake_callbacks.get(engine, [])
        if callback not in callbacks:
            return False
        callbacks.remove(callback)
        return True


@sa_event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    if session.in_nested_transaction() or not session.info.get(_ADDED):
        return
    session.flush()  # the ids; commit would flush now anyway
    added = session.info.pop(_ADDED)
    # Rows from a rolled-back savepoint are transient again: they will not be committed.
    session.info[_READY] = [
        Committed(r.id, r.event_id, r.event_type, r.envelope) for r in added if inspect(r).persistent
    ]


@sa_event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return
    ready = session.info.pop(_READY, None)
    if ready:
        for callback in list(_wake_callbacks.get(session.get_bind().engine, ())):
            callback(ready)


@sa_event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    if not session.in_nested_transaction():  # a savepoint's rollback leaves the outer transaction's rows
        session.info.pop(_ADDED, None)
        session.info.pop(_READY, None)

"""Keeping the bus tables small: sent outbox rows and inbox rows past their retention are deleted.

Both tables grow by a row per event (and per event and consumer); without this they grow for ever
and every backup carries them. Unsent outbox rows and dead letters are never touched: the first
are work still to do, the second an operator's. Deleted in batches, each its own short transaction,
so a purge never holds SQLite's write lock (or many PostgreSQL row locks) for long.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, tuple_
from sqlalchemy.orm import Session, sessionmaker

from shared.bus.models import InboxMessage, OutboxMessage
from shared.db import utcnow

log = logging.getLogger(__name__)
BATCH = 2000


@dataclass(frozen=True)
class Purged:
    outbox: int
    inbox: int


def purge(factory: sessionmaker[Session], *, retention_days: int, now: datetime | None = None) -> Purged:
    """Delete sent outbox rows and inbox rows older than ``retention_days``; 0 keeps everything."""
    if retention_days <= 0:
        return Purged(0, 0)
    cutoff = (now or utcnow()) - timedelta(days=retention_days)
    outbox = inbox = 0
    while True:
        with factory.begin() as session:
            old = select(OutboxMessage.id).where(OutboxMessage.sent_at.is_not(None), OutboxMessage.sent_at < cutoff)
            ids = list(session.scalars(old.limit(BATCH)))
            if ids:
                session.execute(delete(OutboxMessage).where(OutboxMessage.id.in_(ids)))
        outbox += len(ids)
        if len(ids) < BATCH:
            break
    key = tuple_(InboxMessage.consumer, InboxMessage.event_id)
    while True:
        with factory.begin() as session:
            keys = session.execute(
                select(InboxMessage.consumer, InboxMessage.event_id)
                .where(InboxMessage.handled_at < cutoff)
                .limit(BATCH)
            ).all()
            if keys:
                session.execute(delete(InboxMessage).where(key.in_([tuple(k) for k in keys])))
        inbox += len(keys)
        if len(keys) < BATCH:
            break
    if outbox or inbox:
        log.info("bus housekeeping: deleted %d sent outbox rows and %d inbox rows older than %s", outbox, inbox, cutoff)
    return Purged(outbox, inbox)

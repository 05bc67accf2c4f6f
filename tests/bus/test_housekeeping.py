"""Bus housekeeping: sent outbox rows and inbox rows past their retention go; work and dead letters stay."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from reception.bootstrap import build
from reception.config import ReceptionSettings
from shared.bus import housekeeping
from shared.bus.housekeeping import purge
from shared.bus.models import DeadLetter, InboxMessage, OutboxMessage
from shared.db import utcnow
from shared.runtime import ServiceRuntime
from shared.testing.databases import drop_database, fresh_database
from shared.testing.processes import wait_for
from shared.testing.redis_server import RedisServer


@pytest.fixture
def runtime(tmp_path: Path, broker: RedisServer) -> Iterator[ServiceRuntime]:
    url = fresh_database("reception", tmp_path)
    rt = build(
        ReceptionSettings(
            database_url=url, broker_url=broker.url, environment="test", bus_retention_days=30, bus_purge_seconds=0.2
        )
    )
    yield rt
    rt.close()
    drop_database(url)


def _fill(rt: ServiceRuntime, days_ago: int, *, sent: bool = True) -> None:
    at = utcnow() - timedelta(days=days_ago)
    with rt.session_factory.begin() as session:
        event_id = str(uuid.uuid4())
        session.add(
            OutboxMessage(
                event_id=event_id, event_type="x.y", envelope="{}", created_at=at, sent_at=at if sent else None
            )
        )
        session.add(InboxMessage(consumer="reception", event_id=event_id, event_type="x.y", handled_at=at))
        session.add(
            DeadLetter(
                consumer="reception",
                event_id=event_id,
                event_type="x.y",
                envelope="{}",
                error="boom",
                attempts=6,
                failed_at=at,
            )
        )


def _ages(rt: ServiceRuntime) -> tuple[list[bool], int, int]:
    with rt.session_factory() as session:
        outbox = [r.sent_at is not None for r in session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))]
        inbox = len(session.scalars(select(InboxMessage)).all())
        dead = len(session.scalars(select(DeadLetter)).all())
    return outbox, inbox, dead


def test_old_sent_outbox_rows_and_old_inbox_rows_are_deleted_in_batches(runtime, monkeypatch):
    monkeypatch.setattr(housekeeping, "BATCH", 2)
    for _ in range(5):
        _fill(runtime, days_ago=40)
    _fill(runtime, days_ago=40, sent=False)  # still to send: kept however old
    _fill(runtime, days_ago=5)
    done = purge(runtime.session_factory, retention_days=30)
    assert (done.outbox, done.inbox) == (5, 6)
    outbox, inbox, dead = _ages(runtime)
    assert outbox == [False, True] and inbox == 1 and dead == 7
    assert purge(runtime.session_factory, retention_days=0) == housekeeping.Purged(0, 0)


def test_the_relay_thread_purges_on_its_schedule(runtime):
    _fill(runtime, days_ago=31)
    _fill(runtime, days_ago=1)
    runtime.relay.start()
    wait_for(lambda: _ages(runtime)[:2] == ([True], 1), timeout=10, message="the relay's housekeeping")

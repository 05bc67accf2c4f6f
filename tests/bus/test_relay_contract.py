"""The relay's contract, checked in Redis itself with no worker running (ENGINEERING.md §2–§3).

The relay runs in-process, from reception's runtime built with this test's settings, against a
throwaway redis-server of its own. What it did is read from Redis (LLEN/LRANGE/KEYS), never from
return values alone: every kombu publish variant "succeeds", including the ones that store nothing.
"""

from __future__ import annotations

import base64
import json
import logging
import statistics
import time
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reception.bootstrap import build
from reception.cases.schemas import HandoverIn, ResidenceBasis
from reception.cases.service import open_case
from reception.config import ReceptionSettings
from shared.auth import Department, Principal
from shared.bus import outbox
from shared.bus.broker import check_persistence, handler_task_name
from shared.bus.models import OutboxMessage
from shared.bus.subscriptions import subscribers
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from shared.contracts.reception import CaseOpened
from shared.db import is_postgres
from shared.runtime import ServiceRuntime
from shared.testing.databases import drop_database, fresh_database
from shared.testing.processes import wait_for
from shared.testing.redis_server import RedisServer, free_port

CASE_OPENED = "reception.case_opened"
QUEUES = subscribers(CASE_OPENED)
BY = Principal("relay-test", Department.UDLAENDINGESTYRELSEN)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[RedisServer]:
    redis_server = RedisServer(tmp_path / "redis").start()
    yield redis_server
    redis_server.stop()


@pytest.fixture
def reception(tmp_path: Path, server: RedisServer) -> Iterator[ServiceRuntime]:
    """Reception's runtime on a fresh database; a long sweep, so only a commit's wake-up is fast."""
    url = fresh_database("reception", tmp_path)
    runtime = build(
        ReceptionSettings(database_url=url, broker_url=server.url, environment="test", relay_sweep_seconds=60)
    )
    yield runtime
    runtime.close()
    drop_database(url)


def _handover() -> HandoverIn:
    return HandoverIn(
        immigration_person_id=f"UDL-{uuid.uuid4().hex[:10]}",
        full_name="Amina Haddad",
        date_of_birth=date(1990, 1, 2),
        nationality="SYR",
        residence_basis=ResidenceBasis.ASYLUM_7_1,
        asylum_centre="Center Sandholm",
        asylum_centre_contact="Mette Hansen, 72 11 22 33",
        expected_arrival_date=copenhagen_today() + timedelta(days=10),
    )


def _open_case(runtime: ServiceRuntime) -> str:
    """Open one case through reception's use case (one committed transaction); return its event id."""
    with runtime.session_factory.begin() as session:
        before = set(session.scalars(select(OutboxMessage.event_id)))
        open_case(session, handover=_handover(), by=BY)
        session.flush()
        (event_id,) = set(session.scalars(select(OutboxMessage.event_id))) - before
    return event_id


def _messages(server: RedisServer, queue: str) -> list[dict[str, Any]]:
    """The messages in ``queue``'s list, oldest first (kombu LPUSHes, consumers BRPOP)."""
    return [json.loads(raw) for raw in reversed(server.client().lrange(queue, 0, -1))]


def _envelope(message: dict[str, Any]) -> dict[str, Any]:
    body = message["body"]
    if message["properties"].get("body_encoding") == "base64":
        body = base64.b64decode(body)
    args, kwargs, _embed = json.loads(body)
    assert kwargs == {}
    envelope: dict[str, Any] = args[0]
    return envelope


def _event_ids(server: RedisServer, queue: str) -> list[str]:
    return [_envelope(m)["event_id"] for m in _messages(server, queue)]


def _unsent(runtime: ServiceRuntime) -> int:
    with runtime.session_factory() as session:
        unsent = session.scalar(select(func.count()).select_from(OutboxMessage).where(OutboxMessage.sent_at.is_(None)))
        return int(unsent or 0)


def test_relay_publishes_one_copy_per_subscriber_straight_into_each_queue_list(
    server: RedisServer, reception: ServiceRuntime
) -> None:
    """One copy of each event per subscriber, LPUSHed to the list named after it: no exchange, no binding."""
    event_ids = [_open_case(reception) for _ in range(3)]
    client = server.client()
    assert client.dbsize() == 0, "nothing reaches the broker before the relay runs"

    reception.relay.drain()

    assert {k.decode() if isinstance(k, bytes) else str(k) for k in client.keys("*")} == set(QUEUES), (
        "only the subscribers' lists exist"
    )
    with reception.session_factory() as session:
        stored = {row.event_id: json.loads(row.envelope) for row in session.scalars(select(OutboxMessage))}
    for queue in QUEUES:
        assert client.llen(queue) == len(event_ids), f"{queue} must hold one copy of each event"
        messages = _messages(server, queue)
        assert [_envelope(m)["event_id"] for m in messages] == event_ids, "in commit order"
        for message, event_id in zip(messages, event_ids, strict=True):
            assert message["headers"]["task"] == handler_task_name(queue)
            # The same (event, queue) always gets the same task id: a re-send is recognisably a duplicate.
            assert message["headers"]["id"] == str(uuid.uuid5(uuid.UUID(event_id), queue))
            assert message["properties"]["delivery_info"] == {"exchange": "", "routing_key": queue}
            assert _envelope(message) == stored[event_id]
    assert _unsent(reception) == 0

    # Sent rows are not sent again.
    assert reception.relay.drain() == 0
    assert all(client.llen(queue) == len(event_ids) for queue in QUEUES)


def test_rolled_back_transaction_publishes_nothing(server: RedisServer, reception: ServiceRuntime) -> None:
    """A change that rolls back leaves no outbox row and sends nothing, even with the relay thread running."""
    reception.relay.start()

    class Abandoned(Exception):
        pass

    with pytest.raises(Abandoned), reception.session_factory.begin() as session:
        open_case(session, handover=_handover(), by=BY)
        session.flush()
        raise Abandoned

    with reception.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(OutboxMessage)) == 0
    assert reception.relay.drain() == 0
    assert server.client().dbsize() == 0

    # The same path with a commit does publish (the test above would have seen it).
    committed = _open_case(reception)
    wait_for(lambda: server.client().llen("housing") == 1, timeout=5, message="the committed case's event")
    assert _event_ids(server, "housing") == [committed]


def _publish_case_opened(session: Session, case_id: int) -> OutboxMessage:
    outbox.publish(
        session,
        CaseOpened(
            case_id=case_id,
            case_number=f"2026-{case_id:06d}",
            residence_basis="asylum_7_1",
            expected_arrival_date=copenhagen_today() + timedelta(days=10),
            household_size=1,
        ),
        producer="reception",
    )
    (row,) = [obj for obj in session.new if isinstance(obj, OutboxMessage)]
    return row


def test_relay_selects_unsent_rows_not_a_high_water_mark(server: RedisServer, reception: ServiceRuntime) -> None:
    """A row that commits after a higher id was already sent is still sent.

    On PostgreSQL this is provoked with two real concurrent transactions: the one holding the lower
    id commits last. SQLite lets one writer in at a time, so there the late row is given a lower id
    explicitly; the relay sees the same thing either way.
    """
    factory = reception.session_factory
    with factory() as probe:
        postgres = is_postgres(probe)
    if postgres:
        late = factory()
        late.begin()
        late_row = _publish_case_opened(late, 1)
        late.flush()  # takes the lower id, stays uncommitted
        with factory.begin() as session:
            early_row = _publish_case_opened(session, 2)
    else:
        with factory.begin() as session:
            early_row = _publish_case_opened(session, 2)
            early_row.id = 1000
    early_id, early_event = early_row.id, early_row.event_id

    reception.relay.drain()
    assert _event_ids(server, "housing") == [early_event]

    if postgres:
        late.commit()
        late.close()
    else:
        with factory.begin() as session:
            late_row = _publish_case_opened(session, 1)
            late_row.id = 10
    late_id, late_event = late_row.id, late_row.event_id
    assert late_id < early_id, "the late row must carry the lower id"

    reception.relay.drain()
    assert _event_ids(server, "housing") == [early_event, late_event]
    assert _unsent(reception) == 0


def test_relay_thread_wakes_on_commit(server: RedisServer, reception: ServiceRuntime) -> None:
    """An idle relay thread sends within milliseconds of a commit, not at its next sweep (60 s here)."""
    assert reception.settings.relay_sweep_seconds == 60
    reception.relay.start()
    client = server.client()
    latencies: list[float] = []
    for n in range(1, 4):
        time.sleep(0.2)  # let the thread go idle again: this measures an idle relay being woken
        _open_case(reception)
        committed = time.monotonic()

        def arrived(n: int = n) -> bool:
            return bool(client.llen("housing") == n)

        wait_for(arrived, timeout=5, interval=0.002, message="the woken relay")
        latencies.append(time.monotonic() - committed)
    assert max(latencies) < 1.0, latencies
    median_ms, max_ms = statistics.median(latencies) * 1000, max(latencies) * 1000
    print(f"commit → in housing's list: median {median_ms:.0f} ms, max {max_ms:.0f} ms")


def test_a_commit_hands_the_relay_only_rows_its_root_transaction_committed(
    server: RedisServer, reception: ServiceRuntime
) -> None:
    """The relay sends handed-over rows without reading them back, so the hand-off must be exact.

    A savepoint's own commit hands nothing (its outer transaction may still roll back); a row added in
    a savepoint that rolled back is never handed over, nor sent; the root commit hands the rest.
    """
    handed: list[outbox.Committed] = []
    outbox.on_commit_wake(reception.engine, handed.extend)
    reception.relay.start()

    class Abandoned(Exception):
        pass

    try:
        with reception.session_factory.begin() as session:
            kept = _publish_case_opened(session, 1).event_id
            with session.begin_nested():
                released = _publish_case_opened(session, 2).event_id
            assert handed == [], "a savepoint's commit hands nothing over"
            with pytest.raises(Abandoned), session.begin_nested():
                dropped = _publish_case_opened(session, 3).event_id
                session.flush()
                raise Abandoned
        assert [r.event_id for r in handed] == [kept, released]
        wait_for(lambda: server.client().llen("housing") == 2, timeout=5, message="the handed-over rows")
        assert _event_ids(server, "housing") == [kept, released]
        assert dropped not in _event_ids(server, "housing")
        wait_for(lambda: _unsent(reception) == 0, timeout=5, message="rows marked sent")
    finally:
        outbox.remove_wake(reception.engine, handed.extend)


def test_a_relay_is_handed_only_its_own_databases_rows(
    server: RedisServer, reception: ServiceRuntime, tmp_path: Path
) -> None:
    """Two services' runtimes in one process: a commit to one database never reaches the other's relay.

    Rows are marked sent by id; a relay handed another database's rows would mark its own rows with
    those ids sent without sending them (lost events).
    """
    url = fresh_database("reception", tmp_path / "other")
    other = build(
        ReceptionSettings(database_url=url, broker_url=server.url, environment="test", relay_sweep_seconds=60)
    )
    try:
        with other.session_factory.begin() as session:
            waiting = _publish_case_opened(session, 7).event_id  # id 1 in the other database, unsent
        other.relay.start()  # idle: woken only by its own database's commits (sweep: 60 s)
        reception.relay.start()
        first = _open_case(reception)  # id 1 in reception's database too
        client = server.client()
        wait_for(lambda: client.llen("housing") >= 1, timeout=5, message="reception's row")
        time.sleep(0.3)  # a misrouted hand-off would have been sent (twice) by now
        assert _event_ids(server, "housing") == [first]
        assert _unsent(other) == 1, "the other database's row with the same id is still waiting, not marked sent"
        other.relay.drain()
        assert _event_ids(server, "housing") == [first, waiting]
        assert _unsent(other) == 0 and _unsent(reception) == 0
    finally:
        other.close()
        drop_database(url)


def test_check_persistence_warns_loudly_about_a_broker_that_does_not_persist(
    tmp_path: Path, server: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    """No AOF, or an evicting memory policy, or no answer: ``check_persistence`` is False and says so loudly."""
    caplog.set_level(logging.WARNING, logger="shared.bus.broker")

    assert check_persistence(server.url) is True
    assert not caplog.records

    volatile = RedisServer(tmp_path / "volatile", appendonly=False).start()
    try:
        assert check_persistence(volatile.url) is False
    finally:
        volatile.stop()
    (record,) = caplog.records
    assert record.levelno == logging.WARNING
    assert "BROKER DOES NOT PERSIST" in record.getMessage() and "appendonly=no" in record.getMessage()
    caplog.clear()

    server.client().config_set("maxmemory-policy", "allkeys-lru")
    assert check_persistence(server.url) is False
    assert "maxmemory-policy=allkeys-lru" in caplog.records[0].getMessage()
    caplog.clear()

    assert check_persistence(f"redis://127.0.0.1:{free_port()}/0") is False
    assert "could not check broker persistence" in caplog.records[0].getMessage()


def test_after_a_broker_outage_new_events_do_not_overtake_the_backlog(
    server: RedisServer, reception: ServiceRuntime
) -> None:
    """Events committed while Redis was down are sent before one committed after it came back.

    The relay thread is handed each committed row; while the broker is down the sends fail and the
    rows wait. The first round after the outage sends the whole backlog in commit order, the row
    just handed over included, instead of sending the newest first.
    """
    reception.relay.start()
    server.stop()
    during = [_open_case(reception), _open_case(reception)]
    wait_for(
        lambda: _failed_rows(reception) == 2, timeout=10, interval=0.05, message="both sends failed and were recorded"
    )
    server.start()
    after = _open_case(reception)  # handed over while the relay still backs off from the failures
    wait_for(lambda: server.client().llen("housing") >= 3, timeout=20, interval=0.05, message="backlog sent")
    assert _event_ids(server, "housing") == [*during, after]
    assert _unsent(reception) == 0


def _failed_rows(runtime: ServiceRuntime) -> int:
    with runtime.session_factory() as session:
        failed = session.scalar(select(func.count()).select_from(OutboxMessage).where(OutboxMessage.attempts > 0))
        return int(failed or 0)

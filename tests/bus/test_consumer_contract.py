"""The consumer side of the bus contract, on real Redis and real Celery worker processes.

What every consumer gets from ``shared.bus`` (inbox, retries, dead letters, replay, upcasting),
checked with the test-only "probe" service (tests/faults/probe.py): a duplicate has one effect; a
failing handler is retried with growing, jittered delays and then dead-lettered with its error
and attempt count; an unreadable message is dead-lettered at once; an operator's replay (admin
endpoint or CLI) is handled once and cannot be repeated; an old event version is read as the new.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from shared.auth import Department, issue_token
from shared.bus.envelope import envelope_for, read_event
from shared.bus.inbox import Outcome, consume
from shared.bus.models import DeadLetter, InboxMessage, OutboxMessage
from shared.contracts.reception import CaseOpened
from shared.db import is_postgres, make_engine, make_session_factory
from shared.settings import REPO_ROOT
from shared.testing.databases import drop_database, fresh_database
from shared.testing.processes import wait_for, wait_worker_ready, worker
from shared.web.app import create_service_app
from tests.faults.probe import FAST_ENV, Probe, ProbeSystem, VersionedV1, VersionedV2

RETRY_MAX = int(FAST_ENV["INTEGRATION_RETRY_MAX"])  # 3 retries: 4 attempts in all
BACKOFF_BASE = float(FAST_ENV["INTEGRATION_RETRY_BACKOFF_BASE"])
BACKOFF_MAX = float(FAST_ENV["INTEGRATION_RETRY_BACKOFF_MAX"])


@pytest.fixture(scope="module")
def probes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProbeSystem]:
    """One throwaway redis-server and one probe worker (two pool processes) for this module."""
    system = ProbeSystem.start(tmp_path_factory.mktemp("consumer"))
    system.start_worker(concurrency=2)
    yield system
    system.stop()


def _dead_letter_for(probes: ProbeSystem, name: str) -> DeadLetter | None:
    return next((d for d in probes.db().dead_letters() if d.event_id == name), None)


def _token(probes: ProbeSystem, department: Department) -> dict[str, str]:
    secret = probes.settings().auth_secret
    return {"Authorization": f"Bearer {issue_token(secret, user='operatør', department=department)}"}


def _timestamp(iso: str) -> float:
    moment = datetime.fromisoformat(iso)
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


# -- idempotency ----------------------------------------------------------------------------------
def test_same_event_delivered_twice_has_one_effect(probes: ProbeSystem) -> None:
    """The same envelope published twice to the queue: two deliveries, one effect, one inbox row."""
    envelope = probes.send("probe", Probe(key="twice"), times=2)
    event_id = str(envelope.event_id)
    wait_for(lambda: len(probes.deliveries(event_id)) == 2, timeout=30, message="both copies delivered")
    wait_for(probes.settled, timeout=30, message="queue drained and acked")

    db = probes.db()
    assert db.effect_count("twice") == 1
    assert db.inbox_count(event_id) == 1
    assert len(probes.attempts("twice")) == 1, "the second copy is suppressed before the handler runs"


def test_consume_in_process_is_idempotent(probes: ProbeSystem) -> None:
    """The same contract without a broker: ``consume`` twice gives HANDLED, then DUPLICATE."""
    runtime = probes.runtime()
    envelope = envelope_for(Probe(key="in-process"), producer="probe-test")
    message = envelope.model_dump(mode="json")
    assert consume(runtime.session_factory, "probe", message, runtime.handlers) is Outcome.HANDLED
    assert consume(runtime.session_factory, "probe", message, runtime.handlers) is Outcome.DUPLICATE
    assert probes.db().effect_count("in-process") == 1
    assert probes.db().inbox_count(str(envelope.event_id)) == 1


def test_consume_tries_again_at_once_on_a_dead_database_connection(
    probes: ProbeSystem, caplog: pytest.LogCaptureFixture
) -> None:
    """A pool child's engine does not ping its connections before use (shared/runtime.py). A pooled
    connection that died (database restarted, connection cut) fails the first try; ``consume`` runs
    the event again at once on a fresh connection: handled once, without a Celery retry."""
    engine = make_engine(probes.settings().database_url, pool_pre_ping=False)
    try:
        with engine.connect() as conn:  # the connection the pool will hand out next
            raw = conn.connection.dbapi_connection
            backend = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar() if is_postgres(engine) else None
        if backend is not None:
            with make_engine(probes.settings().database_url).connect() as admin:
                assert admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend}).scalar()
        else:
            raw.close()  # type: ignore[union-attr]
        envelope = envelope_for(Probe(key="dead-connection"), producer="probe-test")
        with caplog.at_level("WARNING", logger="shared.bus.inbox"):
            outcome = consume(
                make_session_factory(engine), "probe", envelope.model_dump(mode="json"), probes.runtime().handlers
            )
    finally:
        engine.dispose()
    assert outcome is Outcome.HANDLED
    assert "database connection lost" in caplog.text
    assert probes.db().effect_count("dead-connection") == 1
    assert probes.db().inbox_count(str(envelope.event_id)) == 1


# -- retries and dead letters ---------------------------------------------------------------------
def test_failing_handler_is_retried_with_exponential_backoff_then_dead_lettered(probes: ProbeSystem) -> None:
    """A handler that keeps failing: RETRY_MAX retries at growing delays, then one dead letter."""
    envelope = probes.send("probe", Probe(key="always-fails", fail_times=99))
    event_id = str(envelope.event_id)
    dead = wait_for(lambda: _dead_letter_for(probes, event_id), timeout=40, message="the dead letter")
    assert isinstance(dead, DeadLetter)
    wait_for(probes.settled, timeout=30, message="queue drained and acked")

    attempts = probes.attempts("always-fails")
    deliveries = probes.deliveries(event_id)
    assert [a["n"] for a in attempts] == list(range(1, RETRY_MAX + 2))
    assert [d["retries"] for d in deliveries] == list(range(RETRY_MAX + 1))
    assert dead.attempts == RETRY_MAX + 1
    assert dead.consumer == "probe" and dead.event_type == "test.probe"
    assert dead.error == f"ProbeFailure: probe failure on attempt {RETRY_MAX + 1} of always-fails"
    assert json.loads(dead.envelope) == envelope.model_dump(mode="json")
    assert dead.replayed_at is None
    # Every attempt's effect and inbox row were rolled back with its transaction.
    assert probes.db().effect_count("always-fails") == 0
    assert probes.db().inbox_count(event_id) == 0

    # Backoff: retry k is scheduled (its ETA) after a delay in [ceiling/2, ceiling] (full jitter),
    # ceiling = min(base * 2**k, max): the ceilings double, so the delays grow.
    scheduled, waited = [], []
    for k in range(RETRY_MAX):
        eta = deliveries[k + 1]["eta"]
        assert eta, "a retry is scheduled with a countdown"
        ceiling = min(BACKOFF_BASE * 2**k, BACKOFF_MAX)
        delay = _timestamp(eta) - attempts[k]["t"]
        assert ceiling / 2 <= delay <= ceiling + 0.5, f"retry {k + 1}: delay {delay:.2f}s, ceiling {ceiling}s"
        gap = attempts[k + 1]["t"] - attempts[k]["t"]
        assert gap >= ceiling / 2, f"retry {k + 1} ran after {gap:.2f}s, before its delay"
        scheduled.append(delay)
        waited.append(gap)
    assert scheduled[-1] > scheduled[0] and waited[-1] > waited[0], (scheduled, waited)


def test_malformed_envelope_and_unknown_event_type_are_dead_lettered_at_once(probes: ProbeSystem) -> None:
    """Messages that can never be handled go to dead letters on their first attempt, unretried."""
    good = envelope_for(Probe(key="unused"), producer="probe-test").model_dump(mode="json")
    unknown_type = {**good, "event_id": "00000000-0000-4000-8000-000000000001", "type": "test.nobody_handles"}
    newer_version = {**good, "event_id": "00000000-0000-4000-8000-000000000002", "version": 9}
    (garbage_task,) = probes.send_raw("probe", {"not": "an envelope"})
    probes.send_raw("probe", unknown_type, newer_version)

    names = [f"task-{garbage_task}", unknown_type["event_id"], newer_version["event_id"]]
    event_ids = ["?", unknown_type["event_id"], newer_version["event_id"]]

    def dead_letters() -> list[DeadLetter] | None:
        rows = {d.event_id: d for d in probes.db().dead_letters() if d.event_id in event_ids}
        return [rows[e] for e in event_ids] if len(rows) == len(event_ids) else None

    rows = wait_for(dead_letters, timeout=30, message="three dead letters")
    assert isinstance(rows, list)
    wait_for(probes.settled, timeout=30, message="queue drained and acked")
    garbage, unknown, newer = rows
    for row in rows:
        assert row.attempts == 1 and row.error.startswith("permanent: "), (row.event_id, row.error)
    assert "validation error" in garbage.error and json.loads(garbage.envelope) == {"not": "an envelope"}
    assert unknown.error == "permanent: probe has no handler for test.nobody_handles"
    assert unknown.event_type == "test.nobody_handles"
    assert "test.probe v9 is newer than this reader (v1)" in newer.error
    for name in names:
        assert len(probes.deliveries(name)) == 1, f"{name} was retried"
    assert probes.db().effect_count("unused") == 0


# -- replay ---------------------------------------------------------------------------------------
def test_replay_through_admin_endpoint_is_handled_once_and_only_by_drift(probes: ProbeSystem) -> None:
    """POST /admin/dead-letters/{id}/replay (drift only) re-sends the event once the fault is gone;
    it is handled once, and a second replay answers 409."""
    # Fails on exactly every attempt the worker makes (1 + RETRY_MAX), then the fault is gone.
    envelope = probes.send("probe", Probe(key="replayed", fail_times=RETRY_MAX + 1))
    event_id = str(envelope.event_id)
    dead = wait_for(lambda: _dead_letter_for(probes, event_id), timeout=40, message="the dead letter")
    assert isinstance(dead, DeadLetter)
    wait_for(probes.settled, timeout=30, message="queue drained and acked")
    assert probes.db().effect_count("replayed") == 0

    app = create_service_app(probes.runtime(), title="probe", routers=[], templates_dir=None, run_relay=False)
    drift, jobcentre = _token(probes, Department.DRIFT), _token(probes, Department.JOBCENTRET)
    with TestClient(app) as client:
        listed = client.get("/admin/dead-letters", headers=drift)
        assert listed.status_code == 200
        (row,) = [r for r in listed.json() if r["event_id"] == event_id]
        assert row["attempts"] == RETRY_MAX + 1 and row["error"].startswith("ProbeFailure")

        assert client.get("/admin/dead-letters", headers=jobcentre).status_code == 403
        assert client.post(f"/admin/dead-letters/{dead.id}/replay", headers=jobcentre).status_code == 403
        assert client.post(f"/admin/dead-letters/{dead.id}/replay").status_code == 401
        assert probes.db().dead_letters()[-1].replayed_at is None, "a refused replay changes nothing"

        replayed = client.post(f"/admin/dead-letters/{dead.id}/replay", headers=drift)
        assert replayed.status_code == 200, replayed.text
        assert replayed.json()["id"] == dead.id and replayed.json()["replayed_at"] is not None

        wait_for(lambda: probes.db().effect_count("replayed") == 1, timeout=30, message="the replay handled")
        wait_for(probes.settled, timeout=30, message="queue drained and acked")

        again = client.post(f"/admin/dead-letters/{dead.id}/replay", headers=drift)
        assert again.status_code == 409, again.text
        assert client.post("/admin/dead-letters/999999/replay", headers=drift).status_code == 404
        assert [r["id"] for r in client.get("/admin/dead-letters", headers=drift).json()].count(dead.id) == 0

    assert probes.db().effect_count("replayed") == 1
    assert probes.db().inbox_count(event_id) == 1
    assert [a["n"] for a in probes.attempts("replayed")] == list(range(1, RETRY_MAX + 3))
    assert len(probes.deliveries(event_id)) == RETRY_MAX + 2, "the 409 sent nothing"
    (stored,) = [d for d in probes.db().dead_letters() if d.id == dead.id]
    assert stored.replayed_at is not None


def test_replay_through_cli_is_handled_once_by_a_real_service(tmp_path: Path, probes: ProbeSystem) -> None:
    """``python -m shared.cli dead-letters replay --service housing ID``: housing's real worker
    handles the replayed event once; replaying it again is refused (exit code 1)."""
    housing_url = fresh_database("housing", tmp_path)
    env = {
        **FAST_ENV,
        "INTEGRATION_BROKER_URL": probes.redis.url,
        "INTEGRATION_DATA_DIR": str(tmp_path),
        "HOUSING_DATABASE_URL": housing_url,
        "PYTHONPATH": os.pathsep.join(p for p in (str(REPO_ROOT), os.environ.get("PYTHONPATH", "")) if p),
    }
    housing = worker("housing", env, tmp_path / "logs").start()
    engine = make_engine(housing_url)
    factory = make_session_factory(engine)
    try:
        event = CaseOpened(
            case_id=4711,
            case_number="RK-2026-4711",
            residence_basis="asyl",
            expected_arrival_date=date(2026, 12, 1),
            household_size=3,
        )
        envelope = envelope_for(event, producer="reception")
        event_id = str(envelope.event_id)
        with factory.begin() as session:  # as the worker leaves it after its last failed attempt
            dead = DeadLetter(
                consumer="housing",
                event_id=event_id,
                event_type=envelope.type,
                envelope=envelope.model_dump_json(),
                error="OperationalError: database is locked",
                attempts=RETRY_MAX + 1,
            )
            session.add(dead)
            session.flush()
            dead_id = dead.id

        def cli(*args: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [sys.executable, "-m", "shared.cli", "dead-letters", *args, "--service", "housing"],
                env={**os.environ, **env},
                cwd=REPO_ROOT,
                capture_output=True,
                text=True,
                timeout=60,
            )

        listed = cli("list")
        assert listed.returncode == 0, listed.stderr
        assert f"{dead_id}\t" in listed.stdout and event_id in listed.stdout

        wait_worker_ready(housing, timeout=60)
        first = cli("replay", str(dead_id))
        assert first.returncode == 0, first.stderr
        assert f"replayed {dead_id} (reception.case_opened {event_id}) to queue housing" in first.stdout

        def handled() -> int:
            with factory() as session:
                return int(
                    session.scalar(
                        select(func.count()).select_from(InboxMessage).where(InboxMessage.event_id == event_id)
                    )
                    or 0
                )

        wait_for(handled, timeout=30, message="housing to handle the replayed event")
        second = cli("replay", str(dead_id))
        assert second.returncode == 1 and "replayed already" in second.stderr, second.stderr

        from housing.readiness.models import PlacementRequest, ReadinessCheck

        with factory() as session:
            checks = session.scalars(select(ReadinessCheck)).all()
            requests = session.scalars(select(PlacementRequest)).all()
            replayed_at = session.get(DeadLetter, dead_id).replayed_at  # type: ignore[union-attr]
        assert [(c.case_id, c.household_size) for c in checks] == [(4711, 3)]
        assert len(requests) == 1, "handled once: one placement request"
        assert handled() == 1
        assert replayed_at is not None
        (line,) = [row for row in cli("list", "--all").stdout.splitlines() if event_id in row]
        assert " replayed " in line, line
    finally:
        housing.stop()
        engine.dispose()
        drop_database(housing_url)


def test_events_a_handler_publishes_in_a_pool_child_are_sent_at_its_commit(tmp_path: Path, probes: ProbeSystem) -> None:
    """Housing's real worker, its relay sweeping only once a minute: the placement request its pool
    child publishes while handling ``reception.case_opened`` reaches reception's queue within seconds.
    The child's commit hands the row to a relay of its own (on the child's own engine), not to the sweep."""
    housing_url = fresh_database("housing", tmp_path)
    env = {
        **FAST_ENV,
        "INTEGRATION_RELAY_SWEEP_SECONDS": "60",
        "INTEGRATION_BROKER_URL": probes.redis.url,
        "INTEGRATION_DATA_DIR": str(tmp_path),
        "HOUSING_DATABASE_URL": housing_url,
        "PYTHONPATH": os.pathsep.join(p for p in (str(REPO_ROOT), os.environ.get("PYTHONPATH", "")) if p),
    }
    housing = worker("housing", env, tmp_path / "logs").start()
    engine = make_engine(housing_url)
    try:
        wait_worker_ready(housing, timeout=60)
        event = CaseOpened(
            case_id=4712,
            case_number="RK-2026-4712",
            residence_basis="asyl",
            expected_arrival_date=date(2026, 12, 1),
            household_size=2,
        )
        client = probes.redis.client()
        client.delete("reception")  # what earlier tests of this module left for reception
        probes.send_raw("housing", envelope_for(event, producer="reception").model_dump(mode="json"))

        def outbox() -> list[tuple[str, bool]]:
            with Session(engine) as session:
                rows = session.execute(select(OutboxMessage.event_type, OutboxMessage.sent_at)).all()
            return [(event_type, sent_at is not None) for event_type, sent_at in rows]

        wait_for(
            lambda: outbox() == [("housing.placement_requested", True)],
            timeout=10,
            message="the placement request sent (the relay's sweep is 60 s away)",
        )
        assert client.llen("reception") == 1
    finally:
        housing.stop()
        engine.dispose()
        drop_database(housing_url)


# -- versions -------------------------------------------------------------------------------------
def test_v1_envelope_is_read_as_v2_through_the_upcaster(probes: ProbeSystem) -> None:
    """A v1 envelope still in flight after the producer moved to v2 is read as v2 by the consumer."""
    old = envelope_for(VersionedV1(key="upcast", name="Amina Hassan"), producer="probe-test")
    assert (old.type, old.version) == ("test.versioned", 1)
    read = read_event(old)
    assert isinstance(read, VersionedV2)
    assert (read.given_name, read.family_name) == ("Amina", "Hassan")

    new = envelope_for(VersionedV2(key="current", given_name="Omar", family_name="Ali"), producer="probe-test")
    probes.send_raw("probe", old.model_dump(mode="json"), new.model_dump(mode="json"))
    wait_for(lambda: _notes(probes), timeout=30, message="both versions handled")
    assert _notes(probes) == {"upcast": "VersionedV2: Amina / Hassan", "current": "VersionedV2: Omar / Ali"}
    wait_for(probes.settled, timeout=30, message="queue drained and acked")
    assert probes.db().inbox_count(str(old.event_id)) == 1


def _notes(probes: ProbeSystem) -> dict[str, str] | None:
    notes = {e.key: e.note for e in probes.db().effects() if e.key in {"upcast", "current"}}
    return notes if len(notes) == 2 else None

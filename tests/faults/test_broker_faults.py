"""Broker faults, provoked for real (ENGINEERING.md §4, scenarios 1–6).

Each test runs its own redis-server (own port, own ``--dir``, stopped, killed, frozen and thawed
by its PID), reception in-process (it opens cases through its use case and runs relay rounds) and
real Celery worker processes for reception and housing. Every test ends with the same verdict,
``BrokerRig.assert_handled_once``: N cases opened → exactly N inbox rows per running consumer,
N readiness checks, N placement requests, 6N onboarding tasks, nothing left queued or unacked,
and the copies for the subscribers that run no worker here (education, employment) all present.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

import pytest
import redis
from kombu.exceptions import KombuError

from shared.bus.broker import SOCKET_TIMEOUT, check_persistence, handler_task_name
from shared.settings import REPO_ROOT
from shared.testing.processes import wait_for
from tests.faults.conftest import CASE_OPENED_QUEUES, BrokerRig, key_names, queue_messages, queued_event_ids

pytestmark = pytest.mark.faults

MakeRig = Callable[..., BrokerRig]
BROKER_ERRORS = (KombuError, redis.RedisError, OSError)


# One relay tick against a dead or frozen broker: connect and one reconnect, each bounded by the
# socket timeout (an established connection fails after one socket timeout).
TICK_BOUND = 2 * SOCKET_TIMEOUT + 5


def _failing_tick(rig: BrokerRig) -> tuple[BaseException, float]:
    """Run one relay tick in a thread; it must fail with a broker error within TICK_BOUND, not hang."""
    outcome: dict[str, Any] = {}

    def tick() -> None:
        started = time.monotonic()
        try:
            outcome["sent"] = rig.reception.relay.tick()
        except BaseException as exc:
            outcome["error"] = exc
        outcome["elapsed"] = time.monotonic() - started

    thread = threading.Thread(target=tick, daemon=True)
    thread.start()
    thread.join(TICK_BOUND + 5)
    assert not thread.is_alive(), f"the relay tick hung for over {TICK_BOUND + 5}s"
    error = outcome.get("error")
    assert isinstance(error, BROKER_ERRORS), f"the tick must fail with a broker error: {outcome}"
    assert outcome["elapsed"] < TICK_BOUND, outcome
    return error, float(outcome["elapsed"])


def _kombu_bindings(rig: BrokerRig) -> list[str]:
    return key_names(rig.server.client().keys("_kombu.binding.*"))


def test_scenario_1_broker_restart_without_persistence_then_publish_loses_nothing(make_rig: MakeRig) -> None:
    """Scenario 1: Redis restarts empty (no AOF, data wiped) under running workers; what is published next arrives.

    A topic exchange would route through ``_kombu.binding.*`` sets that the restart erased and
    store nothing (§3.1). We publish straight into each subscriber's list, so nothing is lost.
    """
    rig = make_rig(appendonly=False)
    assert check_persistence(rig.server.url) is False  # this broker really forgets everything on restart
    rig.start_workers()
    assert "BROKER DOES NOT PERSIST" in rig.worker_logs(), "each worker warns loudly at start"
    rig.open_cases(1)
    rig.relay_until_sent()
    rig.assert_handled_once()
    # No binding key routes our events: only Celery's own pidbox (remote control) binds anything.
    assert all("pidbox" in key for key in _kombu_bindings(rig))

    rig.wipe_restart()
    new = rig.open_cases(5)
    relay_errors = rig.relay_until_sent()
    # Published within moments of the restart, most likely before the workers reconnected and
    # re-declared anything: the lists of the subscribers that run no worker here prove that every
    # copy was stored. (The reception worker's relay sweeps the same outbox, so a row may go twice.)
    for queue in ("education", "employment"):
        assert set(queued_event_ids(rig.server, queue)) == set(new)
    rig.assert_handled_once()
    print(f"scenario 1: relay rounds that failed after the restart: {relay_errors}")


def test_scenario_2_publish_after_restart_before_consumers_redeclare_waits_in_lists(make_rig: MakeRig) -> None:
    """Scenario 2: publish in the seconds after a restart while no consumer has re-declared anything.

    The workers declared their queues, were stopped, Redis restarted empty; events published now
    wait in the subscribers' lists (no binding needed or created) and are handled once the workers start.
    """
    rig = make_rig(appendonly=False)
    rig.start_workers()
    rig.open_cases(1)
    rig.relay_until_sent()
    rig.assert_handled_once()
    rig.stop_workers()

    rig.wipe_restart()
    client = rig.server.client()
    assert client.dbsize() == 0, "the restarted broker starts empty: every binding and queue is gone"
    new = rig.open_cases(5)
    rig.relay_until_sent()
    for queue in CASE_OPENED_QUEUES:
        assert client.llen(queue) == len(new), f"{queue} must hold one copy of each event"
        assert queued_event_ids(rig.server, queue) == new
    assert _kombu_bindings(rig) == [], "publishing must neither need nor create a binding"

    rig.start_workers()
    rig.assert_handled_once()


FRESH_RELAY = """
import sys
from reception.bootstrap import build
from reception.config import ReceptionSettings

runtime = build(ReceptionSettings(database_url=sys.argv[1], broker_url=sys.argv[2], environment="test"))
print(runtime.relay.drain())
runtime.close()
"""


def test_scenario_3_fresh_process_that_declared_nothing_delivers_to_every_subscriber(make_rig: MakeRig) -> None:
    """Scenario 3: a brand-new process that never declared an exchange or queue runs the relay.

    Under kombu a process that never declared the topic exchange publishes as ``direct`` and
    wildcard subscribers get nothing (§3.2); a bare ``send_task`` lands in ``celery`` or ``""``
    (§3.4). Checked in Redis itself: one copy per subscriber in exactly its own list, nothing else.
    """
    rig = make_rig()
    new = rig.open_cases(5)  # committed here; this process never runs a relay round
    run = subprocess.run(
        [sys.executable, "-c", FRESH_RELAY, rig.reception.settings.database_url, rig.server.url],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO_ROOT,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.strip().splitlines()[-1] == str(len(new))

    client = rig.server.client()
    assert set(key_names(client.keys("*"))) == set(CASE_OPENED_QUEUES), "nothing else created"
    for queue in CASE_OPENED_QUEUES:
        assert client.llen(queue) == len(new)
        messages = queue_messages(rig.server, queue)
        assert queued_event_ids(rig.server, queue) == new
        for message, event_id in zip(messages, new, strict=True):
            assert message["headers"]["task"] == handler_task_name(queue)
            assert message["headers"]["id"] == str(uuid.uuid5(uuid.UUID(event_id), queue))
            assert message["properties"]["delivery_info"] == {"exchange": "", "routing_key": queue}
    assert not rig.unsent()

    rig.start_workers()
    rig.assert_handled_once()


def _aof_written(client: redis.Redis) -> bool:
    info: dict[str, Any] = client.info("persistence")
    return bool(
        info["aof_enabled"] == 1
        and info.get("aof_buffer_length", 0) == 0
        and info.get("aof_pending_bio_fsync", 0) == 0
        and info["aof_last_write_status"] == "ok"
    )


def test_scenario_4_sigkill_redis_after_publishes_returned_keeps_every_message(make_rig: MakeRig) -> None:
    """Scenario 4: SIGKILL redis-server right after the publishes returned; with AOF all are there after restart.

    ``appendfsync everysec`` may lose up to one second of writes on a crash, so the test waits
    that second (and until Redis reports its AOF buffer written and fsync done) before the kill.
    """
    rig = make_rig(appendonly=True)
    assert check_persistence(rig.server.url) is True
    new = rig.open_cases(20)
    rig.relay_until_sent()
    returned = time.monotonic()
    client = rig.server.client()
    for queue in CASE_OPENED_QUEUES:
        assert client.llen(queue) == len(new)
    wait_for(
        lambda: _aof_written(client) and time.monotonic() - returned > 1.1,
        timeout=10,
        message="AOF written and the everysec fsync window passed",
    )

    assert rig.server.proc is not None
    pid = rig.server.proc.pid
    rig.server.kill()
    with pytest.raises(ConnectionRefusedError):  # nothing listens any more
        socket.create_connection(("127.0.0.1", rig.server.port), timeout=2).close()
    rig.server.start()
    assert rig.server.proc is not None and rig.server.proc.pid != pid

    client = rig.server.client()
    for queue in CASE_OPENED_QUEUES:
        assert client.llen(queue) == len(new), f"{queue} lost messages in the crash"
        assert queued_event_ids(rig.server, queue) == new
    rig.start_workers()
    rig.assert_handled_once()


def test_scenario_5_redis_down_during_relay_tick_leaves_rows_unsent_then_delivers_once(make_rig: MakeRig) -> None:
    """Scenario 5: Redis is down during relay ticks: rows stay unsent, the failure recorded on each.

    Once Redis is back, each row is delivered and each event handled exactly once. Housing's worker
    runs through the outage; reception's starts once Redis is back, so that this test's relay is the
    one relay on reception's outbox while it is down (the worker runs a relay of its own, which on
    PostgreSQL would take the rows with SKIP LOCKED and leave this test's tick nothing to fail on).
    """
    rig = make_rig()
    rig.start_workers(("housing",))
    rig.open_cases(1)
    rig.relay_until_sent()  # the relay now holds a live connection, as in a running service

    rig.server.stop()
    new = rig.open_cases(5)  # the use case commits with the broker down: the outbox decouples them
    for attempt in (1, 2):
        _failing_tick(rig)
        unsent = rig.unsent()
        assert [row.event_id for row in unsent] == new, "every row must stay unsent"
        assert all(row.attempts == attempt for row in unsent), [row.attempts for row in unsent]
        assert all(row.last_error for row in unsent)

    rig.server.start()  # same port, same folder
    assert rig.reception.relay.drain() == len(new)
    assert not rig.unsent()
    rig.start_workers(("reception",))
    rig.assert_handled_once(timeout=45)


def test_scenario_6_frozen_redis_relay_tick_fails_in_bounded_time_then_delivers(make_rig: MakeRig) -> None:
    """Scenario 6: Redis frozen (SIGSTOP): a relay tick fails within a bounded time instead of hanging.

    After SIGCONT every row is delivered and each event handled exactly once. A publish cut off by
    a timeout is ambiguous: Redis may execute the buffered commands when it resumes, and the relay
    sends the rows again; the inbox turns such duplicates into no-ops. Only housing's worker runs
    during the freeze, so this test's relay is the one relay on reception's outbox and the time
    measured is that of one tick alone; reception's worker starts after the thaw.
    """
    rig = make_rig()
    rig.start_workers(("housing",))
    rig.open_cases(1)
    rig.relay_until_sent()  # a live relay connection, as in a running service
    new = rig.open_cases(5)

    rig.server.freeze()
    _error, elapsed = _failing_tick(rig)
    unsent = rig.unsent()
    assert [row.event_id for row in unsent] == new, "every row must stay unsent"
    assert all(row.attempts == 1 and row.last_error for row in unsent)

    rig.server.thaw()
    assert rig.reception.relay.drain() == len(new)
    assert not rig.unsent()
    rig.start_workers(("reception",))
    rig.assert_handled_once(timeout=45)
    copies = len(queue_messages(rig.server, "education"))
    print(f"scenario 6: tick failed after {elapsed:.1f}s; education got {copies} copies of {1 + len(new)}")

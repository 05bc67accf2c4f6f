"""A rig for broker fault tests: a throwaway redis-server, reception in-process, real workers.

Each test builds its own rig: its own ``redis-server`` (own port, own ``--dir``, stopped by its
PID), fresh reception and housing databases, reception's runtime in this process (it opens cases
and runs relay ticks when the test says so; its relay thread is never started) and, when asked,
real Celery worker processes for reception and housing on that broker.

``assert_handled_once`` is the common verdict: every opened case's event reached every subscriber
and was handled exactly once, with exactly one of each effect.
"""

from __future__ import annotations

import base64
import contextlib
import json
import signal
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import psutil
import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from housing.readiness.models import PlacementRequest, ReadinessCheck
from reception.bootstrap import build as build_reception
from reception.cases.schemas import HandoverIn, ResidenceBasis
from reception.cases.service import open_case
from reception.config import ReceptionSettings
from reception.onboarding.models import OnboardingTask
from shared.auth import Department, Principal
from shared.bus.models import DeadLetter, InboxMessage, OutboxMessage
from shared.bus.subscriptions import subscribers
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from shared.db import make_engine, make_session_factory
from shared.runtime import ServiceRuntime
from shared.testing.databases import drop_database, fresh_database
from shared.testing.processes import ServiceProcess, wait_for
from shared.testing.redis_server import RedisServer
from shared.testing.system import System, start_system

CASE_OPENED = "reception.case_opened"
PLACEMENT_REQUESTED = "housing.placement_requested"
# Every queue that gets a copy of reception.case_opened; only reception and housing run workers.
CASE_OPENED_QUEUES = subscribers(CASE_OPENED)
RUNNING = ("reception", "housing")
ONBOARDING_TASKS_PER_CASE = 6

# Worker settings for fast recovery in tests (ENGINEERING.md §3.6).
WORKER_ENV = {
    "INTEGRATION_VISIBILITY_TIMEOUT": "10",
    "INTEGRATION_UNACKED_RESTORE_INTERVAL": "1",
    "INTEGRATION_RETRY_BACKOFF_MAX": "2",
}


def key_names(keys: list[Any]) -> list[str]:
    """Redis key names as text (redis-py returns bytes unless the client decodes responses)."""
    return [k.decode() if isinstance(k, bytes) else str(k) for k in keys]


def queue_messages(server: RedisServer, queue: str) -> list[dict[str, Any]]:
    """The Celery messages waiting in ``queue``'s Redis list, decoded (oldest first)."""
    raw = server.client().lrange(queue, 0, -1)
    return [json.loads(item) for item in reversed(raw)]


def envelope_of(message: dict[str, Any]) -> dict[str, Any]:
    """The event envelope inside one Celery (protocol 2) message as kombu stores it in Redis."""
    body = message["body"]
    if message["properties"].get("body_encoding") == "base64":
        body = base64.b64decode(body)
    args, _kwargs, _embed = json.loads(body)
    envelope: dict[str, Any] = args[0]
    return envelope


def queued_event_ids(server: RedisServer, queue: str) -> list[str]:
    return [envelope_of(m)["event_id"] for m in queue_messages(server, queue)]


def stop_processes(processes: list[ServiceProcess], timeout: float = 15.0) -> None:
    """SIGTERM every process at once (warm shutdown), then SIGKILL whatever is left, by PID."""
    children: list[psutil.Process] = []
    for proc in processes:
        for pid in proc.children():
            with contextlib.suppress(psutil.NoSuchProcess):
                children.append(psutil.Process(pid))
    for proc in processes:
        proc.signal(signal.SIGTERM)
    for proc in processes:
        if proc.proc is None:
            continue
        try:
            proc.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
    for child in children:  # pool children orphaned by a main process that died hard
        # psutil checks the creation time too, so a recycled PID is never killed by mistake.
        if child.is_running():
            with contextlib.suppress(psutil.NoSuchProcess):
                child.kill()


@dataclass
class BrokerRig:
    """One broker, two service databases, reception in-process, optional worker processes."""

    tmp: Path
    server: RedisServer
    reception: ServiceRuntime
    housing_url: str
    housing_engine: Engine
    housing: sessionmaker[Session]
    system: System | None = None
    event_ids: list[str] = field(default_factory=list)
    case_ids: list[int] = field(default_factory=list)
    # Events whose copies for the idle subscribers (no worker here) were erased by a wiped restart.
    wiped_idle: set[str] = field(default_factory=set)

    # -- producing ------------------------------------------------------------------------------
    def open_cases(self, n: int) -> list[str]:
        """Open ``n`` cases through reception's use case, one transaction each; return their event ids."""
        new: list[str] = []
        by = Principal("fault-test", Department.UDLAENDINGESTYRELSEN)
        for _ in range(n):
            with self.reception.session_factory.begin() as session:
                case = open_case(session, handover=_handover(), by=by)
                session.flush()
                known = [*self.event_ids, *new]
                rows = session.scalars(select(OutboxMessage.event_id).where(OutboxMessage.event_id.not_in(known))).all()
                assert len(rows) == 1, "open_case writes exactly one outbox row"
                self.case_ids.append(case.id)
                new.append(rows[0])
        self.event_ids.extend(new)
        return new

    def outbox(self) -> list[OutboxMessage]:
        with self.reception.session_factory() as session:
            return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))

    def unsent(self) -> list[OutboxMessage]:
        return [row for row in self.outbox() if row.sent_at is None]

    def relay_until_sent(self, timeout: float = 20.0) -> list[str]:
        """Run relay rounds (as the relay thread would) until no row is unsent; return the rounds' errors."""
        errors: list[str] = []

        def round_done() -> bool:
            started = time.monotonic()
            try:
                self.reception.relay.drain()
            except Exception as exc:
                errors.append(
                    f"{type(exc).__name__}: {exc} (cause {exc.__cause__!r}) after {time.monotonic() - started:.1f}s"
                )
                raise
            return not self.unsent()

        wait_for(round_done, timeout=timeout, interval=0.2, message="reception's relay to send every outbox row")
        return errors

    def wipe_restart(self) -> None:
        """Restart Redis with its data folder emptied: a broker without persistence coming back.

        Call it once everything published so far was handled: only the idle subscribers' copies
        (education and employment run no worker here) are lost, and the verdict knows it.
        """
        self.server.restart(wipe=True)
        self.wiped_idle.update(self.event_ids)

    # -- workers --------------------------------------------------------------------------------
    def start_workers(self, services: tuple[str, ...] = RUNNING) -> System:
        """Start real worker processes (reception's and housing's by default); add to those running."""
        urls = {"reception": self.reception.settings.database_url, "housing": self.housing_url}
        if self.system is None:
            self.system = start_system(
                self.server.url,
                self.tmp / "system",
                services=services,
                with_apis=False,
                database_urls=urls,
                extra_env=WORKER_ENV,
            )
        else:
            for service in services:
                self.system.database_urls[service] = urls[service]
                self.system.start_worker(service)
        return self.system

    def stop_workers(self, *, graceful: bool = True) -> None:
        """Stop the workers: a warm shutdown (SIGTERM), or SIGKILL once a test has its verdict."""
        if self.system is not None:
            workers = list(self.system.workers.values())
            if graceful:
                stop_processes(workers)
            else:
                for proc in workers:
                    if proc.alive():  # never signal the PID of a process already reaped: it may be reused
                        proc.kill()
            self.system = None

    def worker_logs(self) -> str:
        logs = self.tmp / "system" / "logs"
        return "".join(p.read_text(errors="replace") for p in sorted(logs.glob("*.log"))) if logs.exists() else ""

    # -- the verdict ----------------------------------------------------------------------------
    def _settled(self) -> bool:
        n = len(self.event_ids)
        client = self.server.client()
        if any(client.llen(q) for q in RUNNING) or client.hlen("unacked"):
            return False
        with self.housing() as hs, self.reception.session_factory() as rs:
            housing_done = _count(hs, InboxMessage, consumer="housing", event_type=CASE_OPENED)
            placement_unsent = hs.scalar(
                select(func.count()).select_from(OutboxMessage).where(OutboxMessage.sent_at.is_(None))
            )
            reception_done = _count(rs, InboxMessage, consumer="reception", event_type=CASE_OPENED)
            reception_news = _count(rs, InboxMessage, consumer="reception", event_type=PLACEMENT_REQUESTED)
        return housing_done >= n and reception_done >= n and reception_news >= n and placement_unsent == 0

    def assert_handled_once(self, timeout: float = 30.0) -> None:
        """Nothing lost, nothing handled twice: every case's event handled once by each running subscriber.

        Waits (bounded) until reception's and housing's queues and the ``unacked`` hash are empty
        and every expected inbox row exists, then counts exactly.
        """
        n = len(self.event_ids)
        expected = set(self.event_ids)
        assert len(expected) == n
        try:
            wait_for(
                self._settled, timeout=timeout, interval=0.1, message=f"{n} events handled by reception and housing"
            )
        except TimeoutError as exc:
            raise AssertionError(f"{exc}\n{self._diagnosis()}") from exc
        with self.housing() as hs:
            housing_inbox = hs.scalars(
                select(InboxMessage.event_id).where(
                    InboxMessage.consumer == "housing", InboxMessage.event_type == CASE_OPENED
                )
            ).all()
            assert sorted(housing_inbox) == sorted(expected), "housing's inbox must hold each event exactly once"
            assert _count(hs, InboxMessage) == n
            checks = hs.scalars(select(ReadinessCheck.case_id)).all()
            assert sorted(checks) == sorted(self.case_ids), "exactly one readiness check per case"
            placements = hs.scalars(select(PlacementRequest.case_id)).all()
            assert sorted(placements) == sorted(self.case_ids), "exactly one placement request per case"
            assert _count(hs, OutboxMessage, event_type=PLACEMENT_REQUESTED) == n
            assert _count(hs, DeadLetter) == 0
        with self.reception.session_factory() as rs:
            reception_inbox = rs.scalars(
                select(InboxMessage.event_id).where(
                    InboxMessage.consumer == "reception", InboxMessage.event_type == CASE_OPENED
                )
            ).all()
            assert sorted(reception_inbox) == sorted(expected), "reception's inbox must hold each event exactly once"
            assert _count(rs, InboxMessage, event_type=PLACEMENT_REQUESTED) == n
            assert _count(rs, InboxMessage) == 2 * n
            assert _count(rs, OnboardingTask) == ONBOARDING_TASKS_PER_CASE * n
            assert _count(rs, DeadLetter) == 0
            assert all(row.sent_at is not None for row in rs.scalars(select(OutboxMessage)))
        # The subscribers without a running worker keep their copies: nothing was lost for them either.
        for queue in CASE_OPENED_QUEUES:
            if queue not in RUNNING:
                assert set(queued_event_ids(self.server, queue)) == expected - self.wiped_idle, f"{queue} lost events"

    def _diagnosis(self) -> str:
        state: dict[str, object] = {}
        try:
            client = self.server.client()
            state.update({q: client.llen(q) for q in CASE_OPENED_QUEUES}, unacked=client.hlen("unacked"))
        except Exception as exc:
            state["redis"] = repr(exc)
        try:
            with self.housing() as hs, self.reception.session_factory() as rs:
                counts: dict[str, object] = {
                    "housing inbox": _count(hs, InboxMessage),
                    "readiness": _count(hs, ReadinessCheck),
                    "placements": _count(hs, PlacementRequest),
                    "reception inbox": _count(rs, InboxMessage),
                    "unsent outbox": len(self.unsent()),
                }
        except Exception as exc:
            counts = {"databases": repr(exc)}
        return f"broker: {state}\ndatabases: {counts}\nworker logs (tail):\n{self.worker_logs()[-4000:]}"

    def close(self) -> None:
        self.stop_workers(graceful=False)  # nothing left to check: no need to wait for a warm shutdown
        self.reception.close()
        self.server.stop()
        for url in (self.reception.settings.database_url, self.housing_url):
            with contextlib.suppress(Exception):
                drop_database(url)


def _count(session: Session, model: type[Any], **where: object) -> int:
    query = select(func.count()).select_from(model)
    for name, value in where.items():
        query = query.where(getattr(model, name) == value)
    return int(session.scalar(query) or 0)


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


@pytest.fixture
def make_rig(tmp_path: Path) -> Iterator[Callable[..., BrokerRig]]:
    """Build a :class:`BrokerRig`; ``appendonly=False`` gives a broker that does not persist."""
    made: list[BrokerRig] = []

    def make(*, appendonly: bool = True) -> BrokerRig:
        server = RedisServer(tmp_path / "redis", appendonly=appendonly).start()
        reception_url = fresh_database("reception", tmp_path)
        housing_url = fresh_database("housing", tmp_path)
        runtime = build_reception(
            ReceptionSettings(database_url=reception_url, broker_url=server.url, environment="test")
        )
        housing_engine = make_engine(housing_url)
        rig = BrokerRig(
            tmp=tmp_path,
            server=server,
            reception=runtime,
            housing_url=housing_url,
            housing_engine=housing_engine,
            housing=make_session_factory(housing_engine),
        )
        made.append(rig)
        return rig

    yield make
    for rig in made:
        if rig.server.proc is not None:
            rig.server.thaw()  # a test that failed while Redis was frozen must not hang the teardown
        rig.housing_engine.dispose()
        rig.close()

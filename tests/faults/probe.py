"""A test-only consumer service, "probe", for the bus contract and fault tests.

It is a real service in miniature: a :class:`ServiceRuntime` (Celery app on its own queue, inbox,
dead letters, relay), its own database with one ``probe_effect`` row per handled event, and a
registered test contract. The handler can stall (sleeping while it holds its transaction) and can
fail its first N attempts, so tests can kill workers mid-handler and watch retries.

What the database cannot tell (it is rolled back on a crash) is counted in Redis, next to the
broker's own keys and outside any transaction: each handler attempt (``attempts``) and each
delivery of a message to a worker (``deliveries``, recorded at ``task_prerun``, so duplicates that
the inbox suppresses are counted too).

Run a worker with ``celery -A tests.faults.probe:app worker -Q probe`` from the repository root;
settings come from the environment (``PROBE_DATABASE_URL``, ``PROBE_SERVICE_NAME``, and the
common ``INTEGRATION_*`` ones). ``PROBE_SERVICE_NAME`` lets one test run several probe services
(each with its own queue and database) side by side.
"""

from __future__ import annotations

import argparse
import contextlib
import faulthandler
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import redis
from celery import Celery, signals
from kombu.messaging import Producer
from pydantic_settings import SettingsConfigDict
from redis.backoff import ExponentialBackoff
from redis.retry import Retry
from sqlalchemy import BigInteger, DateTime, Float, Integer, String, create_engine, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

import shared.bus.models  # noqa: F401  (outbox, inbox, dead letters belong to InfraBase.metadata)
from shared.bus.broker import connect, handler_task_name, publish_to_queue
from shared.bus.envelope import Event, EventEnvelope, JsonDict, contract, envelope_for, upcaster
from shared.bus.models import DeadLetter, InboxMessage, OutboxMessage
from shared.bus.relay import Relay
from shared.bus.subscriptions import SUBSCRIPTIONS
from shared.db import BigId, InfraBase, make_engine, make_session_factory, new_metadata, utcnow
from shared.runtime import ServiceRuntime
from shared.settings import REPO_ROOT, ServiceSettings
from shared.testing.databases import drop_database, fresh_database
from shared.testing.processes import ServiceProcess, wait_worker_ready
from shared.testing.redis_server import RedisServer

SERVICE = "probe"
KEY_PREFIX = "probe:"  # every Redis key the probe itself writes starts with this


# -- settings, schema, contracts -----------------------------------------------------------------
class ProbeSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="PROBE_", extra="ignore")

    service_name: str = SERVICE
    port: int = 8099


class ProbeBase(DeclarativeBase):
    metadata = new_metadata()


class ProbeEffect(ProbeBase):
    """The effect of one handled event: committed with the inbox row, or not at all."""

    __tablename__ = "probe_effect"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(36), index=True)
    key: Mapped[str] = mapped_column(String(100), index=True)
    note: Mapped[str] = mapped_column(String(200), default="")
    attempt: Mapped[int] = mapped_column(Integer)
    pid: Mapped[int] = mapped_column(BigInteger)
    started_at: Mapped[float] = mapped_column(Float)  # epoch seconds, for ordering across processes
    finished_at: Mapped[float | None] = mapped_column(Float, default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


@contract("test.probe", 1)
class Probe(Event):
    """Do one unit of work for ``key``; optionally stall and/or fail the first attempts."""

    key: str
    sleep_seconds: float = 0.0  # stall this long, holding the handler's transaction ...
    sleep_times: int = 1  # ... on the first this-many attempts
    fail_times: int = 0  # raise on the first this-many attempts (after writing the effect row)
    only_in: str | None = None  # stall/fail only in this service (others handle it normally)


@contract("test.versioned", 1)
class VersionedV1(Event):
    key: str
    name: str


@contract("test.versioned", 2)
class VersionedV2(Event):
    key: str
    given_name: str
    family_name: str


@upcaster("test.versioned", 1)
def _versioned_v1_to_v2(payload: JsonDict) -> JsonDict:
    given, _, family = str(payload.pop("name")).partition(" ")
    return {**payload, "given_name": given, "family_name": family}


class ProbeFailure(RuntimeError):
    """The probe's deliberate, transient handler failure."""


# -- Redis counters (outside any database transaction, so they survive crashes and rollbacks) -----
class Counters:
    """Attempts per key and deliveries per event, in the broker's Redis, per probe service."""

    def __init__(self, broker_url: str, service: str) -> None:
        self.url, self.service = broker_url, service
        self._client: redis.Redis | None = None
        self._pid = 0

    @property
    def client(self) -> redis.Redis:
        if self._client is None or self._pid != os.getpid():  # never share a socket across fork
            self._client = redis.Redis.from_url(
                self.url,
                socket_timeout=5,
                socket_connect_timeout=5,
                retry=Retry(ExponentialBackoff(cap=1.0, base=0.05), 10),
                retry_on_error=[redis.ConnectionError, redis.TimeoutError],
            )
            self._pid = os.getpid()
        return self._client

    def _key(self, kind: str, name: str) -> str:
        return f"{KEY_PREFIX}{self.service}:{kind}:{name}"

    def record_attempt(self, key: str, event_id: str) -> int:
        number = int(self.client.incr(self._key("attempts", key)))
        entry = {"n": number, "t": time.time(), "pid": os.getpid(), "event_id": event_id}
        self.client.rpush(self._key("attempt_log", key), json.dumps(entry))
        return number

    def attempts(self, key: str) -> list[dict[str, Any]]:
        return [json.loads(x) for x in self.client.lrange(self._key("attempt_log", key), 0, -1)]

    def record_delivery(self, name: str, task_id: str, retries: int, eta: str | None) -> None:
        entry = {"t": time.time(), "pid": os.getpid(), "task_id": task_id, "retries": retries, "eta": eta}
        self.client.rpush(self._key("deliveries", name), json.dumps(entry))

    def deliveries(self, name: str) -> list[dict[str, Any]]:
        return [json.loads(x) for x in self.client.lrange(self._key("deliveries", name), 0, -1)]


def delivery_name(message: object, task_id: str) -> str:
    """What a delivery is counted under: the envelope's event id, else the Celery task id."""
    if isinstance(message, Mapping) and isinstance(message.get("event_id"), str):
        return str(message["event_id"])
    return f"task-{task_id}"


# -- the service ------------------------------------------------------------------------------------
def build(settings: ProbeSettings | None = None) -> ServiceRuntime:
    """Wire a probe service: handlers for the test contracts, plus delivery counting."""
    settings = settings or ProbeSettings()
    service = settings.service_name
    counters = Counters(settings.broker_url, service)

    def on_probe(session: Session, event: Probe, envelope: EventEnvelope) -> None:
        started = time.time()
        row = ProbeEffect(
            event_id=str(envelope.event_id), key=event.key, attempt=0, pid=os.getpid(), started_at=started
        )
        session.add(row)
        session.flush()  # the effect is written in the open transaction before any stall or failure
        attempt = counters.record_attempt(event.key, str(envelope.event_id))
        row.attempt = attempt
        faulty = event.only_in in (None, service)
        if faulty and attempt <= event.sleep_times and event.sleep_seconds > 0:
            time.sleep(event.sleep_seconds)
        if faulty and attempt <= event.fail_times:
            raise ProbeFailure(f"probe failure on attempt {attempt} of {event.key}")
        row.finished_at = time.time()

    def on_versioned(session: Session, event: VersionedV2, envelope: EventEnvelope) -> None:
        attempt = counters.record_attempt(event.key, str(envelope.event_id))
        now = time.time()
        session.add(
            ProbeEffect(
                event_id=str(envelope.event_id),
                key=event.key,
                note=f"{type(event).__name__}: {event.given_name} / {event.family_name}",
                attempt=attempt,
                pid=os.getpid(),
                started_at=now,
                finished_at=now,
            )
        )

    runtime = ServiceRuntime(settings, handlers={"test.probe": on_probe, "test.versioned": on_versioned})
    task_name = handler_task_name(service)

    def _count_delivery(task_id: str = "", task: Any = None, args: Any = (), **_kw: Any) -> None:
        if task is None or task.name != task_name or getattr(task, "app", None) is not runtime.celery:
            return
        message = args[0] if args else None
        request = task.request
        eta = str(request.eta) if request.eta else None  # when a retry was scheduled to run
        counters.record_delivery(delivery_name(message, task_id), task_id, int(request.retries or 0), eta)

    signals.task_prerun.connect(_count_delivery, weak=False)

    return runtime


def create_database(url: str) -> None:
    """Create the probe's tables and the shared outbox/inbox/dead-letter tables."""
    engine = make_engine(url)
    try:
        ProbeBase.metadata.create_all(engine)
        InfraBase.metadata.create_all(engine)
    finally:
        engine.dispose()


_RUNTIME: ServiceRuntime | None = None


def __getattr__(name: str) -> Any:
    """``tests.faults.probe:app`` for ``celery -A``: built on first use, so importing is side-effect free."""
    global _RUNTIME
    if name in {"app", "runtime"}:
        if _RUNTIME is None:
            # A hung worker tells where it hangs: ``kill -USR2 <pid>`` dumps every thread's stack
            # (its pool children inherit the handler). See ProbeSystem.wait_exit.
            faulthandler.register(signal.SIGUSR2, all_threads=True)
            _RUNTIME = build()
        return _RUNTIME.celery if name == "app" else _RUNTIME
    raise AttributeError(name)


# -- test harness ---------------------------------------------------------------------------------
# Short, but legal, broker timings (ENGINEERING.md §3.6): a killed worker's message is restored
# about 5 s after its delivery; retry backoff stays below the visibility timeout.
FAST_ENV = {
    "INTEGRATION_ENVIRONMENT": "test",
    "INTEGRATION_VISIBILITY_TIMEOUT": "5",
    "INTEGRATION_UNACKED_RESTORE_INTERVAL": "1",
    "INTEGRATION_RETRY_MAX": "3",
    "INTEGRATION_RETRY_BACKOFF_BASE": "0.5",
    "INTEGRATION_RETRY_BACKOFF_MAX": "4",
    "INTEGRATION_RELAY_SWEEP_SECONDS": "0.5",
    "INTEGRATION_LOG_LEVEL": "INFO",
}


class ProbeDb:
    """Reads a probe database without ever waiting for its writers.

    The services' SQLite engines start every transaction with ``BEGIN IMMEDIATE``; a stalled
    handler holds that lock, so these reads use a plain engine (WAL readers never block).
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: Engine = create_engine(url) if url.startswith("sqlite") else make_engine(url)

    def _count(self, model: Any, *where: Any) -> int:
        with Session(self.engine) as session:
            return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)

    def effects(self, key: str | None = None) -> list[ProbeEffect]:
        with Session(self.engine) as session:
            query = select(ProbeEffect).order_by(ProbeEffect.id)
            if key is not None:
                query = query.where(ProbeEffect.key == key)
            return list(session.scalars(query))

    def effect_count(self, key: str | None = None) -> int:
        return self._count(ProbeEffect, *([ProbeEffect.key == key] if key is not None else []))

    def inbox_count(self, event_id: str | None = None) -> int:
        return self._count(InboxMessage, *([InboxMessage.event_id == event_id] if event_id is not None else []))

    def dead_letters(self) -> list[DeadLetter]:
        with Session(self.engine) as session:
            return list(session.scalars(select(DeadLetter).order_by(DeadLetter.id)))

    def outbox(self) -> list[OutboxMessage]:
        with Session(self.engine) as session:
            return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))

    def close(self) -> None:
        self.engine.dispose()


def probe_worker(
    service: str, env: Mapping[str, str], log_dir: Path, *, concurrency: int = 1, pool: str = "prefork"
) -> ServiceProcess:
    """``celery -A tests.faults.probe:app worker -Q <service>`` in its own process (not started)."""
    node = f"{service}-{uuid.uuid4().hex[:6]}@%h"
    args = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "tests.faults.probe:app",
        "worker",
        "-Q",
        service,
        "-c",
        str(concurrency),
        "-P",
        pool,
        "-n",
        node,
        "--without-mingle",
        "--without-gossip",
        "-l",
        "INFO",
    ]
    return ServiceProcess(f"{service}-worker", args, env, log_dir)


@dataclass
class ProbeSystem:
    """A throwaway redis-server plus any number of probe services, each with its own database."""

    work_dir: Path
    redis: RedisServer
    databases: dict[str, str] = field(default_factory=dict)
    processes: list[ServiceProcess] = field(default_factory=list)
    _readers: dict[str, ProbeDb] = field(default_factory=dict)
    _runtimes: list[ServiceRuntime] = field(default_factory=list)

    @classmethod
    def start(cls, work_dir: Path, services: tuple[str, ...] = (SERVICE,)) -> ProbeSystem:
        system = cls(work_dir=work_dir, redis=RedisServer(work_dir / "redis").start())
        for name in services:
            system.add_service(name)
        return system

    # -- set-up -----------------------------------------------------------------------------------
    def add_service(self, service: str) -> str:
        url = fresh_database(service, self.work_dir, migrate=False)
        create_database(url)
        self.databases[service] = url
        return url

    def env(self, service: str = SERVICE, **extra: str) -> dict[str, str]:
        path = os.environ.get("PYTHONPATH", "")
        return {
            **FAST_ENV,
            "INTEGRATION_BROKER_URL": self.redis.url,
            "INTEGRATION_DATA_DIR": str(self.work_dir),
            "PROBE_SERVICE_NAME": service,
            "PROBE_DATABASE_URL": self.databases[service],
            "PYTHONPATH": os.pathsep.join(p for p in (str(REPO_ROOT), path) if p),
            **extra,
        }

    def settings(self, service: str = SERVICE) -> ProbeSettings:
        """The same settings the service's processes read from :meth:`env`."""
        env = self.env(service)
        with _environ(env):
            return ProbeSettings()

    def runtime(self, service: str = SERVICE) -> ServiceRuntime:
        """An in-process runtime of ``service`` (API, relay, replay); closed by :meth:`stop`."""
        runtime = build(self.settings(service))
        self._runtimes.append(runtime)
        return runtime

    def start_worker(
        self, service: str = SERVICE, *, concurrency: int = 1, wait: bool = True, **env: str
    ) -> ServiceProcess:
        """Start a real worker for ``service``'s queue; ``env`` overrides settings (e.g. timeouts)."""
        proc = probe_worker(service, self.env(service, **env), self.work_dir / "logs", concurrency=concurrency)
        proc.start()
        self.processes.append(proc)
        if wait:
            wait_worker_ready(proc)
        return proc

    def start_process(self, name: str, args: list[str], service: str = SERVICE) -> ServiceProcess:
        proc = ServiceProcess(name, args, self.env(service), self.work_dir / "logs").start()
        self.processes.append(proc)
        return proc

    def wait_exit(self, proc: ServiceProcess, timeout: float) -> None:
        """Wait for ``proc`` to exit; if it hangs, fail with every thread's stack from its log."""
        assert proc.proc is not None
        try:
            proc.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            for pid in [proc.pid, *proc.children()]:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGUSR2)
            time.sleep(1)
            raise AssertionError(f"{proc.name} still running after {timeout}s:\n{proc.log()[-20000:]}") from None

    # -- sending ----------------------------------------------------------------------------------
    def send(self, service: str, event: Event, *, times: int = 1) -> EventEnvelope:
        """Publish one envelope straight to ``service``'s queue, ``times`` times (as duplicates)."""
        envelope = envelope_for(event, producer="probe-test")
        self.send_raw(service, *[envelope.model_dump(mode="json")] * times)
        return envelope

    def send_many(self, service: str, events: list[Event]) -> list[EventEnvelope]:
        """Publish one envelope per event to ``service``'s queue over one connection."""
        envelopes = [envelope_for(event, producer="probe-test") for event in events]
        self.send_raw(service, *(e.model_dump(mode="json") for e in envelopes))
        return envelopes

    def send_raw(self, service: str, *messages: Any) -> list[str]:
        """Publish message bodies as arguments of ``service``'s event task; return the task ids."""
        app = Celery("probe-test", broker=self.redis.url, set_as_current=False)
        task_ids = []
        with connect(self.settings()) as conn:  # the broker's settings: any service's queue
            producer = Producer(conn.default_channel)  # type: ignore[no-untyped-call]
            for message in messages:
                task_ids.append(str(uuid.uuid4()))
                publish_to_queue(producer, app, service, message, task_id=task_ids[-1])
        return task_ids

    # -- reading ----------------------------------------------------------------------------------
    def db(self, service: str = SERVICE) -> ProbeDb:
        if service not in self._readers:
            self._readers[service] = ProbeDb(self.databases[service])
        return self._readers[service]

    def counters(self, service: str = SERVICE) -> Counters:
        return Counters(self.redis.url, service)

    def attempts(self, key: str, service: str = SERVICE) -> list[dict[str, Any]]:
        return self.counters(service).attempts(key)

    def deliveries(self, event_id: str, service: str = SERVICE) -> list[dict[str, Any]]:
        return self.counters(service).deliveries(event_id)

    def queue_lists(self) -> dict[str, int]:
        """Every Redis list that is not the probe's own bookkeeping, with its length."""
        client = self.redis.client()
        try:
            names = [k.decode() for k in client.scan_iter(count=1000)]
            return {
                name: int(client.llen(name))
                for name in names
                if not name.startswith(KEY_PREFIX) and client.type(name) == b"list"
            }
        finally:
            client.close()

    def unacked(self) -> list[tuple[dict[str, Any], str, str]]:
        """kombu's unacked hash: (message, exchange, routing key) of every delivered, unacked message."""
        client = self.redis.client()
        try:
            return [tuple(json.loads(v)) for v in client.hvals("unacked")]
        finally:
            client.close()

    def settled(self, service: str = SERVICE) -> bool:
        """Nothing waits in ``service``'s queue and nothing delivered is still unacknowledged."""
        client = self.redis.client()
        try:
            return int(client.llen(service)) == 0 and int(client.hlen("unacked")) == 0
        finally:
            client.close()

    def stop(self) -> None:
        for proc in reversed(self.processes):
            with contextlib.suppress(Exception):
                proc.kill() if proc.alive() else None
        for runtime in self._runtimes:
            with contextlib.suppress(Exception):
                runtime.close()
        for reader in self._readers.values():
            reader.close()
        self.redis.stop()
        for url in self.databases.values():
            with contextlib.suppress(Exception):
                drop_database(url)


@contextlib.contextmanager
def _environ(values: Mapping[str, str]) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


# -- a relay that dies between publishing and marking sent (scenario 7) ---------------------------
class StallingRelay(Relay):
    """Publishes a batch, then stalls forever before the rows can be marked sent."""

    def _send(self, rows: Any) -> None:
        super()._send(rows)
        print(f"published {len(rows)} row(s); stalling before marking them sent", flush=True)
        while True:
            time.sleep(60)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.faults.probe")
    sub = parser.add_subparsers(dest="cmd", required=True)
    stall = sub.add_parser("stalling-relay", help="one relay round that stalls after publishing")
    stall.add_argument("--event-type", default="test.probe")
    stall.add_argument("--subscribers", default=SERVICE, help="comma-separated queues")
    args = parser.parse_args(argv)
    SUBSCRIPTIONS[args.event_type] = tuple(s for s in args.subscribers.split(",") if s)
    settings = ProbeSettings()
    engine = make_engine(settings.database_url)
    app = Celery(settings.service_name, broker=settings.broker_url, set_as_current=False)
    StallingRelay(settings, make_session_factory(engine), app).tick()
    return 0


if __name__ == "__main__":
    sys.exit(main())

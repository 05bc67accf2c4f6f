"""A test-only consumer for the bus benchmarks: service "bench" with a trivial handler.

The handler does what every real handler does on the bus (the inbox row is written by
``shared.bus.inbox.consume`` in the same transaction) plus one effect row, stamped with the
wall-clock time it was handled, so the benchmark can read latency from the consumer's database.

One module serves several bench services: ``BENCH_SERVICE_NAME`` names the queue (``bench`` for
throughput and latency, ``benchhold`` for the kill test, ``benchpub`` for the publishing side).
"""

from __future__ import annotations

import os
import time
from typing import Any

from pydantic_settings import SettingsConfigDict
from sqlalchemy import Float, Integer, String, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

import shared.bus.models  # noqa: F401  (registers outbox/inbox/dead_letter on InfraBase)
from shared.bus.envelope import Event, EventEnvelope, contract
from shared.bus.inbox import Handler
from shared.bus.subscriptions import SUBSCRIPTIONS
from shared.db import BigId, InfraBase, make_engine, new_metadata
from shared.runtime import ServiceRuntime
from shared.settings import ServiceSettings

PINGED = "bench.pinged"
COUNTED = "bench.counted"
HELD = "bench.held"
# Seconds a handler of a "hold" event sleeps inside its transaction (set only on the victim worker).
HOLD_ENV = "BENCH_HOLD_SECONDS"
# Diagnostic: PRAGMA synchronous for the bench databases on SQLite (default: the project's, FULL).
SYNCHRONOUS_ENV = "BENCH_SQLITE_SYNCHRONOUS"


class BenchSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="BENCH_", extra="ignore")

    service_name: str = "bench"


class Base(DeclarativeBase):
    metadata = new_metadata()


class BenchEffect(Base):
    """The handler's effect: one row per handled event, with the time it was handled."""

    __tablename__ = "bench_effect"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    seq: Mapped[int] = mapped_column(Integer, index=True)  # polled every 2 ms by figure 3: no table scans
    handled_at: Mapped[float] = mapped_column(Float)  # epoch seconds (time.time()) in the worker
    pid: Mapped[int] = mapped_column(Integer)


@contract(PINGED, 1)
class Pinged(Event):
    """The benchmark's event: a sequence number and the time it was written to the outbox."""

    seq: int
    created: float


@contract(COUNTED, 1)
class Counted(Event):
    """Figure 1's like-for-like event: its handler does nothing, so the inbox row is the only write."""

    seq: int
    created: float


@contract(HELD, 1)
class Held(Event):
    """Like Pinged, for the kill test's own queue."""

    seq: int
    created: float


BenchEvent = Pinged | Counted | Held


def on_event(session: Session, event: Pinged | Held, envelope: EventEnvelope) -> None:
    hold = float(os.environ.get(HOLD_ENV) or 0)
    if hold and isinstance(event, Held):
        time.sleep(hold)  # killed meanwhile: the transaction (inbox row + effect) never commits
    session.add(BenchEffect(event_id=str(envelope.event_id), seq=event.seq, handled_at=time.time(), pid=os.getpid()))


def on_counted(_session: Session, _event: Counted, _envelope: EventEnvelope) -> None:
    """A no-op handler, the bus's counterpart of the plain-Celery no-op task: what remains is the bus's cost."""


HANDLERS: dict[str, Handler] = {PINGED: on_event, COUNTED: on_counted, HELD: on_event}


def register_subscriptions() -> None:
    """Map the bench events to their queues; done in the publishing process only (the relay reads it)."""
    SUBSCRIPTIONS[PINGED] = ("bench",)
    SUBSCRIPTIONS[COUNTED] = ("bench",)
    SUBSCRIPTIONS[HELD] = ("benchhold",)


def create_schema(url: str) -> None:
    """Create the bench tables plus outbox, inbox and dead letters (no migrations for a throwaway DB)."""
    engine = make_engine(url) if url.startswith("sqlite") else create_engine(url)
    Base.metadata.create_all(engine)
    InfraBase.metadata.create_all(engine)
    engine.dispose()


def build(settings: BenchSettings | None = None) -> ServiceRuntime:
    runtime = ServiceRuntime(settings or BenchSettings(), handlers=HANDLERS)
    synchronous = os.environ.get(SYNCHRONOUS_ENV, "").upper()
    if synchronous and runtime.engine.dialect.name == "sqlite":
        if synchronous not in {"OFF", "NORMAL", "FULL", "EXTRA"}:
            raise ValueError(f"{SYNCHRONOUS_ENV} must be OFF, NORMAL, FULL or EXTRA")

        @event.listens_for(runtime.engine, "connect")
        def _synchronous(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.execute(f"PRAGMA synchronous={synchronous}")

    return runtime

"""Wires one service: settings, engine and sessions, Celery app, relay. One factory, no patching."""

from __future__ import annotations

import logging
import os
import weakref
from collections.abc import Callable, Mapping
from typing import Any

from celery import Celery
from sqlalchemy.orm import Session, sessionmaker

import shared.contracts  # noqa: F401  (registers every event contract)
from shared.bus.inbox import Handler
from shared.bus.relay import Relay
from shared.bus.worker import make_celery
from shared.db import make_engine, make_session_factory
from shared.logging import setup_logging
from shared.settings import ServiceSettings

log = logging.getLogger(__name__)

PeriodicJob = Callable[[sessionmaker[Session]], object]


class ServiceRuntime:
    """Everything a service process needs, built from its settings."""

    def __init__(
        self,
        settings: ServiceSettings,
        *,
        handlers: Mapping[str, Handler],
        periodic: Mapping[str, tuple[float, PeriodicJob]] | None = None,
    ) -> None:
        self.settings = settings
        setup_logging(settings.service_name, settings.log_level)
        self.engine = make_engine(settings.database_url)
        self.session_factory = make_session_factory(self.engine)
        self.handlers = dict(handlers)
        self.periodic = dict(periodic or {})
        jobs: dict[str, tuple[float, Callable[[], object]]] = {
            name: (seconds, self._bind(job)) for name, (seconds, job) in self.periodic.items()
        }
        self.celery: Celery = make_celery(
            settings,
            session_factory=lambda: self.session_factory,
            handlers=self.handlers,
            periodic=jobs,
            on_worker_start=self._worker_started,
            on_child_start=self._child_started,
        )
        self.relay = Relay(settings, self.session_factory, self.celery)
        # A Celery worker's main process runs the relay thread and forks pool children (at start, and
        # again whenever a child dies). Fork only between relay rounds, with no open database
        # connection: a child forked mid-round hung for ever on its first query (a lock held by the
        # relay thread, which does not exist in the child), and SQLite forbids carrying an open
        # connection across fork(). Weak references: the hooks cannot be unregistered.
        ref = weakref.ref(self)
        os.register_at_fork(
            before=lambda: _on_fork(ref, "_before_fork"),
            after_in_parent=lambda: _on_fork(ref, "_after_fork_in_parent"),
            after_in_child=lambda: _on_fork(ref, "_after_fork_in_child"),
        )

    def _bind(self, job: PeriodicJob) -> Callable[[], object]:
        def run() -> object:
            return job(self.session_factory)

        run.__name__ = getattr(job, "__name__", "job")
        return run

    def _worker_started(self) -> None:
        self.relay.start()

    def _child_started(self) -> None:
        # A forked pool child must not reuse the parent's database connections: it gets an engine
        # of its own. That engine does not ping a connection before each use: the ping was one round
        # trip in four of every event consumed on PostgreSQL (benchmarks/bench_bus.py). A connection
        # found dead instead fails its event's first try, which inbox.consume repeats at once.
        self.engine.dispose(close=False)
        self.engine = make_engine(self.settings.database_url, pool_pre_ping=False)
        self.session_factory.configure(bind=self.engine)
        self.relay.rebind()

    def _before_fork(self) -> None:
        self.relay.before_fork()
        self.engine.dispose()  # close idle connections, so none is inherited by the child

    def _after_fork_in_parent(self) -> None:
        self.relay.after_fork_in_parent()

    def _after_fork_in_child(self) -> None:
        self.relay.after_fork_in_child()

    def close(self) -> None:
        self.relay.stop()
        self.engine.dispose()


def _on_fork(ref: weakref.ref[ServiceRuntime], hook: str) -> None:
    runtime = ref()
    if runtime is not None:
        getattr(runtime, hook)()


def run_periodic(runtime: ServiceRuntime, name: str) -> Any:
    """Run one periodic job now (operators and tests)."""
    return runtime.periodic[name][1](runtime.session_factory)

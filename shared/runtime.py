"""Wires one service: settings, engine and sessions, Celery app, relay. One factory, no patching."""

from __future__ import annotations

import importlib
import logging
import os
import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from celery import Celery
from fastapi import APIRouter
from sqlalchemy.orm import Session, sessionmaker

import shared.contracts  # noqa: F401  (registers every event contract)
from shared.bus.envelope import Event, EventEnvelope
from shared.bus.inbox import Handler
from shared.bus.relay import Relay
from shared.bus.subscriptions import subscriptions_of
from shared.bus.worker import make_celery
from shared.db import make_engine, make_session_factory
from shared.logging import setup_logging
from shared.settings import SERVICES, ServiceSettings

log = logging.getLogger(__name__)

PeriodicJob = Callable[[sessionmaker[Session]], object]
E = TypeVar("E", bound=Event)
S = TypeVar("S", bound=ServiceSettings)


class Handlers:
    """A service's event handlers, keyed by contract class: a list per event, run in order in one
    transaction (the inbox's). ``on`` is typed, so each handler is checked against its contract."""

    def __init__(self) -> None:
        self._lists: dict[type[Event], list[Callable[[Session, Any, EventEnvelope], None]]] = {}

    def on(self, contract: type[E], *handlers: Callable[[Session, E, EventEnvelope], None]) -> Handlers:
        if contract in self._lists:
            raise ValueError(f"{contract.event_type} is declared twice")
        self._lists[contract] = list(handlers)
        return self

    @property
    def contracts(self) -> list[type[Event]]:
        return list(self._lists)

    def event_types(self) -> list[str]:
        return sorted(c.event_type for c in self._lists)

    def by_type(self) -> dict[str, Handler]:
        """One handler per event type for the consumer: each runs the declared list in order."""
        return {contract.event_type: _in_order(handlers) for contract, handlers in self._lists.items()}


def _in_order(handlers: Sequence[Callable[[Session, Any, EventEnvelope], None]]) -> Handler:
    def handle(session: Session, event: Any, envelope: EventEnvelope) -> None:
        for handler in handlers:
            handler(session, event, envelope)

    handle.__name__ = "+".join(getattr(h, "__name__", "handler") for h in handlers) or "nothing"
    return handle


@dataclass(frozen=True)
class Periodic(Generic[S]):
    """A job the service's scheduler (celery beat) runs every ``every(settings)`` seconds."""

    name: str
    every: Callable[[S], float]
    run: Callable[[S, sessionmaker[Session]], object]


@dataclass(frozen=True)
class ServiceDefinition(Generic[S]):
    """What one service runs, declared once in its ``bootstrap.py``: its settings, its routers (JSON
    API and pages), the events it handles (by contract class), its periodic jobs. The app, the
    worker, the scheduler, the test system, ``dev.py up`` and the in-process runner are built from
    it; tests check the subscription table and docker-compose.yml against it."""

    name: str
    settings: type[S]
    routers: tuple[APIRouter, ...] = ()  # its JSON API and Danish pages, in the order they are matched
    handlers: Handlers = field(default_factory=Handlers)
    periodic: tuple[Periodic[S], ...] = ()
    prepare: Callable[[S], None] | None = None  # process-wide set-up before the runtime (e.g. keys)

    @property
    def needs_scheduler(self) -> bool:
        return bool(self.periodic)

    def check_subscriptions(self) -> None:
        """The handled events must be exactly the events the subscription table sends this service."""
        declared, subscribed = self.handlers.event_types(), subscriptions_of(self.name)
        if declared != subscribed:
            missing = sorted(set(subscribed) - set(declared))
            extra = sorted(set(declared) - set(subscribed))
            raise ValueError(
                f"{self.name}: subscriptions without a handler {missing}, handlers without a subscription {extra}"
            )

    def build(self, settings: S | None = None) -> ServiceRuntime:
        settings = settings or self.settings()
        if self.prepare is not None:
            self.prepare(settings)
        jobs: dict[str, tuple[float, PeriodicJob]] = {
            job.name: (job.every(settings), _with_settings(job, settings)) for job in self.periodic
        }
        return ServiceRuntime(settings, handlers=self.handlers.by_type(), periodic=jobs)


def _with_settings(job: Periodic[S], settings: S) -> PeriodicJob:
    def run(factory: sessionmaker[Session]) -> object:
        return job.run(settings, factory)

    run.__name__ = job.name
    return run


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


def definition_of(service: str) -> ServiceDefinition[Any]:
    """A service's declaration (its ``bootstrap.SERVICE``), found by name: ``shared`` never imports a
    service's code, but the tools that start services (test system, ``dev.py up``) read what they run."""
    definition: ServiceDefinition[Any] = importlib.import_module(f"{service}.bootstrap").SERVICE
    if definition.name != service:
        raise ValueError(f"{service}.bootstrap declares the service {definition.name!r}")
    return definition


def scheduled_services() -> tuple[str, ...]:
    """The services that declare periodic jobs: each needs exactly one scheduler (celery beat)."""
    return tuple(name for name in SERVICES if definition_of(name).needs_scheduler)

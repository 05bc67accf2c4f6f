"""The whole system in one process: every service's app on its own database, events carried by a
runner instead of Redis and workers.

Each service's FastAPI app runs in-process (``TestClient``) on a database of its own, relay off. The
runner reads each service's unsent outbox rows in order, hands one copy to every subscriber (the
subscription table the relay uses) through that service's real ``consume`` — the inbox, its
handlers and their transaction, exactly as a worker runs them — and marks the row sent once every
subscriber has it. It runs after every request a client makes, so a flow across services reads as
it would on the real bus once the system is quiet. The bus itself (relay, Redis, workers, faults)
is tested on real processes in tests/bus and tests/faults.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from shared.auth import Department, issue_token
from shared.bus.inbox import Handler, NotYetKnown, consume
from shared.bus.models import OutboxMessage
from shared.bus.subscriptions import subscribers
from shared.db import utcnow
from shared.runtime import definition_of
from shared.settings import DEV_SECRET, SERVICES
from shared.testing.databases import drop_database, fresh_database

log = logging.getLogger(__name__)

# No broker: the apps' start-up check of Redis persistence fails at once on a closed port.
NO_BROKER = "redis://127.0.0.1:1/0"
# A handler that keeps failing (not "not yet known": that waits for another event) fails the flow.
MAX_ROUNDS = 50


class UndeliverableError(RuntimeError):
    """An event no subscriber could take after every other event was delivered: the flow is stuck."""


@dataclass
class _Service:
    name: str
    app: FastAPI
    client: TestClient
    factory: sessionmaker[Session]
    handlers: dict[str, Handler]


@dataclass
class InProcessSystem:
    """Handles on the in-process system; ``close`` ends every app and drops its database."""

    work_dir: Path
    secret: str = DEV_SECRET
    services: dict[str, _Service] = field(default_factory=dict)
    database_urls: dict[str, str] = field(default_factory=dict)
    delivered: int = 0
    # (outbox row, service) pairs done while their row still waits for another subscriber.
    _done: set[tuple[str, int, str]] = field(default_factory=set)

    def start(self, names: tuple[str, ...] = tuple(SERVICES)) -> InProcessSystem:
        for name in names:
            url = fresh_database(name, self.work_dir)
            self.database_urls[name] = url
            definition = definition_of(name)
            settings = definition.settings(
                database_url=url,
                broker_url=NO_BROKER,
                environment="test",
                auth_secret=self.secret,
                data_dir=self.work_dir,
            )
            app = importlib.import_module(f"{name}.main").create_app(settings, run_relay=False)
            client = TestClient(app, raise_server_exceptions=False)
            client.__enter__()
            runtime = app.state.runtime
            self.services[name] = _Service(name, app, client, runtime.session_factory, runtime.handlers)
        return self

    def url(self, service: str) -> str:
        return "http://testserver"

    def token(self, department: Department, user: str = "testbruger") -> str:
        return issue_token(self.secret, user=user, department=department)

    def client(self, service: str, department: Department, user: str = "testbruger") -> httpx.Client:
        """A client of ``service`` signed in as ``department``; after each answer, events are delivered."""
        own = self.services[service]
        client = TestClient(own.app, raise_server_exceptions=False)
        client.headers["Authorization"] = f"Bearer {self.token(department, user)}"
        client.event_hooks["response"].append(lambda _response: self.deliver())
        return client

    def factory(self, service: str) -> sessionmaker[Session]:
        return self.services[service].factory

    # -- the runner ---------------------------------------------------------------------------------
    def deliver(self) -> int:
        """Deliver every unsent event, and the events their handlers publish, until the system is quiet.

        Returns how many deliveries were made. An event a subscriber does not know enough for yet
        (``NotYetKnown``) waits while others are delivered; one that still cannot be delivered when
        nothing else moves raises ``UndeliverableError``; a handler's error is raised as it is."""
        made = 0
        for _round in range(MAX_ROUNDS):
            moved, waiting = self._round()
            made += moved
            if not waiting and not moved:
                self.delivered += made
                return made
            if waiting and not moved:
                raise UndeliverableError(f"events no subscriber can take yet: {waiting}")
        raise UndeliverableError(f"the system did not become quiet in {MAX_ROUNDS} rounds")

    def _round(self) -> tuple[int, list[str]]:
        moved, waiting = 0, []
        for producer in self.services.values():
            for row_id, event_type, envelope in self._unsent(producer):
                message = json.loads(envelope)
                complete = True
                for name in subscribers(event_type):
                    key = (producer.name, row_id, name)
                    if key in self._done or name not in self.services:
                        continue
                    consumer = self.services[name]
                    try:
                        consume(consumer.factory, name, message, consumer.handlers)
                    except NotYetKnown:
                        complete = False
                        waiting.append(f"{event_type} for {name}")
                        continue
                    self._done.add(key)
                    moved += 1
                if complete:
                    self._mark_sent(producer, row_id)
                    self._done = {k for k in self._done if k[:2] != (producer.name, row_id)}
        return moved, waiting

    @staticmethod
    def _unsent(service: _Service) -> list[tuple[int, str, str]]:
        with service.factory() as session:
            query = select(OutboxMessage.id, OutboxMessage.event_type, OutboxMessage.envelope)
            rows = session.execute(query.where(OutboxMessage.sent_at.is_(None)).order_by(OutboxMessage.id))
            return [(r.id, r.event_type, r.envelope) for r in rows]

    @staticmethod
    def _mark_sent(service: _Service, row_id: int) -> None:
        with service.factory.begin() as session:
            session.execute(update(OutboxMessage).where(OutboxMessage.id == row_id).values(sent_at=utcnow()))

    def close(self) -> None:
        for own in self.services.values():
            with contextlib.suppress(Exception):
                own.client.__exit__(None, None, None)
            own.app.state.runtime.engine.dispose()
        for url in self.database_urls.values():
            with contextlib.suppress(Exception):
                drop_database(url)


@contextlib.contextmanager
def in_process_system(work_dir: Path, names: tuple[str, ...] = tuple(SERVICES)) -> Iterator[InProcessSystem]:
    system = InProcessSystem(work_dir)
    try:
        yield system.start(names)
    finally:
        system.close()

"""Fixtures shared by the whole suite.

- ``broker``: a throwaway redis-server (own port and folder, AOF on) for the session.
- ``system``: all five services as real processes (worker + uvicorn API each) on that broker.
- ``make_app``: one service's FastAPI app in-process on a fresh database, relay off, for API tests
  that assert what was written and what waits in the outbox.
- ``flow``: all five services' apps in this process, each on its own database, with every event
  delivered through the subscribers' real ``consume`` after each request (shared/testing/inprocess.py):
  flows across services without Redis or worker processes.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from shared.auth import Department, issue_token
from shared.bus.models import OutboxMessage
from shared.runtime import definition_of
from shared.settings import DEV_SECRET
from shared.testing.databases import drop_database, fresh_database
from shared.testing.inprocess import InProcessSystem, in_process_system
from shared.testing.redis_server import RedisServer
from shared.testing.system import System, start_system

# Under pytest-xdist (``dev.py test`` runs the suite on several processes), what must not run side by
# side stays on one process: the fault scenarios and the bus contract (real workers, throwaway brokers,
# timings), and the tests on the one real system (its processes start once per process that needs it).
# Every other test goes to whichever process is free.
_TOGETHER = (
    ("tests/faults/", "faults"),
    ("tests/bus/", "bus"),
    ("tests/browser/", "system"),
    ("tests/e2e/test_first_flow.py", "system"),
)


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    from xdist.scheduler import LoadScopeScheduling

    class Together(LoadScopeScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            return next((group for prefix, group in _TOGETHER if nodeid.startswith(prefix)), nodeid)

    return Together(config, log)


@pytest.fixture(scope="session")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path_factory.mktemp("broker")).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def system(broker: RedisServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[System]:
    running = start_system(broker.url, tmp_path_factory.mktemp("system"))
    yield running
    running.stop()


@pytest.fixture
def flow(tmp_path: Path) -> Iterator[InProcessSystem]:
    with in_process_system(tmp_path) as running:
        yield running


def token(department: Department, user: str = "testbruger") -> str:
    return issue_token(DEV_SECRET, user=user, department=department)


def auth(department: Department, user: str = "testbruger") -> dict[str, str]:
    return {"Authorization": f"Bearer {token(department, user)}"}


class ServiceApp:
    """An in-process app on its own database, with helpers to read that database."""

    def __init__(self, service: str, client: TestClient, factory: sessionmaker[Session], url: str) -> None:
        self.service, self.client, self.factory, self.url = service, client, factory, url

    def as_(self, department: Department, user: str = "testbruger") -> dict[str, str]:
        return auth(department, user)

    def outbox(self) -> list[dict[str, Any]]:
        with self.factory() as session:
            rows = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
            return [json.loads(r.envelope) for r in rows]

    def count(self, model: type[Any]) -> int:
        with self.factory() as session:
            return len(session.scalars(select(model)).all())


@pytest.fixture
def make_app(tmp_path: Path, broker: RedisServer) -> Iterator[Callable[[str], ServiceApp]]:
    made: list[tuple[TestClient, str]] = []

    def make(service: str) -> ServiceApp:
        url = fresh_database(service, tmp_path)
        settings = definition_of(service).settings(database_url=url, broker_url=broker.url, environment="test")
        app = importlib.import_module(f"{service}.main").create_app(settings, run_relay=False)
        client = TestClient(app, raise_server_exceptions=False)
        client.__enter__()
        made.append((client, url))
        return ServiceApp(service, client, app.state.runtime.session_factory, url)

    yield make
    for client, url in made:
        client.__exit__(None, None, None)
        client.app.state.runtime.engine.dispose()  # type: ignore[attr-defined]
        drop_database(url)

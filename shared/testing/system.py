"""The whole system on one machine: a broker, five databases, workers and APIs as real processes.

Used by the end-to-end and browser tests, the benchmarks and ``dev.py up``.
"""

from __future__ import annotations

import contextlib
import signal
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from shared.auth import Department, issue_token
from shared.runtime import scheduled_services
from shared.settings import DEV_SECRET, SERVICES
from shared.testing.databases import drop_database, fresh_database
from shared.testing.processes import (
    ServiceProcess,
    api,
    beat,
    wait_http_ready,
    wait_worker_ready,
    worker,
)
from shared.testing.redis_server import free_port

# Services with periodic jobs (declared in their bootstrap), each run by its own celery beat.
BEAT_SERVICES = scheduled_services()


def planned_processes(services: tuple[str, ...], *, with_apis: bool, with_beat: bool) -> list[tuple[str, str]]:
    """(role, service) of every process ``start_system`` starts: a worker per service, its API, and a
    beat for each service whose declaration has periodic jobs (read now, not kept by hand)."""
    scheduled = scheduled_services() if with_beat else ()
    roles = [("worker", name) for name in services]
    roles += [("api", name) for name in services if with_apis]
    return roles + [("beat", name) for name in services if name in scheduled]


@dataclass
class System:
    """Handles on a running system; ``stop`` ends every process it started."""

    broker_url: str
    work_dir: Path
    secret: str = DEV_SECRET
    database_urls: dict[str, str] = field(default_factory=dict)
    ports: dict[str, int] = field(default_factory=dict)
    workers: dict[str, ServiceProcess] = field(default_factory=dict)
    apis: dict[str, ServiceProcess] = field(default_factory=dict)
    beats: dict[str, ServiceProcess] = field(default_factory=dict)
    extra_env: dict[str, str] = field(default_factory=dict)

    def env(self) -> dict[str, str]:
        env = {
            "INTEGRATION_BROKER_URL": self.broker_url,
            "INTEGRATION_ENVIRONMENT": "test",
            "INTEGRATION_AUTH_SECRET": self.secret,
            "INTEGRATION_DATA_DIR": str(self.work_dir),
            **{f"{name.upper()}_DATABASE_URL": url for name, url in self.database_urls.items()},
            **{f"{name.upper()}_PORT": str(port) for name, port in self.ports.items()},
            **{f"INTEGRATION_{name.upper()}_URL": self.url(name) for name in self.ports},
        }
        env.update(self.extra_env)
        return env

    def url(self, service: str) -> str:
        return f"http://127.0.0.1:{self.ports[service]}"

    def token(self, department: Department, user: str = "testbruger") -> str:
        return issue_token(self.secret, user=user, department=department)

    def client(self, service: str, department: Department, user: str = "testbruger") -> httpx.Client:
        return httpx.Client(
            base_url=self.url(service), timeout=30, headers={"Authorization": f"Bearer {self.token(department, user)}"}
        )

    def start_worker(self, service: str, **kwargs: object) -> ServiceProcess:
        proc = worker(service, self.env(), self.work_dir / "logs", **kwargs).start()  # type: ignore[arg-type]
        self.workers[f"{service}:{proc.log_path.name}"] = proc
        wait_worker_ready(proc)
        return proc

    def stop(self) -> None:
        procs = [*self.apis.values(), *self.beats.values(), *self.workers.values()]
        for proc in procs:  # all shut down at once (a worker's warm shutdown takes seconds)
            with contextlib.suppress(Exception):
                proc.signal(signal.SIGTERM)
        for proc in procs:
            with contextlib.suppress(Exception):
                proc.stop()
        for url in self.database_urls.values():
            with contextlib.suppress(Exception):
                drop_database(url)


def start_system(
    broker_url: str,
    work_dir: Path,
    *,
    services: tuple[str, ...] = tuple(SERVICES),
    with_apis: bool = True,
    with_beat: bool = False,
    database_urls: dict[str, str] | None = None,
    ports: dict[str, int] | None = None,
    extra_env: dict[str, str] | None = None,
    host: str = "127.0.0.1",
) -> System:
    """Create databases (migrated), then start a worker and, optionally, the API of each service."""
    system = System(broker_url=broker_url, work_dir=work_dir, extra_env=dict(extra_env or {}))
    (work_dir / "logs").mkdir(parents=True, exist_ok=True)
    try:
        for name in services:
            system.database_urls[name] = (database_urls or {}).get(name) or fresh_database(name, work_dir)
            system.ports[name] = (ports or {}).get(name) or free_port()
        env = system.env()
        for role, name in planned_processes(services, with_apis=with_apis, with_beat=with_beat):
            if role == "worker":
                system.workers[name] = worker(name, env, work_dir / "logs").start()
            elif role == "api":
                system.apis[name] = api(name, system.ports[name], env, work_dir / "logs", host=host).start()
            else:
                system.beats[name] = beat(name, env, work_dir / "logs").start()
        for name in services:
            wait_worker_ready(system.workers[name])
            if with_apis:
                wait_http_ready(system.apis[name], system.url(name))
    except BaseException:
        system.stop()
        raise
    return system

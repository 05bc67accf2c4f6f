"""Handovers through the whole system: HTTP POST /handovers to reception's uvicorn, then wait until
housing's worker ran its readiness check and reception's worker opened the onboarding tasks.

Completion times come from the services' own databases (the inbox rows' ``handled_at``, written in
the handler's transaction), so the figures do not depend on how often this process polls.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from shared.auth import Department
from shared.bus.models import InboxMessage, OutboxMessage
from shared.db import make_engine
from shared.testing.system import System

CASE_OPENED = "reception.case_opened"


def handover_body() -> dict[str, Any]:
    return {
        "immigration_person_id": f"UDL-{uuid.uuid4().hex[:10]}",
        "full_name": "Amina Haddad",
        "date_of_birth": "1990-01-02",
        "nationality": "SYR",
        "residence_basis": "asylum_7_1",
        "asylum_centre": "Center Sandholm",
        "asylum_centre_contact": "Mette Hansen, 72 11 22 33",
        "family_members": [{"full_name": "Omar Haddad", "date_of_birth": "2015-03-04", "relation": "child"}],
        "expected_arrival_date": (date.today() + timedelta(days=10)).isoformat(),
    }


def epoch(value: datetime) -> float:
    """Stored datetimes are UTC; SQLite gives them back naive."""
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).timestamp()


@dataclass
class Posted:
    case_id: int
    started: float  # time.time() just before the request was sent
    answered: float


@dataclass
class PostResults:
    posted: list[Posted] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def error(self, what: str) -> None:
        with self.lock:
            self.errors[what] = self.errors.get(what, 0) + 1


class HandoverClient:
    """Posts handovers as Udlændingestyrelsen, one httpx client per thread."""

    def __init__(self, system: System) -> None:
        self.system = system
        self.results = PostResults()
        self._local = threading.local()

    def _client(self) -> httpx.Client:
        client = getattr(self._local, "client", None)
        if client is None:
            client = self.system.client("reception", Department.UDLAENDINGESTYRELSEN, user="benchmark")
            self._local.client = client
        return client

    def post_one(self) -> None:
        started = time.time()
        try:
            resp = self._client().post("/handovers", json=handover_body())
        except httpx.HTTPError as exc:
            self.results.error(type(exc).__name__)
            return
        if resp.status_code != 201:
            self.results.error(f"HTTP {resp.status_code}")
            return
        with self.results.lock:
            self.results.posted.append(Posted(resp.json()["id"], started, time.time()))

    def burst(self, count: int, concurrency: int) -> float:
        """Post ``count`` handovers from ``concurrency`` threads as fast as answered; return seconds taken."""
        t0 = time.time()
        with ThreadPoolExecutor(concurrency) as pool:
            for _ in range(count):
                pool.submit(self.post_one)
        return time.time() - t0


class FlowProbe:
    """Reads reception's and housing's databases to see when each case's flow completed."""

    def __init__(self, system: System) -> None:
        self.engines: dict[str, Engine] = {name: make_engine(url) for name, url in system.database_urls.items()}

    def close(self) -> None:
        for engine in self.engines.values():
            engine.dispose()

    def _session(self, service: str) -> Session:
        return Session(self.engines[service])

    def event_ids(self, case_ids: Iterable[int]) -> dict[int, str]:
        """case id → the event id of its case_opened event (from reception's outbox)."""
        wanted = set(case_ids)
        found: dict[int, str] = {}
        with self._session("reception") as session:
            for event_id, envelope in session.execute(
                select(OutboxMessage.event_id, OutboxMessage.envelope).where(OutboxMessage.event_type == CASE_OPENED)
            ):
                case_id = json.loads(envelope)["payload"]["case_id"]
                if case_id in wanted:
                    found[case_id] = event_id
        return found

    def handled(self, consumer: str, event_ids: set[str]) -> dict[str, float]:
        with self._session(consumer) as session:
            rows = session.execute(
                select(InboxMessage.event_id, InboxMessage.handled_at).where(
                    InboxMessage.consumer == consumer, InboxMessage.event_type == CASE_OPENED
                )
            ).all()
        return {eid: epoch(at) for eid, at in rows if eid in event_ids}

    def completions(self, posted: list[Posted], timeout: float, interval: float = 0.1) -> dict[int, float]:
        """Wait until housing and reception handled every case's case_opened; case id → completion time."""
        events = self.event_ids(p.case_id for p in posted)
        ids = set(events.values())
        deadline = time.monotonic() + timeout
        while True:
            housing, reception = self.handled("housing", ids), self.handled("reception", ids)
            if (len(housing) == len(ids) and len(reception) == len(ids)) or time.monotonic() > deadline:
                break
            time.sleep(interval)
        return {
            case_id: max(housing[eid], reception[eid])
            for case_id, eid in events.items()
            if eid in housing and eid in reception
        }

    def check_effects(self, case_ids: list[int]) -> tuple[int, int]:
        """(cases with a housing readiness check, cases with six onboarding tasks) among ``case_ids``."""
        from housing.readiness.models import ReadinessCheck
        from reception.onboarding.models import OnboardingTask

        with self._session("housing") as session:
            checks = session.scalar(
                select(func.count()).select_from(ReadinessCheck).where(ReadinessCheck.case_id.in_(case_ids))
            )
        with self._session("reception") as session:
            full = session.execute(
                select(OnboardingTask.case_id)
                .where(OnboardingTask.case_id.in_(case_ids))
                .group_by(OnboardingTask.case_id)
                .having(func.count() == 6)
            ).all()
        return int(checks or 0), len(full)


@dataclass
class FlowFigures:
    handovers: int
    completed: int
    rate: float  # completed handovers per second, first POST sent → last flow completed
    post_rate: float  # answered POSTs per second
    p50_ms: float
    p95_ms: float
    errors: dict[str, int]
    checks: int
    onboarded: int


def measure(system: System, count: int, concurrency: int, timeout: float = 120.0) -> FlowFigures:
    """Post ``count`` handovers with ``concurrency`` clients and time each one's whole flow."""
    from benchmarks.common import percentile

    client = HandoverClient(system)
    probe = FlowProbe(system)
    try:
        post_seconds = client.burst(count, concurrency)
        posted = client.results.posted
        done = probe.completions(posted, timeout)
        latencies = [done[p.case_id] - p.started for p in posted if p.case_id in done]
        first = min((p.started for p in posted), default=0.0)
        last = max(done.values(), default=first)
        checks, onboarded = probe.check_effects([p.case_id for p in posted])
    finally:
        probe.close()
    return FlowFigures(
        handovers=len(posted),
        completed=len(done),
        rate=len(done) / (last - first) if last > first else float("nan"),
        post_rate=len(posted) / post_seconds if post_seconds else float("nan"),
        p50_ms=percentile(latencies, 50) * 1000,
        p95_ms=percentile(latencies, 95) * 1000,
        errors=dict(client.results.errors),
        checks=checks,
        onboarded=onboarded,
    )


def measure_idle(system: System, count: int, timeout: float = 60.0) -> tuple[float, float]:
    """End-to-end latency of one handover at a time on an otherwise idle system: (p50, p95) in ms."""
    from benchmarks.common import percentile

    client = HandoverClient(system)
    probe = FlowProbe(system)
    latencies = []
    try:
        for _ in range(count):
            client.post_one()
            if not client.results.posted:
                continue
            posted = client.results.posted.pop()
            done = probe.completions([posted], timeout, interval=0.01)
            if posted.case_id in done:
                latencies.append(done[posted.case_id] - posted.started)
            time.sleep(0.05)
    finally:
        probe.close()
    return percentile(latencies, 50) * 1000, percentile(latencies, 95) * 1000

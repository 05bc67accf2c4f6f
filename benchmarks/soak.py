"""Soak run (not in CI): handovers at half capacity for N minutes while workers and Redis crash.

    PYTHONPATH=. .venv/bin/python -m benchmarks.soak --minutes 10
    PYTHONPATH=. .venv/bin/python -m benchmarks.soak --minutes 2 --rate 5

The whole system runs as real processes (``start_system``: five workers and five uvicorn APIs) on
a throwaway redis-server with AOF. The run first measures capacity (a burst of handovers) and then
posts at half of it (or ``--rate``). Every ``--kill-every`` seconds one service's worker is SIGKILLed
(main process and pool child, mid-whatever) and a new one started, round robin; once, Redis is
stopped and started again. At the end it waits for the backlog to drain and counts, from the
databases and the worker logs:

- published: outbox rows, per service and event type;
- handled: inbox rows per consumer, against what the subscription registry says each should get;
- duplicates suppressed: "duplicate suppressed" lines in the worker logs (redeliveries the inbox
  absorbed), and task deliveries logged by the workers;
- lost: published × subscribers − handled − dead-lettered, per consumer. Must be 0.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import re
import shutil
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from benchmarks import flow
from benchmarks.common import print_table, use_postgres
from shared.bus.models import DeadLetter, InboxMessage, OutboxMessage
from shared.bus.subscriptions import SUBSCRIPTIONS, subscribers
from shared.bus.transport import INFLIGHT
from shared.db import make_engine
from shared.settings import ServiceSettings
from shared.testing.redis_server import RedisServer
from shared.testing.system import System, start_system


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


class Sender:
    """Posts handovers open-loop at ``rate`` per second until stopped."""

    def __init__(self, system: System, rate: float, concurrency: int) -> None:
        self.client = flow.HandoverClient(system)
        self.rate, self.concurrency = rate, concurrency
        self.stop = threading.Event()
        self.submitted = 0
        self.thread = threading.Thread(target=self._run, name="sender", daemon=True)

    def _run(self) -> None:
        with ThreadPoolExecutor(self.concurrency) as pool:
            t0 = time.monotonic()
            for i in itertools.count():
                delay = t0 + i / self.rate - time.monotonic()
                if self.stop.wait(max(0.0, delay)):
                    break
                pool.submit(self.client.post_one)
                self.submitted += 1


class Counts:
    """What every service's database says about the bus."""

    def __init__(self, system: System) -> None:
        self.engines: dict[str, Engine] = {name: make_engine(url) for name, url in system.database_urls.items()}

    def close(self) -> None:
        for engine in self.engines.values():
            engine.dispose()

    def published(self) -> dict[str, Counter[str]]:
        """service → event type → outbox rows."""
        out: dict[str, Counter[str]] = {}
        for name, engine in self.engines.items():
            with Session(engine) as session:
                rows = session.execute(
                    select(OutboxMessage.event_type, func.count()).group_by(OutboxMessage.event_type)
                ).all()
            out[name] = Counter({str(t): int(n) for t, n in rows})
        return out

    def unsent(self) -> int:
        total = 0
        for engine in self.engines.values():
            with Session(engine) as session:
                total += int(
                    session.scalar(
                        select(func.count()).select_from(OutboxMessage).where(OutboxMessage.sent_at.is_(None))
                    )
                    or 0
                )
        return total

    def handled(self) -> dict[str, int]:
        out = {}
        for name, engine in self.engines.items():
            with Session(engine) as session:
                out[name] = int(
                    session.scalar(select(func.count()).select_from(InboxMessage).where(InboxMessage.consumer == name))
                    or 0
                )
        return out

    def dead_letters(self) -> dict[str, int]:
        out = {}
        for name, engine in self.engines.items():
            with Session(engine) as session:
                out[name] = int(
                    session.scalar(
                        select(func.count(func.distinct(DeadLetter.event_id))).where(DeadLetter.replayed_at.is_(None))
                    )
                    or 0
                )
        return out

    def expected(self) -> dict[str, int]:
        """consumer → deliveries the subscription registry asks for, over everything published."""
        want: Counter[str] = Counter()
        for per_type in self.published().values():
            for event_type, n in per_type.items():
                for consumer in subscribers(event_type):
                    want[consumer] += n
        return {name: want.get(name, 0) for name in self.engines}


def broker_backlog(redis: RedisServer, services: list[str]) -> tuple[int, int]:
    """(messages waiting in the services' queues or taken into a worker's in-flight list and not yet
    recorded, messages delivered but not acknowledged)."""
    client = redis.client()
    try:
        queued = sum(int(client.llen(name)) for name in services)
        queued += sum(int(client.llen(key)) for key in client.smembers(INFLIGHT))
        return queued, int(client.hlen("unacked"))
    finally:
        client.close()


def log_counts(logs: Path) -> tuple[int, Counter[str]]:
    """("duplicate suppressed" lines, task deliveries per service) over every worker log, dead or alive."""
    duplicates = 0
    received: Counter[str] = Counter()
    pattern = re.compile(r"Task (\w+)\.handle_event\[[^\]]+\] received")
    for path in logs.glob("*.log"):
        text = path.read_text(errors="replace")
        duplicates += text.count("duplicate suppressed")
        for match in pattern.finditer(text):
            received[match.group(1)] += 1
    return duplicates, received


def run(args: argparse.Namespace, work: Path) -> int:
    redis = RedisServer(work / "redis").start()
    system: System | None = None
    counts: Counts | None = None
    try:
        system = start_system(redis.url, work / "system")
        services = list(system.workers)
        counts = Counts(system)
        log(f"system up: {', '.join(services)} on {redis.url} (AOF everysec)")
        rate = args.rate
        if not rate:
            fig = flow.measure(system, args.capacity_handovers, args.concurrency)
            rate = fig.rate / 2
            log(
                f"capacity: {fig.rate:.1f} handovers/s ({fig.completed}/{fig.handovers} flows, "
                f"p50 {fig.p50_ms:.0f} ms); soaking at half: {rate:.1f}/s"
            )
        duration = args.minutes * 60
        sender = Sender(system, rate, args.concurrency)
        start = time.monotonic()
        sender.thread.start()
        kills = [args.kill_every * k for k in range(1, int(duration // args.kill_every) + 1)]
        kills = [t for t in kills if t < duration]
        redis_at = duration / 2 + 15 if duration > 30 else None
        victims = itertools.cycle(services)
        events: list[str] = []
        next_report = 30.0
        while (elapsed := time.monotonic() - start) < duration:
            if kills and elapsed >= kills[0]:
                kills.pop(0)
                service = next(victims)
                proc = system.workers[service]
                proc.kill()  # SIGKILL the main process and its pool child
                t0 = time.monotonic()
                system.workers[service] = system.start_worker(service)
                ready = time.monotonic() - t0
                events.append(f"{elapsed:5.0f}s SIGKILL {service} worker, new one ready in {ready:.1f}s")
                log(events[-1])
            elif redis_at is not None and elapsed >= redis_at:
                redis_at = None
                redis.stop()
                time.sleep(2.0)
                redis.start()
                events.append(f"{elapsed:5.0f}s Redis stopped, down 2 s, started again (AOF)")
                log(events[-1])
            elif elapsed >= next_report:
                next_report += 30
                queued, unacked = broker_backlog(redis, services)
                log(
                    f"{elapsed:4.0f}s: posted {len(sender.client.results.posted)}, errors "
                    f"{sum(sender.client.results.errors.values())}, outbox unsent {counts.unsent()}, "
                    f"queued {queued}, unacked {unacked}"
                )
            time.sleep(0.2)
        sender.stop.set()
        sender.thread.join(60)
        posted = sender.client.results.posted
        log(f"stopped posting after {time.monotonic() - start:.0f}s: {len(posted)} handovers answered 201")

        # Drain: everything sent, every queue empty, nothing unacknowledged, every consumer caught up.
        visibility = ServiceSettings().visibility_timeout
        deadline = time.monotonic() + args.drain_timeout
        drained_in = None
        t_drain = time.monotonic()
        while time.monotonic() < deadline:
            queued, unacked = broker_backlog(redis, services)
            expected, handled, dead = counts.expected(), counts.handled(), counts.dead_letters()
            behind = sum(max(0, expected[s] - handled[s] - dead[s]) for s in expected)
            if counts.unsent() == 0 and queued == 0 and unacked == 0 and behind == 0:
                drained_in = time.monotonic() - t_drain
                break
            time.sleep(0.5)
        log(
            f"backlog drained in {drained_in:.1f}s"
            if drained_in is not None
            else f"backlog NOT drained after {args.drain_timeout:.0f}s (visibility timeout {visibility}s)"
        )
        return report(system, counts, redis, services, posted, sender, events, work)
    finally:
        if counts is not None:
            counts.close()
        if system is not None:
            system.stop()
        redis.stop()


def report(
    system: System,
    counts: Counts,
    redis: RedisServer,
    services: list[str],
    posted: list[flow.Posted],
    sender: Sender,
    events: list[str],
    work: Path,
) -> int:
    published = counts.published()
    expected, handled, dead = counts.expected(), counts.handled(), counts.dead_letters()
    duplicates, received = log_counts(work / "system" / "logs")
    queued, unacked = broker_backlog(redis, services)
    probe = flow.FlowProbe(system)
    try:
        case_ids = [p.case_id for p in posted]
        checks, onboarded = probe.check_effects(case_ids) if case_ids else (0, 0)
    finally:
        probe.close()
    print()
    print("soak: chaos during the run")
    for line in events:
        print("   " + line)
    print()
    print("published (outbox rows)")
    rows = [
        [service, event_type, str(n), ",".join(subscribers(event_type)) or "—"]
        for service, per_type in published.items()
        for event_type, n in sorted(per_type.items())
    ]
    print_table(["producer", "event type", "rows", "subscribers"], rows or [["—", "—", "0", "—"]])
    print()
    print("per consumer")
    lost_total = 0
    rows = []
    for name in services:
        lost = expected[name] - handled[name] - dead[name]
        lost_total += max(lost, 0)
        rows.append(
            [name, str(expected[name]), str(handled[name]), str(dead[name]), str(received.get(name, 0)), str(lost)]
        )
    print_table(
        ["consumer", "expected (published×subscribed)", "handled (inbox)", "dead letters", "deliveries logged", "lost"],
        rows,
    )
    total_published = sum(sum(c.values()) for c in published.values())
    print()
    print(f"   events published: {total_published} outbox rows; deliveries expected {sum(expected.values())}")
    print(f"   handled: {sum(handled.values())} inbox rows; dead letters: {sum(dead.values())}")
    print(f"   duplicates suppressed (worker logs): {duplicates}")
    print(f"   LOST: {lost_total}  {'(ok)' if lost_total == 0 else '(!!!)'}")
    print(
        f"   handovers: {sender.submitted} sent, {len(posted)} answered 201, errors "
        f"{dict(sender.client.results.errors) or 'none'}; readiness checks {checks}, "
        f"cases with 6 onboarding tasks {onboarded}"
    )
    print(f"   left on the broker: {queued} queued, {unacked} unacknowledged; outbox unsent {counts.unsent()}")
    unknown = sorted({t for c in published.values() for t in c} - set(SUBSCRIPTIONS))
    if unknown:
        print(f"   event types missing from the subscription registry: {', '.join(unknown)}")
    return 0 if lost_total == 0 else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to post handovers (default 10)")
    parser.add_argument("--rate", type=float, help="handovers per second (default: half the measured capacity)")
    parser.add_argument("--capacity-handovers", type=int, default=100, help="burst size of the capacity measurement")
    parser.add_argument("--concurrency", type=int, default=8, help="HTTP clients")
    parser.add_argument("--kill-every", type=float, default=60.0, help="seconds between worker SIGKILLs")
    parser.add_argument("--drain-timeout", type=float, default=240.0, help="seconds to wait for the backlog")
    parser.add_argument("--postgres", metavar="URL", help="admin URL: create the databases on PostgreSQL")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (logs, databases)")
    args = parser.parse_args(argv)
    use_postgres(args.postgres)
    work = Path(tempfile.mkdtemp(prefix="soak-"))
    code = 2
    try:
        code = run(args, work)
    finally:
        kept = args.keep or code != 0
        print(f"   work folder {work} ({'kept' if kept else 'removed'})")
        if not kept:
            with contextlib.suppress(Exception):
                shutil.rmtree(work)
    return code


if __name__ == "__main__":
    raise SystemExit(main())

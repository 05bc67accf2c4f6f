"""Bus benchmark: outbox → relay → Redis → worker → inbox, next to plain Celery, in one run.

    PYTHONPATH=. .venv/bin/python -m benchmarks.bench_bus            # full run (a few minutes)
    PYTHONPATH=. .venv/bin/python -m benchmarks.bench_bus --quick    # smoke run (< 60 s)

Everything runs on a throwaway redis-server (AOF everysec, like production) and real worker
processes built with ``shared.bus.worker.make_celery`` (the production broker and worker settings).
Each figure is printed next to the plain-Celery figure measured in the same run, as a ratio
(ENGINEERING.md §5). See benchmarks/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path
from typing import Any

import psutil
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from benchmarks import bench_app, flow, noop_app
from benchmarks.common import (
    bench_env,
    celery_worker,
    deployed_worker_concurrency,
    dev_worker_concurrency,
    fmt_rate,
    fmt_ratio,
    median,
    percentile,
    print_table,
    stop_processes,
    use_postgres,
)
from shared.bus.envelope import envelope_for
from shared.bus.models import InboxMessage, OutboxMessage
from shared.bus.outbox import publish
from shared.db import make_engine
from shared.runtime import ServiceRuntime
from shared.testing.databases import drop_database, fresh_database
from shared.testing.processes import ServiceProcess, wait_for, wait_worker_ready
from shared.testing.redis_server import RedisServer
from shared.testing.system import start_system

PUBLISHER = "benchpub"
TX_SIZE = 100  # events per publishing transaction in the throughput run
# Figure 3 reads the time the consumer stamped, so it need not look at once: it waits this long
# first. Polling at once held this process's GIL while its relay thread was to send the event
# (measured: commit → sent p50 0.57 ms with the publisher idle, 2.78 ms while it polled).
HANDS_OFF = 0.02


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


@dataclass
class Results:
    bus_rate: list[float] = field(default_factory=list)  # no-op handler: the inbox row is the only write
    effect_rate: list[float] = field(default_factory=list)  # the handler writes one row too
    noop_rate: list[float] = field(default_factory=list)
    bus_cpu_ms: list[float] = field(default_factory=list)  # worker CPU (main + pool child) per event
    effect_cpu_ms: list[float] = field(default_factory=list)
    noop_cpu_ms: list[float] = field(default_factory=list)
    # Figure 1 again with the other pool size (args.other_concurrency).
    other_bus_rate: list[float] = field(default_factory=list)
    other_noop_rate: list[float] = field(default_factory=list)
    relay_rate: list[float] = field(default_factory=list)
    apply_rate: list[float] = field(default_factory=list)
    bus_latency: list[float] = field(default_factory=list)
    celery_latency: list[float] = field(default_factory=list)
    flow: flow.FlowFigures | None = None
    flow_idle_ms: tuple[float, float] | None = None
    kill: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


class Bench:
    """The throwaway broker, databases and processes of one benchmark run."""

    def __init__(self, args: argparse.Namespace, work: Path) -> None:
        self.args, self.work = args, work
        self.redis = RedisServer(work / "redis").start()
        self.logs = work / "logs"
        self.env = {
            "INTEGRATION_BROKER_URL": self.redis.url,
            "INTEGRATION_ENVIRONMENT": "test",
            "INTEGRATION_DATA_DIR": str(work),
        }
        self.urls = {name: fresh_database(name, work, migrate=False) for name in (PUBLISHER, "bench", "benchhold")}
        for url in self.urls.values():
            bench_app.create_schema(url)
        bench_app.register_subscriptions()
        # The publishing side: its outbox and relay live in this process, like an API process's.
        self.pub: ServiceRuntime = bench_app.build(self._settings(PUBLISHER))
        # The same service's Celery app as its worker has: used for the apply_async baseline.
        self.bench_app = bench_app.build(self._settings("bench")).celery
        self.noop_app = noop_app.build(bench_app.BenchSettings(service_name=noop_app.QUEUE, **self._common()))
        self.engines = {name: make_engine(url) for name, url in self.urls.items()}
        self.processes: list[ServiceProcess] = []
        self.seq = 0
        self.counted = 0  # bench.counted events published so far (their inbox rows are counted)

    def _common(self) -> dict[str, Any]:
        return {"broker_url": self.redis.url, "environment": "test", "log_level": "WARNING", "data_dir": self.work}

    def _settings(self, service: str) -> bench_app.BenchSettings:
        return bench_app.BenchSettings(service_name=service, database_url=self.urls[service], **self._common())

    def close(self) -> None:
        self.pub.relay.stop()
        with contextlib.suppress(Exception):
            stop_processes(self.processes)
        for engine in self.engines.values():
            engine.dispose()
        self.pub.close()
        self.redis.stop()
        for url in self.urls.values():
            with contextlib.suppress(Exception):
                drop_database(url)

    # -- processes --------------------------------------------------------------------------------
    def worker(
        self, service: str, concurrency: int | None = None, extra_env: dict[str, str] | None = None
    ) -> ServiceProcess:
        if service == noop_app.QUEUE:
            env = self.env
            module = "benchmarks.noop_worker"
        else:
            env = {
                **self.env,
                "BENCH_SERVICE_NAME": service,
                "BENCH_DATABASE_URL": self.urls[service],
                **(extra_env or {}),
            }
            module = "benchmarks.bench_worker"
        proc = celery_worker(
            module,
            service,
            bench_env(env),
            self.logs,
            name=service,
            concurrency=concurrency or self.args.worker_concurrency,
        ).start()
        self.processes.append(proc)
        return proc

    # -- helpers ----------------------------------------------------------------------------------
    def next_seqs(self, n: int) -> range:
        start = self.seq
        self.seq += n
        return range(start, start + n)

    def publish(self, event_cls: type[bench_app.BenchEvent], seqs: range, tx_size: int) -> str:
        """Publish one event per seq; return the last one's event id."""
        factory = self.pub.session_factory
        last = ""
        for i in range(0, len(seqs), tx_size):
            with factory.begin() as session:
                for seq in seqs[i : i + tx_size]:
                    last = str(publish(session, event_cls(seq=seq, created=time.time()), producer=PUBLISHER).event_id)
        return last

    def effects(self, service: str, seqs: range) -> tuple[int, float | None]:
        """(handled count, latest handled time) of the events ``seqs`` in ``service``'s database."""
        E = bench_app.BenchEffect
        with Session(self.engines[service]) as session:
            count, last = session.execute(
                select(func.count(), func.max(E.handled_at)).where(E.seq >= seqs.start, E.seq < seqs.stop)
            ).one()
        return int(count), last

    def handled_at(self, service: str, seq: int) -> float | None:
        E = bench_app.BenchEffect
        with Session(self.engines[service]) as session:
            return session.scalar(select(E.handled_at).where(E.seq == seq))

    def sample_envelope(self) -> dict[str, Any]:
        return envelope_for(bench_app.Pinged(seq=-1, created=time.time()), producer=PUBLISHER).model_dump(mode="json")

    def wait_effects(self, service: str, seqs: range, timeout: float) -> float:
        def done() -> float | None:
            count, last = self.effects(service, seqs)
            return last if count >= len(seqs) else None

        return float(wait_for(done, timeout=timeout, interval=0.02, message=f"{len(seqs)} events handled"))  # type: ignore[arg-type]

    # -- 2: relay publish rate --------------------------------------------------------------------
    def relay_rate(self, backlog: int) -> float:
        seqs = self.next_seqs(backlog)
        self.publish(bench_app.Pinged, seqs, tx_size=1000)
        client = self.redis.client()
        t0 = time.perf_counter()
        sent = self.pub.relay.drain()
        seconds = time.perf_counter() - t0
        queued = client.llen("bench")
        client.delete("bench")
        if sent != backlog or queued != backlog:
            raise RuntimeError(f"relay sent {sent} rows, {queued} messages queued; expected {backlog}")
        return backlog / seconds

    def apply_async_rate(self, count: int) -> float:
        task = self.bench_app.tasks["bench.handle_event"]
        envelope = self.sample_envelope()
        client = self.redis.client()
        t0 = time.perf_counter()
        for _ in range(count):
            task.apply_async(args=(envelope,))
        seconds = time.perf_counter() - t0
        queued = client.llen("bench")
        client.delete("bench")
        if queued != count:
            raise RuntimeError(f"apply_async: {queued} messages in the bench queue, expected {count}")
        return count / seconds

    # -- 1: throughput ----------------------------------------------------------------------------
    def bus_rate(self, n: int) -> float:
        """Events whose handler does nothing: the like-for-like counterpart of the no-op task."""
        seqs = self.next_seqs(n)
        self.counted += n
        t0 = time.time()
        last_id = self.publish(bench_app.Counted, seqs, tx_size=TX_SIZE)
        # First a primary-key lookup of the last event: counting inbox rows every 20 ms scanned a
        # growing table and took the CPU the workers ran on (the no-op baseline polls a Redis key).
        wait_for(functools.partial(self.inbox_has, last_id), timeout=120 + n / 5, interval=0.02, message="last event")
        last = wait_for(
            functools.partial(self.counted_done, self.counted),
            timeout=120 + n / 5,
            interval=0.02,
            message=f"{n} events handled",
        )
        return n / (float(last) - t0)  # type: ignore[arg-type]

    def inbox_has(self, event_id: str) -> bool:
        with Session(self.engines["bench"]) as session:
            return session.get(InboxMessage, ("bench", event_id)) is not None

    def counted_done(self, expected: int) -> float | None:
        """The latest inbox ``handled_at`` (epoch seconds) once ``expected`` bench.counted events are handled."""
        with Session(self.engines["bench"]) as session:
            count, last = session.execute(
                select(func.count(), func.max(InboxMessage.handled_at)).where(
                    InboxMessage.event_type == bench_app.COUNTED
                )
            ).one()
        if count < expected or last is None:
            return None
        return float(last.replace(tzinfo=last.tzinfo or UTC).timestamp())

    def effect_rate(self, n: int) -> float:
        """Events whose handler writes one row (ORM), as a real handler's smallest effect."""
        seqs = self.next_seqs(n)
        t0 = time.time()
        self.publish(bench_app.Pinged, seqs, tx_size=TX_SIZE)
        last = self.wait_effects("bench", seqs, timeout=120 + n / 5)
        return n / (last - t0)

    def noop_rate(self, n: int) -> float:
        noop, mark = self.noop_app.tasks[noop_app.NOOP], self.noop_app.tasks[noop_app.MARK]
        envelope = self.sample_envelope()  # same message size as the bus's
        client = self.redis.client()
        key = f"bench:mark:{uuid.uuid4().hex}"
        t0 = time.time()
        for _ in range(n - 1):
            noop.apply_async(args=(envelope,))
        mark.apply_async(args=(key,))
        value = wait_for(lambda: client.get(key), timeout=120 + n / 5, interval=0.02, message="no-op tasks done")
        left = client.llen(noop_app.QUEUE)
        if left:
            raise RuntimeError(f"{left} no-op tasks still queued after the last one ran")
        return n / (float(value) - t0)  # type: ignore[arg-type]

    # -- 3: idle latency --------------------------------------------------------------------------
    def bus_latency(self, samples: int) -> list[float]:
        out = []
        factory: sessionmaker[Session] = self.pub.session_factory
        for seq in self.next_seqs(samples):
            with factory.begin() as session:
                publish(session, bench_app.Pinged(seq=seq, created=time.time()), producer=PUBLISHER)
            committed = time.time()  # the commit returned (its after_commit hook woke the relay)
            time.sleep(HANDS_OFF)
            handled = wait_for(
                functools.partial(self.handled_at, "bench", seq), timeout=30, interval=0.002, message="event handled"
            )
            out.append(float(handled) - committed)  # type: ignore[arg-type]
            time.sleep(0.03)  # idle between events
        return out

    def celery_latency(self, samples: int) -> list[float]:
        mark = self.noop_app.tasks[noop_app.MARK]
        client = self.redis.client()
        out = []
        for _ in range(samples):
            key = f"bench:lat:{uuid.uuid4().hex}"
            sent = time.time()
            mark.apply_async(args=(key,))
            time.sleep(HANDS_OFF)
            value = wait_for(functools.partial(client.get, key), timeout=30, interval=0.002, message="no-op task done")
            out.append(float(value) - sent)  # type: ignore[arg-type]
            time.sleep(0.03)
        return out

    # -- 5: killed worker -------------------------------------------------------------------------
    def kill_start(self, victim: ServiceProcess) -> dict[str, Any]:
        """Deliver an event to a worker that sleeps in its handler, SIGKILL it, start a fresh one."""
        client = self.redis.client()
        seq = self.next_seqs(1).start
        self.publish(bench_app.Held, range(seq, seq + 1), tx_size=1)
        wait_for(lambda: client.zcard("unacked_index"), timeout=30, interval=0.01, message="delivery to the victim")
        delivered = float(client.zrange("unacked_index", 0, 0, withscores=True)[0][1])
        time.sleep(1.0)  # well inside the handler (and its open transaction)
        killed = time.time()
        victim.kill()
        replacement = self.worker("benchhold")  # what a supervisor (systemd, compose) does
        return {"seq": seq, "delivered": delivered, "killed": killed, "replacement": replacement}

    def kill_finish(self, state: dict[str, Any], visibility: int) -> dict[str, float]:
        wait_worker_ready(state["replacement"])
        seq = state["seq"]
        handled = float(
            wait_for(  # type: ignore[arg-type]
                lambda: self.handled_at("benchhold", seq),
                timeout=visibility * 3 + 30,
                interval=0.05,
                message="the killed worker's event handled again",
            )
        )
        with Session(self.engines["benchhold"]) as session:
            effects = session.scalar(
                select(func.count()).select_from(bench_app.BenchEffect).where(bench_app.BenchEffect.seq == seq)
            )
            inbox = session.scalar(select(func.count()).select_from(InboxMessage))
        return {
            "after_kill": handled - state["killed"],
            "after_delivery": handled - state["delivered"],
            "effects": float(effects or 0),
            "inbox": float(inbox or 0),
        }

    def outbox_unsent(self) -> int:
        with Session(self.engines[PUBLISHER]) as session:
            return int(
                session.scalar(select(func.count()).select_from(OutboxMessage).where(OutboxMessage.sent_at.is_(None)))
                or 0
            )


def cpu_seconds(proc: ServiceProcess) -> float:
    """User + system CPU of a worker: its main process and its pool children."""
    try:
        main = psutil.Process(proc.pid)
        total = 0.0
        for p in [main, *main.children(recursive=True)]:
            times = p.cpu_times()
            total += times.user + times.system
        return total
    except psutil.NoSuchProcess:
        return float("nan")


def per_event_cpu(proc: ServiceProcess, n: int, fn: Callable[[int], float]) -> tuple[float, float]:
    """Run ``fn(n)``; return (its rate, the worker's CPU milliseconds per event meanwhile)."""
    before = cpu_seconds(proc)
    rate = fn(n)
    return rate, (cpu_seconds(proc) - before) / n * 1000


def timed(label: str, fn: Callable[[], Any]) -> Any:
    t0 = time.perf_counter()
    value = fn()
    log(f"{label} ({time.perf_counter() - t0:.1f}s)")
    return value


def run(args: argparse.Namespace, work: Path, parts: set[int], res: Results) -> None:
    bench = Bench(args, work)
    visibility = bench.pub.settings.visibility_timeout
    restore = bench.pub.settings.unacked_restore_interval
    try:
        log(f"redis-server {bench.redis.url} (AOF everysec), databases: {', '.join(bench.urls.values())}")
        if 2 in parts:  # first, while no worker consumes the bench queue
            for _ in range(args.repeats):
                res.relay_rate.append(bench.relay_rate(args.backlog))
                res.apply_rate.append(bench.apply_async_rate(args.apply_count))
            log(
                f"2: Relay.drain {args.backlog} rows: {fmt_rate(median(res.relay_rate))}; "
                f"apply_async {args.apply_count}: {fmt_rate(median(res.apply_rate))}"
            )
        bench.pub.relay.start()  # the relay thread, woken by each commit that wrote outbox rows
        victim = None
        if parts & {1, 3, 5}:
            procs = []
            if parts & {1, 3}:
                noop_worker, bench_worker = bench.worker(noop_app.QUEUE), bench.worker("bench")
                procs += [noop_worker, bench_worker]
            if 5 in parts:
                victim = bench.worker("benchhold", extra_env={bench_app.HOLD_ENV: "600"})
                procs.append(victim)
            for proc in procs:
                wait_worker_ready(proc)
            log(f"workers ready: {', '.join(p.name for p in procs)}")
        kill_state = None
        if 5 in parts and victim is not None and args.overlap_kill:
            # Quick run: the ~30 s wait for the visibility timeout overlaps with 1, 3 and 4.
            kill_state = timed("5: victim SIGKILLed mid-handler, replacement started", lambda: bench.kill_start(victim))
        if 1 in parts:
            for _ in range(args.repeats):
                rate, cpu = per_event_cpu(noop_worker, args.events, bench.noop_rate)
                res.noop_rate.append(rate)
                res.noop_cpu_ms.append(cpu)
                rate, cpu = per_event_cpu(bench_worker, args.events, bench.bus_rate)
                res.bus_rate.append(rate)
                res.bus_cpu_ms.append(cpu)
                rate, cpu = per_event_cpu(bench_worker, args.events, bench.effect_rate)
                res.effect_rate.append(rate)
                res.effect_cpu_ms.append(cpu)
            log(
                f"1: {args.events} events × {args.repeats}: bus {fmt_rate(median(res.bus_rate))} "
                f"(handler writing a row {fmt_rate(median(res.effect_rate))}), "
                f"plain Celery no-op {fmt_rate(median(res.noop_rate))}"
            )
        if 3 in parts:
            bench.bus_latency(5)  # warm up
            res.celery_latency = bench.celery_latency(args.latency_samples)
            res.bus_latency = bench.bus_latency(args.latency_samples)
            log(f"3: {args.latency_samples} idle events: p50 {percentile(res.bus_latency, 50) * 1000:.1f} ms")
        keep = [victim] + ([kill_state["replacement"]] if kill_state else [])
        stop_processes([p for p in bench.processes if p not in keep])
        if 1 in parts and args.other_concurrency != args.worker_concurrency:
            other = args.other_concurrency
            noop_worker, bench_worker = bench.worker(noop_app.QUEUE, other), bench.worker("bench", other)
            for proc in (noop_worker, bench_worker):
                wait_worker_ready(proc)
            for _ in range(args.repeats):
                res.other_noop_rate.append(bench.noop_rate(args.events))
                res.other_bus_rate.append(bench.bus_rate(args.events))
            log(
                f"1 (-c {other}): bus {fmt_rate(median(res.other_bus_rate))}, "
                f"plain Celery no-op {fmt_rate(median(res.other_noop_rate))}"
            )
            stop_processes([noop_worker, bench_worker])
        if 5 in parts and victim is not None and kill_state is None:
            kill_state = timed("5: victim SIGKILLed mid-handler, replacement started", lambda: bench.kill_start(victim))
            res.kill = timed("5: event handled again", lambda: bench.kill_finish(kill_state, visibility))
        if 4 in parts:
            sysdir = work / "system"
            system = timed("4: whole system started", lambda: start_system(bench.redis.url, sysdir))
            try:
                flow.measure(system, min(5, args.handovers), args.concurrency)  # warm up
                res.flow_idle_ms = timed(
                    f"4: {args.idle_handovers} handovers one at a time",
                    lambda: flow.measure_idle(system, args.idle_handovers),
                )
                res.flow = timed(
                    f"4: {args.handovers} handovers, {args.concurrency} clients",
                    lambda: flow.measure(system, args.handovers, args.concurrency),
                )
            finally:
                system.stop()
        if kill_state is not None and not res.kill:
            res.kill = timed("5: event handled again", lambda: bench.kill_finish(kill_state, visibility))
        if bench.outbox_unsent():
            res.notes.append(f"{bench.outbox_unsent()} outbox rows left unsent")
        res.notes.append(f"visibility_timeout {visibility} s, unacked_restore_interval {restore} s")
    finally:
        bench.close()


def report(args: argparse.Namespace, res: Results) -> None:
    rows: list[list[str]] = []
    noop = median(res.noop_rate) if res.noop_rate else None
    if res.bus_rate:
        bus = median(res.bus_rate)
        rows.append(
            [
                "1 events handled/s, outbox+relay+inbox",
                fmt_rate(bus),
                f"{fmt_rate(noop)} no-op tasks",
                fmt_ratio(bus / noop if noop else None),
                "ratio ≥ 0.8",
            ]
        )
    if res.other_bus_rate:
        other, other_noop = median(res.other_bus_rate), median(res.other_noop_rate)
        rows.append(
            [
                f"  the same, -c {args.other_concurrency}",
                fmt_rate(other),
                f"{fmt_rate(other_noop)} no-op tasks",
                fmt_ratio(other / other_noop),
                "(not as deployed)",
            ]
        )
    if res.effect_rate:
        effect = median(res.effect_rate)
        rows.append(
            [
                "  the same, handler writes one row",
                fmt_rate(effect),
                f"{fmt_rate(noop)} no-op tasks",
                fmt_ratio(effect / noop if noop else None),
                "(not like for like)",
            ]
        )
    if res.relay_rate:
        relay, apply = median(res.relay_rate), median(res.apply_rate)
        rows.append(
            [
                f"2 relay publish, Relay.drain of {args.backlog:,}",
                fmt_rate(relay, "rows/s"),
                f"{fmt_rate(apply)} apply_async",
                fmt_ratio(relay / apply, "×"),
                "ratio ≥ 10×",
            ]
        )
    if res.bus_latency:
        b50, b95 = percentile(res.bus_latency, 50) * 1000, percentile(res.bus_latency, 95) * 1000
        c50, c95 = percentile(res.celery_latency, 50) * 1000, percentile(res.celery_latency, 95) * 1000
        rows.append(
            [
                "3 idle latency commit→handled p50/p95",
                f"{b50:.1f} / {b95:.1f} ms",
                f"{c50:.1f} / {c95:.1f} ms apply_async→ran",
                fmt_ratio(b50 / c50 if c50 else None),
                "p50 ≤ 5 ms",
            ]
        )
    if res.flow is not None:
        f = res.flow
        rows.append(
            [
                "4 handovers/s, POST → housing + onboarding",
                fmt_rate(f.rate),
                f"{fmt_rate(noop)} no-op tasks",
                fmt_ratio(f.rate / noop if noop else None),
                "(each = 5 handled events)",
            ]
        )
        rows.append(
            [f"  end-to-end p50/p95, {args.concurrency} clients", f"{f.p50_ms:.0f} / {f.p95_ms:.0f} ms", "", "", ""]
        )
    if res.flow_idle_ms is not None:
        i50, i95 = res.flow_idle_ms
        rows.append(["  end-to-end p50/p95, one at a time", f"{i50:.0f} / {i95:.0f} ms", "", "", ""])
    if res.kill:
        rows.append(
            [
                "5 SIGKILLed worker's event handled again",
                f"{res.kill['after_kill']:.1f} s after kill",
                "",
                "",
                "≤ 30 s",
            ]
        )
    print()
    sync = f" (bench databases: PRAGMA synchronous={args.sqlite_synchronous})" if args.sqlite_synchronous else ""
    print(
        f"bench_bus: {'quick' if args.quick else 'full'} run, database "
        f"{'PostgreSQL' if args.postgres else 'SQLite'}{sync}, median of {args.repeats}, "
        f"1 worker process per queue (-c {args.worker_concurrency} prefork, {args.deployed_as})"
    )
    print_table(["figure", "value", "plain Celery, same run", "ratio", "target"], rows)
    details = []
    if res.bus_rate:
        details.append(
            "1: runs bus "
            + ", ".join(f"{r:.0f}" for r in res.bus_rate)
            + " /s; handler writing a row "
            + ", ".join(f"{r:.0f}" for r in res.effect_rate)
            + " /s; no-op "
            + ", ".join(f"{r:.0f}" for r in res.noop_rate)
            + " /s"
        )
    if res.other_bus_rate:
        details.append(
            f"1 (-c {args.other_concurrency}): runs bus "
            + ", ".join(f"{r:.0f}" for r in res.other_bus_rate)
            + " /s; no-op "
            + ", ".join(f"{r:.0f}" for r in res.other_noop_rate)
            + " /s"
        )
    if res.bus_cpu_ms:
        bus_cpu, effect_cpu, noop_cpu = median(res.bus_cpu_ms), median(res.effect_cpu_ms), median(res.noop_cpu_ms)
        details.append(
            f"1: worker CPU per event (main + pool child): bus {bus_cpu:.2f} ms (handler writing a row "
            f"{effect_cpu:.2f} ms), no-op task {noop_cpu:.2f} ms → CPU ratio {noop_cpu / bus_cpu:.2f} "
            "(less sensitive to other load than the rates)"
        )
    if res.relay_rate:
        details.append(
            "2: runs relay "
            + ", ".join(f"{r:.0f}" for r in res.relay_rate)
            + " rows/s; apply_async "
            + ", ".join(f"{r:.0f}" for r in res.apply_rate)
            + " /s"
        )
    if res.bus_latency:
        details.append(
            f"3: {len(res.bus_latency)} samples, max {max(res.bus_latency) * 1000:.1f} ms; "
            f"Celery max {max(res.celery_latency) * 1000:.1f} ms"
        )
    if res.flow is not None:
        f = res.flow
        details.append(
            f"4: {f.completed}/{f.handovers} flows completed, POSTs answered at {f.post_rate:.1f}/s, "
            f"readiness checks {f.checks}, cases with 6 onboarding tasks {f.onboarded}, errors {f.errors or 'none'}"
        )
    if res.kill:
        k = res.kill
        details.append(
            f"5: {k['after_delivery']:.1f} s after delivery to the killed worker; effects {k['effects']:.0f}, "
            f"inbox rows {k['inbox']:.0f} (must be 1 and 1)"
        )
    for line in details + res.notes:
        print("   " + line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a smoke run in under a minute (small counts)")
    parser.add_argument("--events", type=int, help="events per throughput run (1); default 3000, quick 300")
    parser.add_argument("--backlog", type=int, help="outbox rows Relay.drain sends (2); default 20000, quick 3000")
    parser.add_argument("--apply-count", type=int, help="apply_async calls in the baseline of 2")
    parser.add_argument("--latency-samples", type=int, help="idle events (3); default 200, quick 30")
    parser.add_argument("--handovers", type=int, help="handovers through the system (4); default 300, quick 30")
    parser.add_argument(
        "--worker-concurrency",
        type=int,
        help="pool processes per worker (-c); default: docker-compose.yml's on PostgreSQL, `dev.py up`'s on SQLite",
    )
    parser.add_argument("--concurrency", type=int, default=8, help="HTTP clients posting handovers (4)")
    parser.add_argument("--idle-handovers", type=int, help="handovers one at a time (4); default 20, quick 5")
    parser.add_argument("--repeats", type=int, help="runs of 1 and 2, median reported; default 3, quick 1")
    parser.add_argument("--only", default="1,2,3,4,5", help="comma-separated figures to measure")
    parser.add_argument("--postgres", metavar="URL", help="admin URL: create the databases on PostgreSQL")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (logs, databases)")
    parser.add_argument(
        "--sqlite-synchronous",
        choices=["OFF", "NORMAL", "FULL"],
        help="diagnostic: PRAGMA synchronous of the bench databases (1, 2, 3, 5; the project uses SQLite's FULL)",
    )
    args = parser.parse_args(argv)
    if args.sqlite_synchronous:
        os.environ[bench_app.SYNCHRONOUS_ENV] = args.sqlite_synchronous  # this process and the workers
    quick = args.quick
    args.events = args.events or (300 if quick else 3000)
    args.backlog = args.backlog or (3000 if quick else 20000)
    args.apply_count = args.apply_count or min(args.backlog, 1000 if quick else 3000)
    args.latency_samples = args.latency_samples or (30 if quick else 200)
    args.handovers = args.handovers or (30 if quick else 300)
    args.idle_handovers = args.idle_handovers or (5 if quick else 20)
    args.repeats = args.repeats or (1 if quick else 3)
    # Workers run with the pool size the system runs them with on that database: PostgreSQL is
    # production (docker-compose.yml); SQLite is the zero-setup system (`dev.py up`), whose workers
    # have one pool process, as its single writer wants. Figure 1 is measured with the other size too.
    deployed, dev = deployed_worker_concurrency(), dev_worker_concurrency()
    args.deployed_as = "as docker-compose.yml runs it" if args.postgres else "as `dev.py up` runs it"
    if args.worker_concurrency is None:
        args.worker_concurrency = deployed if args.postgres else dev
    elif args.worker_concurrency != (deployed if args.postgres else dev):
        args.deployed_as = "chosen with --worker-concurrency"
    args.other_concurrency = dev if args.worker_concurrency != dev else deployed
    # The kill test waits ~visibility timeout: in a quick run, let it wait while 4 runs.
    args.overlap_kill = quick
    parts = {int(p) for p in args.only.split(",") if p.strip()}
    use_postgres(args.postgres)

    work = Path(tempfile.mkdtemp(prefix="bench-bus-"))
    res = Results()
    started = time.perf_counter()
    ok = False
    try:
        run(args, work, parts, res)
        ok = True
    finally:
        report(args, res)
        print(f"   total {time.perf_counter() - started:.0f} s; work folder {work}", end="")
        if args.keep or not ok:
            print(" (kept)")
        else:
            print(" (removed)")
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

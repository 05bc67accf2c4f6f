"""Helpers the benchmark scripts share: databases, worker processes, figures and the table."""

from __future__ import annotations

import contextlib
import math
import os
import signal
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path

from shared.testing.databases import PG_ENV
from shared.testing.processes import ServiceProcess

ROOT = Path(__file__).resolve().parent.parent


def deployed_worker_concurrency() -> int:
    """The pool size (``--concurrency``) docker-compose.yml gives every service's worker.

    The benchmark runs its workers as deployed, so its ratios are the ones production sees.
    """
    import yaml

    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    sizes = set()
    for spec in services.values():
        command = spec.get("command") or []
        if isinstance(command, list) and "worker" in command and "--concurrency" in command:
            sizes.add(int(command[command.index("--concurrency") + 1]))
    if len(sizes) != 1:
        raise RuntimeError(f"docker-compose.yml: expected one worker --concurrency, found {sorted(sizes)}")
    return sizes.pop()


def dev_worker_concurrency() -> int:
    """The pool size of the workers ``dev.py up`` (and the tests) start: ``processes.worker``'s default."""
    import inspect

    from shared.testing.processes import worker

    return int(inspect.signature(worker).parameters["concurrency"].default)


def use_postgres(admin_url: str | None) -> None:
    """Make ``fresh_database`` (and so ``start_system``) create PostgreSQL databases from ``admin_url``."""
    if admin_url:
        os.environ[PG_ENV] = admin_url
    else:
        os.environ.pop(PG_ENV, None)


def bench_env(base: Mapping[str, str]) -> dict[str, str]:
    """Environment of a process that imports ``benchmarks.*`` (the package is not installed)."""
    path = os.environ.get("PYTHONPATH", "")
    return {**base, "PYTHONPATH": f"{ROOT}{os.pathsep}{path}" if path else str(ROOT)}


def celery_worker(
    module: str,
    queue: str,
    env: Mapping[str, str],
    log_dir: Path,
    *,
    name: str,
    concurrency: int = 1,
    pool: str = "prefork",
) -> ServiceProcess:
    """A Celery worker started like ``shared.testing.processes.worker`` starts the services' workers."""
    args = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        f"{module}:app",
        "worker",
        "-Q",
        queue,
        "-c",
        str(concurrency),
        "-P",
        pool,
        "-n",
        f"{name}-{uuid.uuid4().hex[:6]}@%h",
        "--without-mingle",
        "--without-gossip",
        "-l",
        "INFO",
    ]
    return ServiceProcess(name, args, bench_env(env), log_dir)


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (no interpolation), as load tools report it."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def fmt_rate(value: float | None, unit: str = "/s") -> str:
    if value is None or value != value:
        return "—"
    return f"{value:,.0f} {unit}" if value >= 100 else f"{value:,.1f} {unit}"


def fmt_ratio(value: float | None, suffix: str = "") -> str:
    if value is None or value != value:
        return "—"
    return f"{value:.2f}{suffix}" if value < 10 else f"{value:.1f}{suffix}"


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = "  ".join("-" * w for w in widths)
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
    print(line)
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))


def stop_processes(processes: Sequence[ServiceProcess], timeout: float = 20.0) -> None:
    """SIGTERM every process at once, then wait for each (SIGKILL after ``timeout``)."""
    running = [p for p in processes if p.alive()]
    for proc in running:
        with contextlib.suppress(ProcessLookupError):
            proc.signal(signal.SIGTERM)
    deadline = time.monotonic() + timeout
    for proc in running:
        assert proc.proc is not None
        try:
            proc.proc.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()

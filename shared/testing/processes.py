"""Real service processes for tests, benchmarks and the run command: Celery workers, beat, uvicorn."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path

import httpx
import psutil


def wait_for(
    predicate: Callable[[], object], *, timeout: float = 20.0, interval: float = 0.05, message: str = "condition"
) -> object:
    """Poll until ``predicate`` returns something truthy; raise TimeoutError after ``timeout``."""
    deadline = time.monotonic() + timeout
    last_exc: Exception | None = None
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except Exception as exc:  # the thing polled may not be up yet
            last_exc = exc
        time.sleep(interval)
    raise TimeoutError(
        f"timed out after {timeout}s waiting for {message}" + (f" (last error: {last_exc})" if last_exc else "")
    )


class ServiceProcess:
    """A child process with its output in a log file, stopped or killed by PID."""

    def __init__(self, name: str, args: list[str], env: Mapping[str, str], log_dir: Path) -> None:
        self.name, self.args = name, args
        self.env = {**os.environ, **env}
        self.log_path = Path(log_dir) / f"{name}-{uuid.uuid4().hex[:6]}.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> ServiceProcess:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            self.args, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()
        return self

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def children(self) -> list[int]:
        try:
            return [c.pid for c in psutil.Process(self.pid).children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def signal(self, sig: int) -> None:
        if self.alive():
            os.kill(self.pid, sig)

    def kill(self) -> None:
        """SIGKILL the process and everything it started (a crashed host)."""
        if self.proc is None:
            return
        pids = [self.pid, *self.children()]
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.proc.wait(10)

    def stop(self, timeout: float = 20.0) -> None:
        if not self.alive():
            return
        assert self.proc is not None
        children = self.children()
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
        for pid in children:  # orphans of a main process that died hard
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def worker(
    service: str,
    env: Mapping[str, str],
    log_dir: Path,
    *,
    concurrency: int = 1,
    pool: str = "prefork",
    name: str | None = None,
) -> ServiceProcess:
    """A real Celery worker for ``service``'s queue, in its own process."""
    node = f"{name or service}-{uuid.uuid4().hex[:6]}@%h"
    args = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        f"{service}.worker:app",
        "worker",
        "-Q",
        service,
        "-c",
        str(concurrency),
        "-P",
        pool,
        "-n",
        node,
        "--without-mingle",
        "--without-gossip",
        "-l",
        "INFO",
    ]
    return ServiceProcess(name or f"{service}-worker", args, env, log_dir)


def wait_worker_ready(process: ServiceProcess, timeout: float = 90.0) -> None:
    wait_for(lambda: "ready." in process.log() or not process.alive(), timeout=timeout, message=f"{process.name} ready")
    if not process.alive():
        raise RuntimeError(f"{process.name} exited:\n{process.log()[-3000:]}")


def beat(service: str, env: Mapping[str, str], log_dir: Path) -> ServiceProcess:
    schedule = Path(log_dir) / f"{service}-beat-schedule"
    args = [sys.executable, "-m", "celery", "-A", f"{service}.worker:app", "beat", "-s", str(schedule), "-l", "INFO"]
    return ServiceProcess(f"{service}-beat", args, env, log_dir)


def api(service: str, port: int, env: Mapping[str, str], log_dir: Path, host: str = "127.0.0.1") -> ServiceProcess:
    """The service's FastAPI app under uvicorn, in its own process."""
    args = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        f"{service}.main:create_app",
        "--host",
        host,
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    return ServiceProcess(f"{service}-api", args, env, log_dir)


def wait_http_ready(process: ServiceProcess, base_url: str, timeout: float = 90.0) -> None:
    def up() -> bool:
        if not process.alive():
            raise RuntimeError(f"{process.name} exited:\n{process.log()[-3000:]}")
        return httpx.get(f"{base_url}/health", timeout=1).status_code == 200

    wait_for(up, timeout=timeout, message=f"{process.name} at {base_url}")

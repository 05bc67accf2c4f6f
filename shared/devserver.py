"""``python3 dev.py up``: the whole system on one machine with embedded defaults.

SQLite files and a Redis with persistence under ``var/``; an external broker only when
``INTEGRATION_BROKER_URL`` is set. Starts every service's API, worker and housing's beat, prints
the URLs, and stops everything on Ctrl-C.
"""

from __future__ import annotations

import argparse
import os
import signal
import time
from pathlib import Path

from shared.auth import Department, issue_token
from shared.migrations import upgrade
from shared.settings import DEV_SECRET, REPO_ROOT, SERVICES
from shared.testing.redis_server import RedisServer
from shared.testing.system import start_system


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="dev.py up")
    parser.add_argument("--data-dir", default=os.environ.get("INTEGRATION_DATA_DIR", str(REPO_ROOT / "var")))
    parser.add_argument("--redis-port", type=int, default=6390)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args(argv)
    data = Path(args.data_dir).resolve()
    data.mkdir(parents=True, exist_ok=True)

    redis_server: RedisServer | None = None
    broker = os.environ.get("INTEGRATION_BROKER_URL")
    if not broker:
        redis_server = RedisServer(data / "redis", port=args.redis_port, appendonly=True).start()
        broker = redis_server.url
        print(f"Redis (AOF persistence in {data / 'redis'}) at {broker}")

    urls = {
        name: os.environ.get(f"{name.upper()}_DATABASE_URL", f"sqlite:///{data / (name + '.sqlite3')}")
        for name in SERVICES
    }
    for name, url in urls.items():
        upgrade(name, url)
    system = start_system(broker, data, database_urls=urls, ports=dict(SERVICES), with_beat=True, host=args.host)
    secret = os.environ.get("INTEGRATION_AUTH_SECRET", DEV_SECRET)
    system.secret = secret
    print("\nRødovre Kommune – integration: all services are running\n")
    for name in SERVICES:
        print(f"  {name:<11} {system.url(name)}/   (API docs: {system.url(name)}/docs)")
    print(f"\n  Sign in on any page (development): {system.url('reception')}/login")
    print(f"  An API token for Jobcentret: {issue_token(secret, user='udvikler', department=Department.JOBCENTRET)}")
    print(f"  Logs: {data / 'logs'}    Stop: Ctrl-C\n", flush=True)

    stopping = False

    def stop(*_args: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        while not stopping:
            time.sleep(0.5)
            for proc in [*system.apis.values(), *system.workers.values(), *system.beats.values()]:
                if not proc.alive():
                    print(f"{proc.name} stopped unexpectedly; see {proc.log_path}")
                    stopping = True
    finally:
        print("stopping …", flush=True)
        system.database_urls = {}  # keep the data: never drop databases on the way out
        system.stop()
        if redis_server is not None:
            redis_server.stop()
    return 0

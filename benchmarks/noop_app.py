"""The plain-Celery baseline: no-op tasks on a Celery app with the production settings.

``make_celery`` gives exactly the broker and worker configuration the services use (late acks,
reject on worker lost, prefetch 1, no results, visibility timeout, restore sweep); the no-op task
is added beside it. ``bench.noop_mark`` records when it ran, in Redis, so the benchmark knows
when the last of a series of tasks (FIFO, one pool process) was done.
"""

from __future__ import annotations

import time
from typing import Any

import redis
from celery import Celery

from shared.bus.worker import make_celery
from shared.settings import ServiceSettings

QUEUE = "benchnoop"
NOOP = "bench.noop"
MARK = "bench.noop_mark"


def build(settings: ServiceSettings | None = None) -> Celery:
    settings = settings or ServiceSettings(service_name=QUEUE)
    celery = make_celery(settings, session_factory=lambda: None, handlers={})
    client: dict[str, redis.Redis] = {}

    @celery.task(name=NOOP)  # type: ignore[untyped-decorator]
    def noop(*_args: Any) -> None:
        return None

    @celery.task(name=MARK)  # type: ignore[untyped-decorator]
    def mark(key: str) -> None:
        if "c" not in client:
            client["c"] = redis.Redis.from_url(settings.broker_url)
        client["c"].set(key, repr(time.time()), ex=3600)

    return celery

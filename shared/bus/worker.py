"""The Celery app of one service: its own queue, the event-handling task, periodic jobs.

Settings follow ENGINEERING.md §3: late acks, reject on a lost worker, explicit visibility timeout
and a fast restore sweep, bounded sockets, no result backend, a small prefetch (settings.worker_prefetch).
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Mapping
from typing import Any

from celery import Celery, Task, signals
from celery.exceptions import Reject
from kombu.entity import Exchange, Queue

from shared.bus.broker import check_persistence, handler_task_name, transport_options
from shared.bus.inbox import Handler, PermanentFailure, consume, dead_letter
from shared.settings import ServiceSettings

log = logging.getLogger(__name__)


def service_queue(service: str) -> Queue:
    """The service's queue, addressed through the default exchange: no broker-side binding needed."""
    return Queue(service, Exchange(""), routing_key=service)


def backoff(settings: ServiceSettings, retries: int) -> float:
    """Exponential backoff with full jitter, capped below the visibility timeout."""
    ceiling = min(settings.retry_backoff_base * 2**retries, settings.retry_backoff_max)
    return round(random.uniform(ceiling / 2, ceiling), 3)


def make_celery(
    settings: ServiceSettings,
    *,
    session_factory: Callable[[], Any],
    handlers: Mapping[str, Handler],
    periodic: Mapping[str, tuple[float, Callable[[], object]]] | None = None,
    on_worker_start: Callable[[], None] | None = None,
    on_child_start: Callable[[], None] | None = None,
) -> Celery:
    """Build the service's Celery app.

    ``session_factory`` returns the service's sessionmaker (resolved lazily, after fork);
    ``periodic`` maps a job name to (seconds between runs, function), run by ``celery beat``.
    """
    service = settings.service_name
    app = Celery(service, broker=settings.broker_url, set_as_current=False)
    queue = service_queue(service)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_ignore_result=True,
        task_store_errors_even_if_ignored=False,
        worker_prefetch_multiplier=settings.worker_prefetch,
        broker_connection_retry_on_startup=True,
        # kombu's Redis transport, made robust to killed client connections: a just-popped message
        # is not lost, and failed acks do not stop the worker consuming (see shared/bus/transport.py).
        broker_transport="shared.bus.transport:Transport",
        broker_transport_options=transport_options(settings),
        broker_connection_timeout=5,
        task_queues=[queue],
        task_default_queue=service,
        task_default_exchange="",
        task_default_routing_key=service,
        task_create_missing_queues=False,
        worker_hijack_root_logger=False,
        worker_send_task_events=True,
        task_send_sent_event=False,
        timezone="Europe/Copenhagen",
        enable_utc=True,
        beat_schedule={
            name: {"task": f"{service}.periodic.{name}", "schedule": seconds, "options": {"queue": service}}
            for name, (seconds, _fn) in (periodic or {}).items()
        },
    )

    @app.task(name=handler_task_name(service), bind=True, max_retries=None, acks_late=True)
    def handle_event(self: Task, message: dict[str, Any]) -> str:
        try:
            return consume(session_factory(), service, message, handlers).value
        except PermanentFailure as exc:
            dl = dead_letter(session_factory(), service, message, f"permanent: {exc}", self.request.retries + 1)
            log.error("%s: dead-lettered event (id %s) as unhandleable: %s", service, dl, exc)
            return "dead-lettered"
        except Exception as exc:
            retries = self.request.retries
            if retries < settings.retry_max:
                delay = backoff(settings, retries)
                log.warning(
                    "%s: handler failed (%s: %s); retry %d in %.1fs",
                    service,
                    type(exc).__name__,
                    exc,
                    retries + 1,
                    delay,
                )
                raise self.retry(exc=exc, countdown=delay, queue=service) from exc
            try:
                dl = dead_letter(session_factory(), service, message, f"{type(exc).__name__}: {exc}", retries + 1)
            except Exception as store_exc:
                # Cannot even record it: give the message back to the broker rather than lose it.
                log.error("%s: could not dead-letter (%s); requeueing", service, store_exc)
                time.sleep(settings.retry_backoff_max)
                raise Reject(str(store_exc), requeue=True) from store_exc
            log.error("%s: dead-lettered event (id %s) after %d attempts: %s", service, dl, retries + 1, exc)
            return "dead-lettered"

    for name, (_seconds, fn) in (periodic or {}).items():
        app.task(name=f"{service}.periodic.{name}", acks_late=True)(_periodic(fn))

    @signals.worker_init.connect(weak=False)
    def _main_start(sender: Any = None, **_kw: Any) -> None:
        if getattr(sender, "app", None) is not app:
            return
        check_persistence(settings.broker_url)
        if on_worker_start is not None:
            on_worker_start()

    @signals.worker_process_init.connect(weak=False)
    def _child_start(**_kw: Any) -> None:
        if on_child_start is not None:
            on_child_start()

    return app


def _periodic(fn: Callable[[], object]) -> Callable[[], object]:
    def run() -> object:
        return fn()

    run.__name__ = getattr(fn, "__name__", "periodic")
    return run

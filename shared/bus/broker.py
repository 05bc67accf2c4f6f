"""Broker connection settings and checks (ENGINEERING.md §3)."""

from __future__ import annotations

import logging
import uuid
from typing import Any

import redis
from celery import Celery
from kombu.connection import Connection
from kombu.messaging import Producer

from shared.settings import ServiceSettings

log = logging.getLogger(__name__)

SOCKET_TIMEOUT = 5.0


def transport_options(settings: ServiceSettings) -> dict[str, Any]:
    """kombu Redis transport options: bounded sockets, explicit visibility timeout, fast restore."""
    return {
        "visibility_timeout": settings.visibility_timeout,
        "unacked_restore_interval": settings.unacked_restore_interval,
        "unacked_restore_throttle": 1,
        # One list per queue (no priority lists): the consuming channel fetches with BLMOVE, which takes
        # one list (shared/bus/transport.py); every priority maps to step 0.
        "priority_steps": [0],
        "socket_timeout": SOCKET_TIMEOUT,
        "socket_connect_timeout": SOCKET_TIMEOUT,
        "health_check_interval": 10,
        "retry_on_timeout": False,
    }


def connect(settings: ServiceSettings) -> Connection:
    return Connection(
        settings.broker_url, transport_options=transport_options(settings), connect_timeout=SOCKET_TIMEOUT
    )


def handler_task_name(service: str) -> str:
    """The one Celery task each service's worker registers for inbound events."""
    return f"{service}.handle_event"


def publish_to_queue(
    producer: Producer, app: Celery, queue: str, envelope: dict[str, Any], *, task_id: str | None = None
) -> None:
    """Publish a Celery task message for ``queue``'s event handler straight into that queue.

    Exchange ``""`` with the queue name as routing key: kombu then LPUSHes to the list named
    ``queue`` without consulting any binding, and a restored message returns to the same list.
    """
    # argsrepr/kwargsrepr given: otherwise Celery builds them with saferepr() of the whole envelope,
    # which was ~60% of the relay's CPU per message (benchmarks/bench_bus.py, figure 2). The short
    # form also keeps event payloads out of worker logs and monitoring events.
    message = app.amqp.as_task_v2(
        task_id or str(uuid.uuid4()),
        handler_task_name(queue),
        args=(envelope,),
        kwargs={},
        argsrepr=f"({envelope.get('type')} {envelope.get('event_id')})",
        kwargsrepr="{}",
    )
    producer.publish(
        message.body,
        exchange="",
        routing_key=queue,
        headers=message.headers,
        serializer="json",
        retry=False,
        declare=None,
        delivery_mode=2,
        **message.properties,
    )


def check_persistence(url: str) -> bool:
    """Warn loudly when the broker would lose queued events on restart (no AOF, or evicting keys)."""
    try:
        client = redis.Redis.from_url(url, socket_timeout=SOCKET_TIMEOUT, socket_connect_timeout=SOCKET_TIMEOUT)
        appendonly = client.config_get("appendonly").get("appendonly")
        policy = client.config_get("maxmemory-policy").get("maxmemory-policy")
        client.close()
    except redis.RedisError as exc:
        log.warning("could not check broker persistence (%s): %s", _safe_url(url), exc)
        return False
    ok = appendonly == "yes" and policy == "noeviction"
    if not ok:
        log.warning(
            "!!! BROKER DOES NOT PERSIST: appendonly=%s maxmemory-policy=%s at %s. Queued events will be "
            "LOST if Redis restarts. Run Redis with --appendonly yes --appendfsync everysec "
            "--maxmemory-policy noeviction. !!!",
            appendonly,
            policy,
            _safe_url(url),
        )
    return ok


def _safe_url(url: str) -> str:
    if "@" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url

"""The relay's fast path to the broker: Celery task messages in kombu's Redis format, pipelined.

kombu's ``Producer.publish`` costs ~60 µs a message in Python (serialise, wrap, encode, queue
lookup) and Celery's ``as_task_v2`` another ~15 µs; the relay's whole budget for a message is less
than that (ENGINEERING.md §5, benchmarks/bench_bus.py figure 2). Here the per-queue parts are built
once with Celery's own ``as_task_v2`` and only the per-message fields are filled in: the task id,
the envelope (the outbox row's JSON as stored, not parsed and re-serialised) and the short
``argsrepr``. Messages go out as one ``LPUSH`` pipeline (MULTI/EXEC) on a persistent client.

The result must be exactly what kombu would have queued; ``tests/bus/test_wire.py`` compares the
two field by field, so a Celery or kombu upgrade that changes the format fails there first.
Consumers are unchanged: plain Celery workers on kombu's Redis transport.
"""

from __future__ import annotations

import base64
import contextlib
import json
import uuid
from collections.abc import Iterable
from typing import Any

import redis
from celery import Celery

from shared.bus.broker import SOCKET_TIMEOUT, handler_task_name
from shared.settings import ServiceSettings

# The body's third element (Celery task protocol 2): no callbacks, errbacks, chain or chord.
_EMBED = json.dumps({"callbacks": None, "errbacks": None, "chain": None, "chord": None})


class TaskMessages:
    """Builds the queued form of ``<queue>.handle_event(envelope)`` task messages for one Celery app."""

    def __init__(self, app: Celery) -> None:
        self.app = app
        self._headers: dict[str, dict[str, Any]] = {}

    def _template(self, queue: str) -> dict[str, Any]:
        headers = self._headers.get(queue)
        if headers is None:
            sample = self.app.amqp.as_task_v2("-", handler_task_name(queue), args=((),), kwargs={}, kwargsrepr="{}")
            headers = self._headers[queue] = dict(sample.headers)
        return headers

    def encode(self, queue: str, task_id: str, envelope_json: str, argsrepr: str) -> str:
        """One message as kombu's Redis transport stores it in the list named ``queue``."""
        body = f"[[{envelope_json}], {{}}, {_EMBED}]"
        headers = {**self._template(queue), "id": task_id, "root_id": task_id, "argsrepr": argsrepr}
        return json.dumps(
            {
                "body": base64.b64encode(body.encode()).decode(),
                "content-encoding": "utf-8",
                "content-type": "application/json",
                "headers": headers,
                "properties": {
                    "correlation_id": task_id,
                    "reply_to": "",
                    "delivery_mode": 2,
                    "delivery_info": {"exchange": "", "routing_key": queue},
                    "priority": 0,
                    "body_encoding": "base64",
                    "delivery_tag": str(uuid.uuid4()),
                },
            }
        )


class Sender:
    """A persistent Redis client that pushes prepared messages, one pipeline per batch."""

    def __init__(self, settings: ServiceSettings, app: Celery) -> None:
        self.settings = settings
        self.messages = TaskMessages(app)
        self._client: redis.Redis | None = None

    def send(self, items: Iterable[tuple[str, str]]) -> None:
        """Push (queue, message) pairs; raises on any broker error (nothing is then marked sent)."""
        client = self._get_client()
        with client.pipeline(transaction=True) as pipe:
            for queue, message in items:
                pipe.lpush(queue, message)
            pipe.execute()

    def _get_client(self) -> redis.Redis:
        if self._client is None:
            self._client = redis.Redis.from_url(
                self.settings.broker_url,
                socket_timeout=SOCKET_TIMEOUT,
                socket_connect_timeout=SOCKET_TIMEOUT,
                health_check_interval=10,
            )
        return self._client

    def reset(self) -> None:
        """Close the connection after an error; the next send connects afresh."""
        client, self._client = self._client, None
        if client is not None:
            # A broken connection may fail to close; it is dropped either way.
            with contextlib.suppress(Exception):
                client.close()

    def forget(self) -> None:
        """In a forked child: drop the parent's client without closing it (closing shuts the shared socket)."""
        self._client = None

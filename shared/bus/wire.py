"""The relay's fast path to the broker: Celery task messages in kombu's Redis format, pipelined.

kombu's ``Producer.publish`` costs ~60 µs a message in Python (serialise, wrap, encode, queue
lookup) and Celery's ``as_task_v2`` another ~15 µs; the relay's whole budget for a message is less
than that (ENGINEERING.md §5, benchmarks/bench_bus.py figure 2). Here the per-queue parts are built
once with Celery's own ``as_task_v2`` and only the per-message fields are filled in: the task id,
the envelope (the outbox row's JSON as stored, not parsed and re-serialised) and the short
``argsrepr``. Messages go out as one ``LPUSH`` per queue, in one MULTI/EXEC, on a persistent client.

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
        self._heads: dict[str, tuple[str, str]] = {}

    def _template(self, queue: str) -> tuple[str, str]:
        """The fixed JSON of a queue's messages, made once: (body → task id, correlation id → delivery tag)."""
        parts = self._heads.get(queue)
        if parts is None:
            sample = self.app.amqp.as_task_v2("-", handler_task_name(queue), args=((),), kwargs={}, kwargsrepr="{}")
            fixed = {k: v for k, v in sample.headers.items() if k not in _PER_MESSAGE}
            headers = json.dumps(fixed)[:-1] + (", " if fixed else "")
            route = json.dumps({"exchange": "", "routing_key": queue})
            parts = self._heads[queue] = (
                f'"content-encoding": "utf-8", "content-type": "application/json", "headers": {headers}"id": "',
                f'"reply_to": "", "delivery_mode": 2, "delivery_info": {route}, "priority": 0, '
                '"body_encoding": "base64", "delivery_tag": "',
            )
        return parts

    def encode(self, queue: str, task_id: str, envelope_json: str, argsrepr: str) -> str:
        """One message as kombu's Redis transport stores it in the list named ``queue``.

        Written as text around the parts made once per queue: a ``json.dumps`` of the whole message was
        an eighth of a relay round's time (profiled on PostgreSQL). ``task_id`` is a UUID (nothing to escape).
        """
        body = base64.b64encode(f"[[{envelope_json}], {{}}, {_EMBED}]".encode()).decode()
        head, tail = self._template(queue)
        return (
            f'{{"body": "{body}", {head}{task_id}", "root_id": "{task_id}", "argsrepr": {json.dumps(argsrepr)}}}, '
            f'"properties": {{"correlation_id": "{task_id}", {tail}{uuid.uuid4()}"}}}}'
        )


# Header fields each message sets itself; the rest of Celery's headers are the same for a queue.
_PER_MESSAGE = ("id", "root_id", "argsrepr")


class Sender:
    """A persistent Redis client that pushes prepared messages, one pipeline per batch."""

    def __init__(self, settings: ServiceSettings, app: Celery) -> None:
        self.settings = settings
        self.messages = TaskMessages(app)
        self._client: redis.Redis | None = None

    def send(self, items: Iterable[tuple[str, str]]) -> None:
        """Push (queue, message) pairs; raises on any broker error (nothing is then marked sent).

        One ``LPUSH`` per queue with all its messages, in their order (the first is consumed first, as
        with one LPUSH each), in one MULTI: not a command, with its own packing and reply, per message.
        """
        by_queue: dict[str, list[str]] = {}
        for queue, message in items:
            by_queue.setdefault(queue, []).append(message)
        if not by_queue:
            return
        client = self._get_client()
        with client.pipeline(transaction=True) as pipe:
            for queue, messages in by_queue.items():
                pipe.lpush(queue, *messages)
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

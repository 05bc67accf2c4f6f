"""The relay's fast path queues exactly what kombu's Producer would have (shared/bus/wire.py).

Both are written into a real Redis and read back: the same keys, headers, properties and body,
apart from the delivery tag (a fresh uuid per message in both). A Celery or kombu upgrade that
changes the format fails here before a worker meets a message it cannot read.
"""

from __future__ import annotations

import base64
import json
import uuid
from typing import Any

import redis
from kombu.messaging import Producer

from shared.bus.broker import connect, publish_to_queue
from shared.bus.envelope import envelope_for
from shared.bus.wire import Sender
from shared.bus.worker import make_celery
from shared.contracts.reception import CprRegistered
from shared.settings import ServiceSettings


def _read(client: redis.Redis, queue: str) -> dict[str, Any]:
    raw = client.lrange(queue, 0, -1)
    assert len(raw) == 1
    message: dict[str, Any] = json.loads(raw[0])
    message["properties"].pop("delivery_tag")
    message["body"] = json.loads(base64.b64decode(message["body"]))
    return message


def test_wire_messages_equal_kombus_for_the_same_event(broker):
    settings = ServiceSettings(service_name="wiretest", broker_url=broker.url, environment="test")
    app = make_celery(settings, session_factory=lambda: None, handlers={})
    envelope = envelope_for(CprRegistered(case_id=7, registered_on="2026-11-26"), producer="reception")
    text = envelope.model_dump_json()
    queue = f"wiretest-{uuid.uuid4().hex[:8]}"  # a list no worker of the shared broker consumes
    task_id = str(uuid.uuid5(envelope.event_id, queue))
    argsrepr = f"({envelope.type} {envelope.event_id})"
    client = redis.Redis.from_url(broker.url)
    client.delete("wire_kombu", "wire_fast")

    with connect(settings) as conn:
        publish_to_queue(Producer(conn.default_channel), app, queue, json.loads(text), task_id=task_id)
    kombu_raw = client.rpoplpush(queue, "wire_kombu")
    assert kombu_raw is not None
    sender = Sender(settings, app)
    sender.send([(queue, sender.messages.encode(queue, task_id, text, argsrepr))])
    client.rpoplpush(queue, "wire_fast")

    kombu, fast = _read(client, "wire_kombu"), _read(client, "wire_fast")
    assert fast == kombu
    assert fast["body"][0] == [json.loads(text)]
    assert fast["headers"]["task"] == f"{queue}.handle_event" and fast["headers"]["id"] == task_id
    sender.reset()
    client.delete("wire_kombu", "wire_fast")


def test_one_send_to_several_queues_keeps_each_queues_order(broker):
    """One LPUSH per queue carries all its messages: consumed (from the right, as workers do) in send order."""
    settings = ServiceSettings(service_name="wiretest", broker_url=broker.url, environment="test")
    app = make_celery(settings, session_factory=lambda: None, handlers={})
    tag = uuid.uuid4().hex[:8]
    first, second = f"wireorder-a-{tag}", f"wireorder-b-{tag}"
    sender = Sender(settings, app)
    items = [
        (queue, sender.messages.encode(queue, str(uuid.uuid4()), json.dumps({"n": n}), f"(n {n})"))
        for queue, n in [(first, 1), (second, 2), (first, 3), (first, 4), (second, 5)]
    ]
    sender.send(items)
    client = redis.Redis.from_url(broker.url)

    def consumed(queue: str) -> list[int]:
        out = []
        while (raw := client.rpop(queue)) is not None:
            out.append(json.loads(base64.b64decode(json.loads(raw)["body"]))[0][0]["n"])
        return out

    assert consumed(first) == [1, 3, 4] and consumed(second) == [2, 5]
    sender.reset()

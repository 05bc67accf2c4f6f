"""shared/bus/transport.py on a real redis-server.

A channel whose connection Celery has detached: after a lost connection Celery detaches the kombu
connection and closes its channels; closing gives the reserved messages back, and a late ack may
still arrive. kombu then builds a connection pool from the detached connection and fails with
``AttributeError``, which stopped a worker for good (seen in tests/faults scenario 5). Here the
detached state is made directly, so the behaviour is checked every run, not only when the timing
of an outage happens to hit it.

The in-flight list: a consuming channel fetches with BLMOVE into a list of its own, and the record
in the unacked hash takes the message off it; what stays there was never recorded and goes back to
the queue (the channel's own next fetch, or a restore sweep once the channel is dead).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from kombu import Connection, Consumer, Exchange, Message, Producer, Queue

from shared.bus.transport import ALIVE, INFLIGHT, Channel, restore_orphans
from shared.testing.redis_server import RedisServer


@pytest.fixture
def server(tmp_path: Path) -> Iterator[RedisServer]:
    running = RedisServer(tmp_path / "redis").start()
    yield running
    running.stop()


_OPEN: list[Connection] = []


@pytest.fixture(autouse=True)
def _release(server: RedisServer) -> Iterator[None]:
    """Close the test's connections (re-attached first), so none is left for the interpreter's exit."""
    yield
    while _OPEN:
        conn = _OPEN.pop()
        conn.transport.client = conn
        conn.release()


def _reserved(server: RedisServer, n: int) -> tuple[Connection, object, list[str]]:
    """A channel holding ``n`` delivered, unacknowledged messages (as a worker with prefetch does)."""
    conn = Connection(server.url, transport="shared.bus.transport:Transport")
    _OPEN.append(conn)
    queue = conn.SimpleQueue("probe", no_ack=False)
    for i in range(n):
        queue.put({"n": i})
    tags = [queue.get(timeout=5).delivery_tag for _ in range(n)]
    return conn, queue.channel, tags


def _detach(channel: object) -> None:
    """What Celery's connection loss leaves: the channel's pool dropped, its connection detached."""
    channel._pool = None  # type: ignore[attr-defined]
    channel.connection.client = None  # type: ignore[attr-defined]


def test_giving_back_reserved_messages_on_a_detached_channel_leaves_them_for_the_restore_sweep(server):
    _conn, channel, _tags = _reserved(server, 3)
    client = server.client()
    assert client.hlen("unacked") == 3
    _detach(channel)
    channel.qos.restore_unacked()  # kombu raised AttributeError here; the worker stopped for good
    assert client.hlen("unacked") == 3 and client.zcard("unacked_index") == 3  # still there to restore
    assert not channel.qos._delivered


def test_an_ack_on_a_detached_channel_is_a_lost_connection_and_frees_its_slot(server):
    _conn, channel, tags = _reserved(server, 2)
    _detach(channel)
    with pytest.raises(redis.ConnectionError, match="broker connection was closed"):
        channel.qos.ack(tags[0])
    qos = channel.qos
    assert tags[0] in qos._dirty and tags[1] not in qos._dirty  # the slot is free again (kombu's "dirty": acked)
    assert server.client().hlen("unacked") == 2  # the broker restores it after the visibility timeout


def test_a_real_attribute_error_is_not_taken_for_an_outage(server):
    _conn, channel, _tags = _reserved(server, 1)

    def broken() -> None:
        raise AttributeError("a bug")

    with pytest.raises(AttributeError, match="a bug"):
        channel.qos._write(broken)


def _consumer(server: RedisServer) -> tuple[Connection, Consumer, list[Message]]:
    """A consumer of "probe" as a worker has one: our transport, one queue, acks late."""
    conn = Connection(server.url, transport="shared.bus.transport:Transport", transport_options={"priority_steps": [0]})
    _OPEN.append(conn)
    got: list[Message] = []
    queue = Queue("probe", Exchange(""), routing_key="probe")
    consumer = Consumer(conn.channel(), [queue], callbacks=[lambda _body, message: got.append(message)])
    consumer.consume()
    return conn, consumer, got


def _publish(conn: Connection, body: dict[str, int]) -> None:
    Producer(conn.default_channel).publish(body, exchange="", routing_key="probe")


def test_a_fetched_message_moves_from_the_queue_to_the_unacked_hash_through_no_other_list(server):
    conn, consumer, got = _consumer(server)
    channel = consumer.channel
    assert isinstance(channel, Channel)
    _publish(conn, {"n": 1})
    conn.drain_events(timeout=5)
    client = server.client()
    assert [m.payload for m in got] == [{"n": 1}]
    assert client.llen("probe") == 0 and client.hlen("unacked") == 1
    key = channel.inflight_key("probe")
    assert client.llen(key) == 0, "recorded, so taken off the in-flight list in the same MULTI"
    assert client.sismember(INFLIGHT, key) and client.exists(key + ALIVE), "registered and marked alive"
    got[0].ack()
    assert client.hlen("unacked") == 0


def test_a_message_whose_answer_was_lost_goes_back_on_the_channels_next_fetch(server):
    """Redis moved the message into the in-flight list, and the answer was lost with its connection."""
    conn, consumer, got = _consumer(server)
    channel = consumer.channel
    assert isinstance(channel, Channel)
    client = server.client()
    _publish(conn, {"n": 7})
    client.lmove("probe", channel.inflight_key("probe"), "RIGHT", "LEFT")  # what the lost BLMOVE did
    assert client.llen("probe") == 0
    conn.drain_events(timeout=5)
    assert [m.payload for m in got] == [{"n": 7}], "delivered after all"
    assert client.llen(channel.inflight_key("probe")) == 0 and client.hlen("unacked") == 1


def test_the_restore_sweep_returns_a_dead_channels_in_flight_messages_and_leaves_a_live_ones(server):
    client = server.client()
    dead, live = f"{INFLIGHT}.probe.dead0", f"{INFLIGHT}.probe.live0"
    client.lpush(dead, b"m1", b"m2")
    client.lpush(live, b"m3")
    client.sadd(INFLIGHT, dead, live)
    client.set(live + ALIVE, "1", ex=60)
    assert restore_orphans(client) == 2
    assert sorted(client.lrange("probe", 0, -1)) == [b"m1", b"m2"]
    assert client.llen(dead) == 0 and not client.sismember(INFLIGHT, dead), "the dead list is unregistered"
    assert client.lrange(live, 0, -1) == [b"m3"] and client.sismember(INFLIGHT, live)
    assert restore_orphans(client) == 0, "a second sweep moves nothing again"

"""shared/bus/transport.py on a real redis-server: a channel whose connection Celery has detached.

After a lost connection Celery detaches the kombu connection and closes its channels; closing gives
the reserved messages back, and a late ack may still arrive. kombu then builds a connection pool from
the detached connection and fails with ``AttributeError``, which stopped a worker for good (seen in
tests/faults scenario 5). Here the detached state is made directly, so the behaviour is checked
every run, not only when the timing of an outage happens to hit it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from kombu import Connection

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

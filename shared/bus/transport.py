"""kombu's Redis transport, robust to the broker dropping every client connection at once.

Three gaps; the first two reproduced by killing client connections under load (``CLIENT KILL TYPE normal``,
as a Redis restart, failover or idle timeout does; tests/faults/test_worker_faults.py, scenario 12):

1. **A just-delivered message was lost.** kombu consumes with BRPOP, which removes the message from
   its list, and only then records it in the ``unacked`` hash (ZADD + HSET), from which a crashed
   worker's messages are restored. That record goes over a pooled connection; when that connection
   was killed, the record fails, kombu raises, and the message, in no list and no hash, is gone
   (about one message per hundred connection kills).
2. **The worker stopped consuming for good.** A failed ack (ZREM + HDEL on a killed connection, or one
   that timed out against a frozen broker: tests/faults scenario 6) left
   the message counted as in flight in kombu's memory, so each failed ack leaked a prefetch slot;
   once all slots leaked, the worker never fetched again (its connection was fine by then).
3. **A worker stopped for good when Redis went away while it held reserved messages** (a Redis
   restart; tests/faults/test_worker_faults.py, restart test): see ``QoS.restore_unacked``.

For the first two, each of these writes is retried once on fresh connections: the pool's idle connections died
together, so they are all dropped first, and the writes are idempotent. An ack that still fails
frees its slot anyway: its record stays in the hash and the message comes back after the
visibility timeout, a duplicate that the consumer's inbox absorbs.

4. **A worker killed just as a message reached it lost the message** (benchmarks/soak.py: 2 events in
   9 SIGKILLs at 20 handovers/s; the fault test ``test_worker_killed_after_redis_handed_it_a_message_...``).
   BRPOP removes the message from its list when Redis answers, and the worker records it (point 1)
   only when it reads that answer; killed in between, the message was in no list and no hash. The
   channel therefore fetches with ``BLMOVE`` into an in-flight list of its own
   (``_bus.inflight.<queue>.<token>``), in one step on the server, and the record in the unacked hash
   removes it from there in the same MULTI. What stays in an in-flight list was never recorded: the
   channel itself moves it back to the queue before each fetch (an answer lost with its connection, a
   record that failed), and when the channel's process is dead (its ``.alive`` marker, refreshed with
   the restore sweep, expired after the visibility timeout) any worker's restore sweep moves it back.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from queue import Empty
from time import monotonic, time
from typing import Any

import redis
from kombu.transport import redis as kombu_redis
from kombu.transport import virtual
from kombu.utils.encoding import bytes_to_str
from kombu.utils.json import dumps, loads

log = logging.getLogger(__name__)

# A killed connection raises ConnectionError; a frozen or overloaded broker raises TimeoutError after
# the socket timeout. Either leaves the write undone, and redis-py's TimeoutError is no ConnectionError.
_LOST = (redis.ConnectionError, redis.TimeoutError)

# Every channel's in-flight list is a member of this set, so a restore sweep can find the lists of
# channels that died; ``<list>.alive`` (expiring) says its channel still lives.
INFLIGHT = "_bus.inflight"
ALIVE = ".alive"

# Moves what a dead channel left in its in-flight list back to the queue, unless the channel lives
# after all (its marker was refreshed meanwhile): atomic, so two sweeps cannot both move an item.
# KEYS: in-flight list, its alive marker, the queue, the registry set.
_RESTORE_ORPHAN = """
if redis.call('EXISTS', KEYS[2]) == 1 then return -1 end
local moved = 0
while redis.call('LMOVE', KEYS[1], KEYS[3], 'RIGHT', 'RIGHT') do moved = moved + 1 end
redis.call('SREM', KEYS[4], KEYS[1])
return moved
"""


def _queue_of(inflight_key: str) -> str:
    """The queue an in-flight list belongs to: ``_bus.inflight.<queue>.<token>``."""
    return inflight_key[len(INFLIGHT) + 1 :].rsplit(".", 1)[0]


def restore_orphans(client: redis.Redis) -> int:
    """Move the messages of dead channels' in-flight lists back to their queues; return how many."""
    script = client.register_script(_RESTORE_ORPHAN)
    moved = 0
    for member in client.smembers(INFLIGHT):
        key = bytes_to_str(member)
        n = int(script(keys=[key, key + ALIVE, _queue_of(key), INFLIGHT]))
        if n > 0:
            log.warning("restored %d message(s) a dead consumer had taken but never recorded (%s)", n, key)
            moved += n
    return moved


class QoS(kombu_redis.QoS):
    def _write(self, write: Callable[[], None]) -> None:
        """Run a broker write; on a channel whose connection Celery has detached (closed after a lost
        connection, its pool dropped), kombu fails building a new pool with ``AttributeError``: that is a
        lost connection too, and is raised as one (Celery reconnects) instead of stopping the worker."""
        try:
            write()
        except AttributeError as exc:
            if getattr(self.channel.connection, "client", None) is not None:
                raise  # not a detached connection: a bug, not an outage
            raise redis.ConnectionError(f"the broker connection was closed ({exc})") from exc

    def _once_more(self, what: str, write: Callable[[], None]) -> None:
        try:
            self._write(write)
        except _LOST as exc:
            log.warning("broker write (%s) failed (%s); retrying on fresh connections", what, exc)
            pool = self.channel._pool  # the pool in use, if any: building one needs the connection
            if pool is not None:
                pool.disconnect(inuse_connections=False)
            self._write(write)

    def append(self, message: Any, delivery_tag: str) -> None:
        """Record the delivery in the unacked hash and, in the same MULTI, take it off the in-flight list."""
        received = self.channel.connection.__dict__.pop("_bus_received", None)  # (in-flight list, raw item)
        delivery = message.delivery_info

        def record() -> None:
            with self.pipe_or_acquire() as pipe:
                pipe.zadd(self.unacked_index_key, {delivery_tag: time()})
                pipe.hset(
                    self.unacked_key,
                    delivery_tag,
                    dumps([message._raw, delivery["exchange"], delivery["routing_key"]]),
                )
                if received is not None:
                    pipe.lrem(received[0], 1, received[1])
                pipe.execute()

        self._once_more("record delivery", record)
        virtual.QoS.append(self, message, delivery_tag)

    def restore_visible(self, start: int = 0, num: int = 10, interval: int = 10) -> None:
        """kombu's unacked sweep; then mark this worker's channels alive and empty dead ones' in-flight lists."""
        super().restore_visible(start, num, interval)
        if (self._vrestore_count - 1) % (interval or 1):  # kombu's throttle, as in the sweep above
            return
        with self.channel.conn_or_acquire() as client:
            for channel in list(getattr(self.channel.connection.cycle, "_channels", ())):
                if isinstance(channel, Channel):
                    channel.keep_alive(client)
            restore_orphans(client)

    def ack(self, delivery_tag: str) -> None:
        try:
            self._once_more("ack", lambda: super(QoS, self).ack(delivery_tag))
        except _LOST:
            virtual.QoS.ack(self, delivery_tag)  # free the prefetch slot; the broker restores the message
            raise

    def restore_unacked(self, client: Any = None) -> None:
        """Give the reserved messages back when the channel closes; when that cannot be done now, leave them.

        On a lost connection kombu closes the channel and restores the messages this worker reserved
        (the running one and the prefetched ones) over a connection pool it builds again from the
        connection, which Celery has just detached: ``AttributeError`` on ``None.hostname``, which
        stopped the worker for good (seen once in tests/faults scenario 5). The messages are still in the
        broker's unacked hash, so the restore sweep brings them back after the visibility timeout:
        a delay, never a loss, and the worker lives to reconnect.
        """
        try:
            self._write(lambda: super(QoS, self).restore_unacked(client))
        except _LOST as exc:
            log.warning(
                "could not give back %d reserved message(s) now (%s: %s); the restore sweep returns them "
                "after the visibility timeout",
                len(self._delivered),
                type(exc).__name__,
                exc,
            )
            self._delivered.clear()

    def reject(self, delivery_tag: str, requeue: bool = False) -> None:
        try:
            self._once_more("reject", lambda: super(QoS, self).reject(delivery_tag, requeue=requeue))
        except _LOST:
            virtual.QoS.ack(self, delivery_tag)  # as for ack: restored after the visibility timeout
            raise


class Channel(kombu_redis.Channel):
    """Fetches with BLMOVE into an in-flight list of its own (point 4 above), when it consumes one queue.

    Several queues (BLMOVE takes one), priorities or a key prefix: kombu's BRPOP, as before.
    """

    QoS = QoS
    _in_poll: Any  # kombu's: the connection a fetch is on the wire on, or None
    _brpop_sent_at: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._token = uuid.uuid4().hex
        self._alive: set[str] = set()  # in-flight lists this channel has registered
        # The queue of the BLMOVE on the wire, and whether the LMOVE sent before it is still unanswered.
        self._moving: str | None = None
        self._restore_unread = False

    def inflight_key(self, queue: str) -> str:
        return f"{INFLIGHT}.{queue}.{self._token}"

    def _moves(self) -> bool:
        return len(self.active_queues) == 1 and not self.global_keyprefix and list(self.priority_steps) == [0]

    def keep_alive(self, client: redis.Redis) -> None:
        """Register this channel's in-flight list and say it lives for another visibility timeout."""
        if not self._moves():
            return
        key = self.inflight_key(self.active_queues[0])
        with client.pipeline() as pipe:
            pipe.sadd(INFLIGHT, key)
            pipe.set(key + ALIVE, "1", ex=max(1, int(self.visibility_timeout)))
            pipe.execute()
        self._alive.add(key)

    def _brpop_start(self, timeout: float | None = None) -> None:
        if not self._moves():
            self._moving = None
            super()._brpop_start(timeout)
            return
        (queue,) = self._queue_cycle.consume(1)
        key = self.inflight_key(queue)
        if key not in self._alive:
            with self.conn_or_acquire() as client:
                self.keep_alive(client)
        connection = self.client.connection
        self._in_poll = connection
        self._brpop_sent_at = monotonic()
        self._moving, self._restore_unread = queue, True
        # Nothing of this channel's is on the wire now: what its in-flight list holds was never recorded
        # (an answer lost with its connection, a record that failed). Put one such message back first.
        connection.send_packed_command(
            connection.pack_commands(
                [
                    ("LMOVE", key, queue, "RIGHT", "RIGHT"),
                    ("BLMOVE", queue, key, "RIGHT", "LEFT", timeout if timeout is not None else self.brpop_timeout),
                ]
            )
        )

    def _brpop_read(self, **options: Any) -> bool:
        queue = self._moving
        if queue is None:
            return bool(super()._brpop_read(**options))
        connection = self.client.connection
        key = self.inflight_key(queue)
        try:
            if self._restore_unread:
                restored = self.client.parse_response(connection, "LMOVE", **options)
                self._restore_unread = False
                if restored is not None:
                    log.warning("put back a message %s had taken but never recorded", key)
                if not connection.can_read(timeout=0):
                    raise Empty()  # the BLMOVE still waits for a message: read its answer when it comes
            item = self.client.parse_response(connection, "BLMOVE", **options)
        except self.connection_errors:
            connection.disconnect()
            self._moving = self._in_poll = None
            raise
        self._moving = self._in_poll = None
        try:
            if item is None:
                raise Empty()
            self._queue_cycle.rotate(queue)
            transport = self.connection
            transport.__dict__["_bus_received"] = (key, item)  # QoS.append takes it off the in-flight list
            try:
                transport._deliver(loads(bytes_to_str(item)), queue)
            finally:
                unrecorded = transport.__dict__.pop("_bus_received", None)
            if unrecorded is not None:  # delivered without a record of ours (no consumer: handed back)
                with self.conn_or_acquire() as client:
                    client.lrem(key, 1, item)
            return True
        finally:
            self._flush_brpop_reauth()


class Transport(kombu_redis.Transport):
    """Use with ``broker_transport="shared.bus.transport:Transport"`` and a ``redis://`` URL."""

    Channel = Channel

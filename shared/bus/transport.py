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
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import redis
from kombu.transport import redis as kombu_redis
from kombu.transport import virtual

log = logging.getLogger(__name__)

# A killed connection raises ConnectionError; a frozen or overloaded broker raises TimeoutError after
# the socket timeout. Either leaves the write undone, and redis-py's TimeoutError is no ConnectionError.
_LOST = (redis.ConnectionError, redis.TimeoutError)


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
        self._once_more("record delivery", lambda: super(QoS, self).append(message, delivery_tag))

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
    QoS = QoS


class Transport(kombu_redis.Transport):
    """Use with ``broker_transport="shared.bus.transport:Transport"`` and a ``redis://`` URL."""

    Channel = Channel

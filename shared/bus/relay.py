"""The relay: sends unsent outbox rows to every subscriber's queue, then marks them sent.

Rows are selected by ``sent_at IS NULL`` (never by a high-water mark), published in one pipelined
kombu batch, and marked only after the batch was flushed. Any broker error leaves them unsent for
the next round: delivery is at least once, and the consumers' inbox absorbs duplicates.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import uuid
from collections.abc import Sequence
from typing import Any

from celery import Celery
from kombu.connection import Connection
from kombu.messaging import Producer
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from shared.bus import outbox
from shared.bus.broker import connect, publish_to_queue
from shared.bus.models import OutboxMessage
from shared.bus.subscriptions import subscribers
from shared.db import is_postgres, utcnow
from shared.settings import ServiceSettings

log = logging.getLogger(__name__)


class Relay:
    """Outbox relay for one service database. ``tick`` is one round; ``start`` runs it in a thread."""

    def __init__(self, settings: ServiceSettings, factory: sessionmaker[Session], app: Celery) -> None:
        self.settings = settings
        self.factory = factory
        self.app = app
        self._conn: Connection | None = None
        self._producer: Producer | None = None
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._pid = 0
        self._lock = threading.Lock()

    # -- one round -------------------------------------------------------------------------------
    def tick(self) -> int:
        """Send one batch of unsent rows; return how many rows were sent. Raises on broker errors."""
        with self.factory() as session:
            postgres = is_postgres(session)
            with session.begin():
                query = (
                    select(OutboxMessage.id, OutboxMessage.event_id, OutboxMessage.event_type, OutboxMessage.envelope)
                    .where(OutboxMessage.sent_at.is_(None))
                    .order_by(OutboxMessage.id)
                    .limit(self.settings.relay_batch_size)
                )
                if postgres:
                    # Concurrent relays (API and workers) split the rows instead of sending them twice.
                    query = query.with_for_update(skip_locked=True)
                rows = session.execute(query).all()
                if not rows:
                    return 0
                if postgres:
                    self._send_or_record(session, rows)
                    return len(rows)
            # SQLite: do not hold the database's single write lock during network I/O.
            with session.begin():
                self._send_or_record(session, rows)
            return len(rows)

    def _send_or_record(self, session: Session, rows: Sequence[Any]) -> None:
        ids = [r.id for r in rows]
        try:
            self._send(rows)
        except Exception as exc:
            self._reset()
            self._record_failure(ids, exc)
            raise
        session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(ids), OutboxMessage.sent_at.is_(None))
            .values(sent_at=utcnow())
        )

    def _send(self, rows: Sequence[Any]) -> None:
        producer = self._get_producer()
        with producer.batch(max_size=1000):
            for row in rows:
                envelope = json.loads(row.envelope)
                for queue in subscribers(row.event_type):
                    # Same task id for the same (event, queue): a re-send is recognisably a duplicate.
                    task_id = str(uuid.uuid5(uuid.UUID(row.event_id), queue))
                    publish_to_queue(producer, self.app, queue, envelope, task_id=task_id)

    def _record_failure(self, ids: list[int], exc: Exception) -> None:
        try:
            with self.factory.begin() as session:
                session.execute(
                    update(OutboxMessage)
                    .where(OutboxMessage.id.in_(ids))
                    .values(attempts=OutboxMessage.attempts + 1, last_error=f"{type(exc).__name__}: {exc}"[:2000])
                )
        except Exception:
            log.exception("relay could not record a publish failure")

    def _get_producer(self) -> Producer:
        if self._producer is None:
            self._conn = connect(self.settings)
            self._conn.ensure_connection(max_retries=1)
            self._producer = Producer(self._conn.default_channel)
        return self._producer

    def _reset(self) -> None:
        conn, self._conn, self._producer = self._conn, None, None
        if conn is not None:
            try:
                conn.close()
            except Exception:
                log.debug("closing a broken broker connection failed", exc_info=True)

    def drain(self) -> int:
        """Send everything unsent now (used by tools and tests); return the number of rows sent."""
        total = 0
        with self._lock:
            while True:
                sent = self.tick()
                total += sent
                if sent < self.settings.relay_batch_size:
                    return total

    # -- background thread -----------------------------------------------------------------------
    def wake(self) -> None:
        """Called after a commit that wrote outbox rows; starts the thread in a fresh (forked) process."""
        if self._pid != os.getpid():
            self.start()
        self._wake.set()

    def start(self) -> None:
        if self._pid == os.getpid() and self._thread is not None and self._thread.is_alive():
            return
        self._pid = os.getpid()
        # After fork: never share a socket, and never inherit a lock another thread held.
        self._conn, self._producer = None, None
        self._lock = threading.Lock()
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"relay-{self.settings.service_name}", daemon=True)
        self._thread.start()
        outbox.on_commit_wake(self.wake)

    def stop(self, timeout: float = 5.0) -> None:
        outbox.remove_wake(self.wake)
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
        self._reset()

    def _run(self) -> None:
        failures = 0
        while not self._stop.is_set():
            self._wake.wait(timeout=self.settings.relay_sweep_seconds)
            self._wake.clear()
            if self._stop.is_set():
                break
            try:
                self.drain()
                failures = 0
            except Exception as exc:
                failures += 1
                delay = min(0.2 * 2**failures, 5.0)
                log.warning(
                    "relay round failed (%s: %s); rows stay unsent, retry in %.1fs", type(exc).__name__, exc, delay
                )
                self._stop.wait(delay)

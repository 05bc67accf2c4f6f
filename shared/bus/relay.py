"""The relay: sends unsent outbox rows to every subscriber's queue, then marks them sent.

Rows are selected by ``sent_at IS NULL`` (never by a high-water mark), published in one pipelined
kombu batch, and marked only after the batch was flushed. Any broker error leaves them unsent for
the next round: delivery is at least once, and the consumers' inbox absorbs duplicates.
"""

from __future__ import annotations

import collections
import contextlib
import fcntl
import logging
import os
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from typing import Any

from celery import Celery
from sqlalchemy import BigInteger, Engine, any_, bindparam, select, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session, sessionmaker

from shared.bus import outbox
from shared.bus.housekeeping import purge
from shared.bus.models import OutboxMessage
from shared.bus.subscriptions import subscribers
from shared.bus.wire import Sender
from shared.db import is_postgres, utcnow
from shared.settings import ServiceSettings

log = logging.getLogger(__name__)

_ID_ARRAY = ARRAY(BigInteger)

# Longer than a round that waits for a broker timeout (SOCKET_TIMEOUT, 5 s).
_SQLITE_RELAY_LOCK_WAIT = 10.0


@contextlib.contextmanager
def _one_relay_per_sqlite_file(session: Session, postgres: bool) -> Iterator[None]:
    """SQLite: one relay round at a time per database file, across processes.

    A service's database has several relays (its API's, its worker's, each pool child's that
    published). On PostgreSQL ``FOR UPDATE SKIP LOCKED`` splits the rows; on SQLite two rounds
    could select the same unsent rows (the write lock is released during the send) and both send
    them: benchmarks/soak.py measured 54 duplicate deliveries in 905 (6%) with no fault at all.
    A POSIX record lock on a file beside the database serialises the rounds without holding the
    database lock; the kernel releases it when the process dies, and forked children do not
    inherit it. The wait is bounded: a relay stuck elsewhere (a stopped process) must not stop
    this one, which then goes ahead unlocked (a duplicate at worst, which the inbox absorbs).
    """
    path = None if postgres else session.get_bind().engine.url.database
    if not path or path == ":memory:":
        yield
        return
    with open(f"{path}.relay-lock", "ab") as lock_file:
        deadline = time.monotonic() + _SQLITE_RELAY_LOCK_WAIT
        while True:
            try:
                fcntl.lockf(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
                locked = True
                break
            except OSError:
                if time.monotonic() > deadline:
                    log.warning("another relay of %s holds its round lock; going ahead without it", path)
                    locked = False
                    break
                time.sleep(0.002)
        try:
            yield
        finally:
            if locked:
                fcntl.lockf(lock_file, fcntl.LOCK_UN)


class Relay:
    """Outbox relay for one service database. ``tick`` is one round; ``start`` runs it in a thread."""

    def __init__(self, settings: ServiceSettings, factory: sessionmaker[Session], app: Celery) -> None:
        self.settings = settings
        self.factory = factory
        self.app = app
        self._sender = Sender(settings, app)
        self._engine: Engine = factory.kw["bind"]
        self._wake = threading.Event()
        # Rows just committed in this process, handed over by the outbox (sent without reading them back).
        self._handed: collections.deque[outbox.Committed] = collections.deque()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._pid = 0
        self._lock = threading.Lock()

    # -- one round -------------------------------------------------------------------------------
    def tick(self) -> int:
        """Send one batch of unsent rows; return how many rows were sent. Raises on broker errors."""
        with self.factory() as session:
            postgres = is_postgres(session)
            with _one_relay_per_sqlite_file(session, postgres):
                return self._tick(session, postgres)

    def _tick(self, session: Session, postgres: bool) -> int:
        error: Exception | None = None
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
                error = self._send_or_record(session, rows)
        if not postgres:
            # SQLite: do not hold the database's single write lock during network I/O.
            with session.begin():
                error = self._send_or_record(session, rows)
        if error is not None:
            raise error  # after the commit that recorded it
        return len(rows)

    def _send_or_record(self, session: Session, rows: Sequence[Any]) -> Exception | None:
        """Send ``rows`` and mark them sent, or record the failure on them; return the failure.

        The failure is recorded in ``session``'s own transaction, not in a new one: on PostgreSQL
        this transaction holds the rows' ``FOR UPDATE`` locks, so an UPDATE from another
        transaction waited for it for ever (a relay tick with Redis down hung, and its rows stayed
        locked, skipped by every other relay, until the process died). The caller raises the
        returned error once the transaction has committed.
        """
        ids = [r.id for r in rows]
        try:
            self._send(rows)
        except Exception as exc:
            self._reset()
            self._record_failure(session, ids, exc)
            return exc
        # Core, not an ORM bulk update (nothing in the session to synchronise); on PostgreSQL the ids go
        # as one array parameter: an IN list of a batch's ids was re-rendered and re-parsed every round.
        if is_postgres(session):
            chosen = OutboxMessage.id == any_(bindparam("ids", ids, type_=_ID_ARRAY))
        else:
            chosen = OutboxMessage.id.in_(ids)
        session.connection().execute(
            update(OutboxMessage).where(chosen, OutboxMessage.sent_at.is_(None)).values(sent_at=utcnow())
        )
        return None

    def _send(self, rows: Sequence[Any]) -> None:
        encode = self._sender.messages.encode
        items = []
        for row in rows:
            argsrepr = f"({row.event_type} {row.event_id})"
            for queue in subscribers(row.event_type):
                # Same task id for the same (event, queue): a re-send is recognisably a duplicate.
                task_id = str(uuid.uuid5(uuid.UUID(row.event_id), queue))
                items.append((queue, encode(queue, task_id, row.envelope, argsrepr)))
        if items:
            self._sender.send(items)

    def _record_failure(self, session: Session, ids: list[int], exc: Exception) -> None:
        try:
            with session.begin_nested():  # a failure to record must not hide the broker error
                session.execute(
                    update(OutboxMessage)
                    .where(OutboxMessage.id.in_(ids))
                    .values(attempts=OutboxMessage.attempts + 1, last_error=f"{type(exc).__name__}: {exc}"[:2000])
                )
        except Exception:
            log.exception("relay could not record a publish failure")

    def _reset(self) -> None:
        self._sender.reset()

    def send_handed(self) -> int:
        """Send the rows commits handed over, then mark them sent; return how many were sent.

        The idle fast path: no read of the outbox before the send. The rows are committed (handed
        over after the root commit only), so a send can only be early for another relay that swept
        them meanwhile: a duplicate, absorbed by the inbox. A failed send leaves them for ``drain``.
        """
        rows: list[outbox.Committed] = []
        while self._handed:
            rows.append(self._handed.popleft())
        if not rows:
            return 0
        with self._lock, self.factory() as session:
            postgres = is_postgres(session)
            with _one_relay_per_sqlite_file(session, postgres), session.begin():
                # On SQLite the write lock is taken at the UPDATE, after the send (not during it).
                error = self._send_or_record(session, rows)
        if error is not None:
            raise error
        return len(rows)

    def drain(self) -> int:
        """Send everything unsent now (used by tools and tests); return the number of rows sent."""
        total = 0
        with self._lock:
            while True:
                sent = self.tick()
                total += sent
                if sent < self.settings.relay_batch_size:
                    return total

    def rebind(self) -> None:
        """Follow the session factory to the engine it was given since (a pool child's own)."""
        old, self._engine = self._engine, self.factory.kw["bind"]
        if old is not self._engine and outbox.remove_wake(old, self.wake):
            outbox.on_commit_wake(self._engine, self.wake)

    # -- fork safety (see ServiceRuntime: prefork pool children are forked next to this thread) ----
    def before_fork(self) -> None:
        """Wait for the current round to end and start none until the fork is done.

        A child forked mid-round inherits whatever the round held at that instant: SQLAlchemy's
        mapper-configuration lock or a SQLite lock, held by a thread that does not exist in the
        child. Its first database call then hangs for ever (seen with prefork Celery workers).
        """
        self._lock.acquire()

    def after_fork_in_parent(self) -> None:
        self._lock.release()

    def after_fork_in_child(self) -> None:
        # The child's copy of the lock is held (by the parent's forking thread): give it its own.
        self._lock = threading.Lock()
        self._handed.clear()

    # -- background thread -----------------------------------------------------------------------
    def wake(self, rows: Sequence[outbox.Committed] = ()) -> None:
        """Called after a commit that wrote outbox ``rows``; starts the thread in a fresh (forked) process."""
        if self._pid != os.getpid():
            self.start()
        self._handed.extend(rows)
        self._wake.set()

    def start(self) -> None:
        if self._pid == os.getpid() and self._thread is not None and self._thread.is_alive():
            return
        self._pid = os.getpid()
        # After fork: never share a socket, never inherit a lock another thread held, and never
        # send the parent's handed-over rows (the parent sends them).
        self._sender.forget()
        self._handed.clear()
        self._lock = threading.Lock()
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"relay-{self.settings.service_name}", daemon=True)
        self._thread.start()
        outbox.on_commit_wake(self._engine, self.wake)

    def stop(self, timeout: float = 5.0) -> None:
        outbox.remove_wake(self._engine, self.wake)
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
        self._reset()

    def _run(self) -> None:
        failures = 0
        sweep = self.settings.relay_sweep_seconds
        # A full read of the outbox after a failure, without a hand-off, and at least once a sweep
        # interval (rows of other processes, e.g. one that died before sending); not after every
        # hand-off, whose rows are sent already: that read would compete with the consumers for CPU.
        backlog, last_drain = True, 0.0
        next_purge = time.monotonic() + min(60.0, self.settings.bus_purge_seconds)  # not in start-up's rush
        while not self._stop.is_set():
            self._wake.wait(timeout=sweep)
            self._wake.clear()
            if self._stop.is_set():
                break
            try:
                if backlog:
                    # After a failure, older rows wait unsent: send everything in commit (id) order,
                    # the rows just handed over included, so new events do not overtake old ones.
                    self._handed.clear()
                    self.drain()
                    backlog, last_drain = False, time.monotonic()
                elif not self.send_handed() or time.monotonic() - last_drain >= sweep:
                    self.drain()
                    last_drain = time.monotonic()
                failures = 0
            except Exception as exc:
                backlog = True
                failures += 1
                delay = min(0.2 * 2**failures, 5.0)
                log.warning(
                    "relay round failed (%s: %s); rows stay unsent, retry in %.1fs", type(exc).__name__, exc, delay
                )
                self._stop.wait(delay)
                continue
            if time.monotonic() >= next_purge:
                next_purge = time.monotonic() + self.settings.bus_purge_seconds
                try:
                    with self._lock:  # not while a prefork child is being forked
                        purge(self.factory, retention_days=self.settings.bus_retention_days)
                except Exception:
                    log.exception("bus housekeeping failed; tried again in %.0f s", self.settings.bus_purge_seconds)

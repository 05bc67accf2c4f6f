"""Fresh databases for tests: a new SQLite file, or a new PostgreSQL database, per call.

Each service's migrations run once per test process into a template; every fresh database is
then a copy of it (a file copy, or PostgreSQL's ``CREATE DATABASE … TEMPLATE``), so each test
still gets its own database at the migrated head without paying for the migrations again.

Set ``INTEGRATION_TEST_POSTGRES_URL`` (an admin URL such as
``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``) to run the suite on PostgreSQL.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import sqlite3
import tempfile
import threading
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from shared.migrations import upgrade

PG_ENV = "INTEGRATION_TEST_POSTGRES_URL"
_templates: dict[str, str] = {}
_shapes: dict[str, tuple[str | None, tuple[str, ...]]] = {}
_spares: dict[str, list[str]] = {}  # emptied test databases at head, ready for the next test
_lock = threading.Lock()


def postgres_admin_url() -> str | None:
    return os.environ.get(PG_ENV) or None


def _admin_execute(sql: str, **params: object) -> None:
    admin = postgres_admin_url()
    assert admin
    engine = create_engine(admin, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with engine.connect() as conn:
        conn.execute(text(sql), params)
    engine.dispose()


def _template(service: str) -> str:
    """The migrated template for ``service`` in this process: a SQLite path or a PostgreSQL name."""
    with _lock:
        if service in _templates:
            return _templates[service]
        admin = postgres_admin_url()
        if admin:
            name = f"tmpl_{service}_{os.getpid()}_{uuid.uuid4().hex[:6]}"
            _admin_execute(f'CREATE DATABASE "{name}"')
            atexit.register(_admin_execute, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            upgrade(service, make_url(admin).set(database=name).render_as_string(hide_password=False))
            _templates[service] = name
        else:
            folder = Path(tempfile.mkdtemp(prefix="integration-templates-"))
            atexit.register(shutil.rmtree, folder, True)
            path = folder / f"{service}.sqlite3"
            upgrade(service, f"sqlite:///{path}")
            with sqlite3.connect(path) as conn:  # fold the WAL into the file before it is copied
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            _templates[service] = str(path)
        return _templates[service]


def fresh_database(service: str, directory: Path, *, migrate: bool = True) -> str:
    """Create a database for ``service`` (migrated to head unless ``migrate`` is false); return its URL."""
    admin = postgres_admin_url()
    name = f"t_{service}_{uuid.uuid4().hex[:12]}"
    if admin:
        if migrate:
            with _lock:
                spare = _spares.get(service)
                if spare:
                    return spare.pop()
        template = f' TEMPLATE "{_template(service)}"' if migrate else ""
        _admin_execute(f'CREATE DATABASE "{name}"{template}')
        # A test database need not wait for its commits to reach the disk.
        _admin_execute(f'ALTER DATABASE "{name}" SET synchronous_commit = off')
        return make_url(admin).set(database=name).render_as_string(hide_password=False)
    path = Path(directory) / f"{name}.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    if migrate:
        shutil.copyfile(_template(service), path)
    return f"sqlite:///{path}"


def drop_database(url: str) -> None:
    """Done with a PostgreSQL test database (SQLite files go with the temporary folder).

    A database still at its service's head is emptied and kept for the next ``fresh_database`` of
    that service in this process: creating one from the template waited on a checkpoint (0.4 s a
    test under load), emptying one takes a few milliseconds. Any other is dropped."""
    if not postgres_admin_url() or url.startswith("sqlite"):
        return
    name = str(make_url(url).database)
    service = name.split("_")[1] if name.startswith("t_") else ""
    if service in _templates and _empty_if_at_head(url, service):
        with _lock:
            _spares.setdefault(service, []).append(url)
        return
    _admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


_TABLES = text("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
_VERSION = text("SELECT version_num FROM alembic_version")


def _empty_if_at_head(url: str, service: str) -> bool:
    """Delete every row (identities restarted) of a database whose schema is still the template's: the
    same revision and the same tables. False, leaving it as it is, for any other."""
    name = make_url(url).database
    _admin_execute(  # connections a test left open would hold locks that the DELETEs wait for
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name AND pid <> pg_backend_pid()",
        name=name,
    )
    engine = create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with engine.connect() as conn:
            shape = (conn.execute(_VERSION).scalar(), tuple(conn.execute(_TABLES).scalars()))
            if shape != _shape_of(service):
                return False
            sequences = conn.execute(text("SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'")).all()
            # DELETE, not TRUNCATE: a test's few rows go in a millisecond, while TRUNCATE makes new files for
            # every table and index. Foreign keys are not checked meanwhile (session_replication_role).
            statements = ["SET session_replication_role = replica"]
            statements += [f'DELETE FROM "{t}"' for t in shape[1] if t != "alembic_version"]  # noqa: S608
            statements += [f'ALTER SEQUENCE "{q}" RESTART' for (q,) in sequences]
            statements.append("SET session_replication_role = DEFAULT")
            conn.exec_driver_sql("; ".join(statements))
        return True
    except Exception:  # whatever a test did to it (dropped a table, ...): drop it instead
        return False
    finally:
        engine.dispose()


def _shape_of(service: str) -> tuple[str | None, tuple[str, ...]]:
    """The Alembic revision and the tables of this process's template for ``service``."""
    admin = postgres_admin_url()
    assert admin
    with _lock:
        if service not in _shapes:
            engine = create_engine(make_url(admin).set(database=_templates[service]), poolclass=NullPool)
            with engine.connect() as conn:
                _shapes[service] = (conn.execute(_VERSION).scalar(), tuple(conn.execute(_TABLES).scalars()))
            engine.dispose()
        return _shapes[service]


@atexit.register
def _drop_spares() -> None:
    for urls in _spares.values():
        for url in urls:
            with contextlib.suppress(Exception):
                _admin_execute(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')

"""Fresh databases for tests: a new SQLite file, or a new PostgreSQL database, per call.

Each service's migrations run once per test process into a template; every fresh database is
then a copy of it (a file copy, or PostgreSQL's ``CREATE DATABASE … TEMPLATE``), so each test
still gets its own database at the migrated head without paying for the migrations again.

Set ``INTEGRATION_TEST_POSTGRES_URL`` (an admin URL such as
``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``) to run the suite on PostgreSQL.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sqlite3
import tempfile
import threading
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from shared.migrations import upgrade

PG_ENV = "INTEGRATION_TEST_POSTGRES_URL"
_templates: dict[str, str] = {}
_lock = threading.Lock()


def postgres_admin_url() -> str | None:
    return os.environ.get(PG_ENV) or None


def _admin_execute(sql: str) -> None:
    admin = postgres_admin_url()
    assert admin
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(sql))
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
        template = f' TEMPLATE "{_template(service)}"' if migrate else ""
        _admin_execute(f'CREATE DATABASE "{name}"{template}')
        return make_url(admin).set(database=name).render_as_string(hide_password=False)
    path = Path(directory) / f"{name}.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    if migrate:
        shutil.copyfile(_template(service), path)
    return f"sqlite:///{path}"


def drop_database(url: str) -> None:
    """Drop a PostgreSQL test database (SQLite files go with the temporary folder)."""
    if not postgres_admin_url() or url.startswith("sqlite"):
        return
    _admin_execute(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')

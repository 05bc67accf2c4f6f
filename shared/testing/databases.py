"""Fresh databases for tests: a new SQLite file, or a new PostgreSQL database per call.

Set ``INTEGRATION_TEST_POSTGRES_URL`` (an admin URL such as
``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``) to run the suite on PostgreSQL.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from shared.migrations import upgrade

PG_ENV = "INTEGRATION_TEST_POSTGRES_URL"


def postgres_admin_url() -> str | None:
    return os.environ.get(PG_ENV) or None


def fresh_database(service: str, directory: Path, *, migrate: bool = True) -> str:
    """Create an empty database for ``service``, migrated to head; return its URL."""
    admin = postgres_admin_url()
    if admin:
        name = f"t_{service}_{uuid.uuid4().hex[:12]}"
        engine = create_engine(admin, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        url = make_url(admin).set(database=name).render_as_string(hide_password=False)
    else:
        url = f"sqlite:///{directory / f'{service}-{uuid.uuid4().hex[:8]}.sqlite3'}"
    if migrate:
        upgrade(service, url)
    return url


def drop_database(url: str) -> None:
    """Drop a PostgreSQL test database (SQLite files go with the temporary folder)."""
    admin = postgres_admin_url()
    if not admin or url.startswith("sqlite"):
        return
    name = make_url(url).database
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()

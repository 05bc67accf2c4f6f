"""Fresh test databases: a test never sees the rows, identities or tables an earlier test left (on
PostgreSQL a database at head is emptied and handed to the next test instead of being dropped)."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect, text

from shared.testing.databases import drop_database, fresh_database

ROW = (
    "INSERT INTO outbox (event_id, event_type, envelope, created_at, attempts)"
    " VALUES (:e, 'council.test', '{}', '2026-12-07', 0)"
)


def _insert(url: str, event_id: str) -> int:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(ROW), {"e": event_id})
        row_id = int(conn.execute(text("SELECT max(id) FROM outbox")).scalar_one())
    engine.dispose()
    return row_id


def _shape(url: str) -> tuple[set[str], int]:
    engine = create_engine(url)
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        rows = int(conn.execute(text("SELECT count(*) FROM outbox")).scalar_one())
    engine.dispose()
    return tables, rows


def test_a_fresh_database_has_no_rows_identities_or_tables_an_earlier_test_left(tmp_path):
    first = fresh_database("council", tmp_path)
    tables, rows = _shape(first)
    assert "outbox" in tables and rows == 0
    assert _insert(first, "a") == 1 and _insert(first, "b") == 2
    drop_database(first)

    second = fresh_database("council", tmp_path)
    assert _shape(second) == (tables, 0)
    assert _insert(second, "c") == 1  # the identity starts again
    engine = create_engine(second)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE stray (id integer)"))  # a schema the migrations do not make
    engine.dispose()
    drop_database(second)

    third = fresh_database("council", tmp_path)
    assert _shape(third) == (tables, 0)
    drop_database(third)

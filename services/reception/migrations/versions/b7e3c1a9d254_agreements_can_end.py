"""host-family and mentor agreements can end (R7): start date, end date, reason, note, who ended it

Issue 18, R7: an agreement could never end, so its follow-ups fell due for ever. ``volunteer_match`` gets
``started_on`` (an end may not lie before it), ``ended_on``, ``end_reason``, ``end_note`` and ``ended_by``;
``next_follow_up`` becomes nullable (an ended agreement has none).

Existing rows stay active. Their start was never stored: it is taken as the first follow-up's date when there is
one (the agreement existed then), otherwise as the next follow-up less the interval (exactly the day it was made,
since the first follow-up fell one interval after it).

Revision ID: b7e3c1a9d254
Revises: 7a1d5e0c2b18
Create Date: 2026-12-08 01:55:00.000000

"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "b7e3c1a9d254"
down_revision: str | Sequence[str] | None = "7a1d5e0c2b18"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


@contextmanager
def _sqlite_foreign_keys_off() -> Iterator[None]:
    """SQLite's batch mode rebuilds volunteer_match (copy, drop, rename), which match_follow_up refers to; with
    foreign keys on, the drop fails. SQLite ignores the pragma inside a transaction, so on SQLite (development and
    tests only: production refuses it) the work so far is committed, the keys switched off, a new transaction
    begun, and the keys checked before they are switched back on. PostgreSQL alters the table in place.
    (As housing's 26b3cd6eed2e does; copied, since a migration must not change later.)"""
    if op.get_bind().dialect.name != "sqlite":
        yield
        return
    raw = op.get_bind().connection.driver_connection
    assert raw is not None
    raw.execute("COMMIT")
    raw.execute("PRAGMA foreign_keys = OFF")
    raw.execute("BEGIN IMMEDIATE")
    try:
        yield
        broken = op.get_bind().exec_driver_sql("PRAGMA foreign_key_check").all()
        if broken:
            raise RuntimeError(f"foreign keys broken by the rebuild of volunteer_match: {broken}")
        raw.execute("COMMIT")
    finally:
        if not raw.in_transaction:
            raw.execute("PRAGMA foreign_keys = ON")
            raw.execute("BEGIN IMMEDIATE")


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def upgrade() -> None:
    with _sqlite_foreign_keys_off(), op.batch_alter_table("volunteer_match", schema=None) as batch_op:
        batch_op.add_column(sa.Column("started_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("ended_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("end_reason", sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column("end_note", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("ended_by", sa.String(length=100), nullable=True))
        batch_op.alter_column("next_follow_up", existing_type=sa.Date(), nullable=True)

    conn = op.get_bind()
    first_notes = dict(conn.execute(sa.text('SELECT match_id, MIN("on") FROM match_follow_up GROUP BY match_id')).all())
    for match_id, next_follow_up, days in conn.execute(
        sa.text("SELECT id, next_follow_up, follow_up_days FROM volunteer_match")
    ).all():
        first = first_notes.get(match_id)
        started = _as_date(first) if first is not None else _as_date(next_follow_up) - timedelta(days=days)
        conn.execute(
            sa.text("UPDATE volunteer_match SET started_on = :started WHERE id = :id"),
            {"started": started, "id": match_id},
        )

    with _sqlite_foreign_keys_off(), op.batch_alter_table("volunteer_match", schema=None) as batch_op:
        batch_op.alter_column("started_on", existing_type=sa.Date(), nullable=False)


def downgrade() -> None:
    # An ended agreement has no next follow-up; the old schema needs one: its end date (the status stays "ended",
    # which the old deadline list skips).
    op.execute("UPDATE volunteer_match SET next_follow_up = ended_on WHERE next_follow_up IS NULL")
    with _sqlite_foreign_keys_off(), op.batch_alter_table("volunteer_match", schema=None) as batch_op:
        batch_op.alter_column("next_follow_up", existing_type=sa.Date(), nullable=False)
        batch_op.drop_column("ended_by")
        batch_op.drop_column("end_note")
        batch_op.drop_column("end_reason")
        batch_op.drop_column("ended_on")
        batch_op.drop_column("started_on")

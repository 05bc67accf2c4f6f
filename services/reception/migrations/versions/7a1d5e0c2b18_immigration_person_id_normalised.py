"""immigration person id normalised (trimmed, upper-case) and checked so

Issue 18: "race-0001" opened a second case beside "RACE-0001". The handover now stores the id trimmed and
upper-cased; this migration normalises the existing rows and adds a check constraint, so the unique constraint on
the column refuses a second spelling of the same id.

Existing rows that collide once normalised (two cases for one person, made before this fix) are not merged or
renamed here: which of them is the person's real case, and what of the other's tasks, plans and payments is kept,
is a caseworker's decision. The upgrade stops with the colliding ids and case ids listed, and nothing changed;
merge or correct those cases, then run it again.

Revision ID: 7a1d5e0c2b18
Revises: 4ccd8895de89
Create Date: 2026-12-08 01:20:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "7a1d5e0c2b18"
down_revision: str | Sequence[str] | None = "4ccd8895de89"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHECK = "ck_cases_immigration_person_id_normalised"  # the name the metadata's naming convention gives it


def upgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, immigration_person_id FROM cases ORDER BY id")).all()
    by_id: dict[str, list[int]] = {}
    for case_id, person_id in rows:
        by_id.setdefault(person_id.strip().upper(), []).append(case_id)
    collisions = {person_id: ids for person_id, ids in by_id.items() if len(ids) > 1}
    if collisions:
        listed = "; ".join(f"{person_id}: cases {', '.join(map(str, ids))}" for person_id, ids in collisions.items())
        raise RuntimeError(
            "cases whose immigration person ids differ only in case or spaces must be merged by a caseworker "
            f"before this migration runs (nothing was changed): {listed}"
        )
    for case_id, person_id in rows:
        normalised = person_id.strip().upper()
        if normalised != person_id:
            conn.execute(
                sa.text("UPDATE cases SET immigration_person_id = :p WHERE id = :i"), {"p": normalised, "i": case_id}
            )
    with op.batch_alter_table("cases") as batch_op:
        batch_op.create_check_constraint(op.f(CHECK), "immigration_person_id = upper(trim(immigration_person_id))")


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch_op:
        batch_op.drop_constraint(op.f(CHECK), type_="check")

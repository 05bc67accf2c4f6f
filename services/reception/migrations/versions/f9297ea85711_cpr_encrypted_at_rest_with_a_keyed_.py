"""CPR encrypted at rest with a keyed digest

Existing numbers are encrypted and digested here with the keys of the environment the migration
runs in (RECEPTION_CPR_KEYS, RECEPTION_CPR_DIGEST_KEY): run it with the service's own settings.

Revision ID: f9297ea85711
Revises: 43d534e1565a
Create Date: 2026-11-26 11:11:18.875987

"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from shared.crypto import FieldCipher

# revision identifiers, used by Alembic.
revision: str = "f9297ea85711"
down_revision: str | Sequence[str] | None = "43d534e1565a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PLAIN = re.compile(r"^[0-9]{6}-[0-9]{4}$")
cases = sa.table("cases", sa.column("id", sa.Integer), sa.column("cpr", sa.String), sa.column("cpr_digest", sa.String))


def _cipher() -> FieldCipher:
    from reception.config import ReceptionSettings

    settings = ReceptionSettings()
    return FieldCipher(settings.cpr_keys, settings.cpr_digest_key)


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cpr_digest", sa.String(length=64), nullable=True))
        batch_op.alter_column(
            "cpr", existing_type=sa.VARCHAR(length=11), type_=sa.String(length=255), existing_nullable=True
        )
        batch_op.drop_constraint(batch_op.f("uq_cases_cpr"), type_="unique")
        batch_op.create_unique_constraint(batch_op.f("uq_cases_cpr_digest"), ["cpr_digest"])
    conn = op.get_bind()
    rows = conn.execute(sa.select(cases.c.id, cases.c.cpr).where(cases.c.cpr.is_not(None))).all()
    if rows:
        cipher = _cipher()
        for row_id, cpr in rows:
            if PLAIN.match(cpr):
                conn.execute(
                    cases.update()
                    .where(cases.c.id == row_id)
                    .values(cpr=cipher.encrypt(cpr), cpr_digest=cipher.digest(cpr))
                )


def downgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.select(cases.c.id, cases.c.cpr).where(cases.c.cpr.is_not(None))).all()
    if rows:
        cipher = _cipher()
        for row_id, cpr in rows:
            if not PLAIN.match(cpr):
                conn.execute(cases.update().where(cases.c.id == row_id).values(cpr=cipher.decrypt(cpr)))
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_cases_cpr_digest"), type_="unique")
        batch_op.create_unique_constraint(batch_op.f("uq_cases_cpr"), ["cpr"])
        batch_op.alter_column(
            "cpr", existing_type=sa.String(length=255), type_=sa.VARCHAR(length=11), existing_nullable=True
        )
        batch_op.drop_column("cpr_digest")

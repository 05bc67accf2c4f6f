"""danskuddannelsesloven § 5 stored with its rule and why (and the responsibility day it counts from); the
enrolment's right to Danish education (integrationsloven § 21, stk. 3) with its rule and why (issue 14)

Existing assessments keep their date with an empty rule and why (the pages show no explanation for them until
the responsibility day is announced again); existing enrolments get no expiry date (None) until set.

Revision ID: a1d5e7c0f214
Revises: 3e7023a0d3a6
Create Date: 2026-12-08 00:30:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a1d5e7c0f214"
down_revision: str | Sequence[str] | None = "3e7023a0d3a6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("language_assessment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("due_rule", sa.String(length=40), server_default="", nullable=False))
        batch_op.add_column(sa.Column("due_why", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("responsibility_from", sa.Date(), nullable=True))
    with op.batch_alter_table("language_enrolment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("right_expires_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("right_rule", sa.String(length=40), server_default="", nullable=False))
        batch_op.add_column(sa.Column("right_why", sa.Text(), server_default="", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("language_enrolment", schema=None) as batch_op:
        batch_op.drop_column("right_why")
        batch_op.drop_column("right_rule")
        batch_op.drop_column("right_expires_on")
    with op.batch_alter_table("language_assessment", schema=None) as batch_op:
        batch_op.drop_column("responsibility_from")
        batch_op.drop_column("due_why")
        batch_op.drop_column("due_rule")

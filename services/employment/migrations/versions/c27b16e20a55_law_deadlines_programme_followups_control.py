"""the law's deadlines in employment, each with its rule and why (issue 14, point 9): integrationsloven § 16
(the programme; the birth date from reception.case_opened v3, the responsibility day), § 17's visitation day that
§ 20's follow-ups count from, the follow-ups' rule and why (and the yearly ones), § 27 after a control action,
and danskuddannelsesloven § 5, stk. 2 on B11's Danish-class requests

Existing rows survive: the new text columns default to "" and the dates to NULL (not known before); existing
follow-ups keep their dates until the case's visitation or responsibility day is announced and moves them.

Revision ID: c27b16e20a55
Revises: 307504af8058
Create Date: 2026-12-08 00:45:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from shared.db import BigId

revision: str = "c27b16e20a55"
down_revision: str | Sequence[str] | None = "307504af8058"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("match_conversation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("born_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("responsibility_from", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("programme_due", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("programme_rule", sa.String(length=40), server_default="", nullable=False))
        batch_op.add_column(sa.Column("programme_why", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("visitation_completed_on", sa.Date(), nullable=True))
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.add_column(sa.Column("due_rule", sa.String(length=40), server_default="", nullable=False))
        batch_op.add_column(sa.Column("due_why", sa.Text(), server_default="", nullable=False))
    with op.batch_alter_table("danish_class_request", schema=None) as batch_op:
        batch_op.add_column(sa.Column("start_due", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("start_rule", sa.String(length=40), server_default="", nullable=False))
        batch_op.add_column(sa.Column("start_why", sa.Text(), server_default="", nullable=False))
    op.create_table(
        "control_action",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("case_id", BigId, nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("conversation_due", sa.Date(), nullable=False),
        sa.Column("conversation_rule", sa.String(length=40), nullable=False),
        sa.Column("conversation_why", sa.Text(), nullable=False),
        sa.Column("conversation_held_on", sa.Date(), nullable=True),
        sa.Column("offer_due", sa.Date(), nullable=False),
        sa.Column("offer_rule", sa.String(length=40), nullable=False),
        sa.Column("offer_why", sa.Text(), nullable=False),
        sa.Column("offer_given_on", sa.Date(), nullable=True),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("control_action", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_control_action_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_control_action_conversation_due"), ["conversation_due"], unique=False)
        batch_op.create_index(batch_op.f("ix_control_action_offer_due"), ["offer_due"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("control_action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_control_action_offer_due"))
        batch_op.drop_index(batch_op.f("ix_control_action_conversation_due"))
        batch_op.drop_index(batch_op.f("ix_control_action_case_id"))
    op.drop_table("control_action")
    with op.batch_alter_table("danish_class_request", schema=None) as batch_op:
        batch_op.drop_column("start_why")
        batch_op.drop_column("start_rule")
        batch_op.drop_column("start_due")
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.drop_column("due_why")
        batch_op.drop_column("due_rule")
    with op.batch_alter_table("match_conversation", schema=None) as batch_op:
        batch_op.drop_column("visitation_completed_on")
        batch_op.drop_column("programme_why")
        batch_op.drop_column("programme_rule")
        batch_op.drop_column("programme_due")
        batch_op.drop_column("responsibility_from")
        batch_op.drop_column("born_on")

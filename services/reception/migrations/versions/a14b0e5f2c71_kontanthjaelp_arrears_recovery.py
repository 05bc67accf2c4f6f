"""kontanthjælp amount basis on benefits, payment kind (arrears), recovery claims

Revision ID: a14b0e5f2c71
Revises: b10bf215b02d
Create Date: 2026-12-08 00:40:00

Existing benefits keep their type (introduktionsydelse / selvforsørgelsesydelse stay readable) with no
suggestion stored; existing payments are regular payments of their run's month.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a14b0e5f2c71"
down_revision: str | Sequence[str] | None = "b10bf215b02d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.BIGINT(), "postgresql").with_variant(sa.INTEGER(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("benefit") as batch:
        batch.add_column(sa.Column("amount_rule", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("amount_why", sa.Text(), nullable=True))
        batch.add_column(sa.Column("amount_year", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("amount_basis", sa.Text(), nullable=True))
        batch.add_column(sa.Column("suggested_amount", sa.Numeric(precision=12, scale=2), nullable=True))
        batch.add_column(sa.Column("override_reason", sa.Text(), nullable=True))
    with op.batch_alter_table("payment") as batch:
        batch.add_column(sa.Column("kind", sa.String(length=20), server_default="regular", nullable=False))
    op.create_table(
        "recovery_claim",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("benefit_id", _ID, nullable=False),
        sa.Column("case_id", _ID, nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("amount", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("claim_rule", sa.String(length=40), nullable=False),
        sa.Column("claim_why", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["benefit_id"], ["benefit.id"], name=op.f("fk_recovery_claim_benefit_id_benefit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recovery_claim")),
        sa.UniqueConstraint("benefit_id", "month", name=op.f("uq_recovery_claim_benefit_id_month")),
    )
    op.create_index(op.f("ix_recovery_claim_benefit_id"), "recovery_claim", ["benefit_id"], unique=False)
    op.create_index(op.f("ix_recovery_claim_case_id"), "recovery_claim", ["case_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_recovery_claim_case_id"), table_name="recovery_claim")
    op.drop_index(op.f("ix_recovery_claim_benefit_id"), table_name="recovery_claim")
    op.drop_table("recovery_claim")
    with op.batch_alter_table("payment") as batch:
        batch.drop_column("kind")
    with op.batch_alter_table("benefit") as batch:
        for column in (
            "override_reason",
            "suggested_amount",
            "amount_basis",
            "amount_year",
            "amount_why",
            "amount_rule",
        ):
            batch.drop_column(column)

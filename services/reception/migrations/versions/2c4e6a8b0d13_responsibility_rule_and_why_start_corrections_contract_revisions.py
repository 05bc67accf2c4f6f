"""§ 4 day and § 19 due date stored with their shared/law rule and why; the CPR registration's own date;
corrections of the start date; contract revisions (issue 14, defects 4 and 7)

Revision ID: 2c4e6a8b0d13
Revises: a14b0e5f2c71
Create Date: 2026-12-08 00:40:00

Existing rows survive: the new columns are nullable or have server defaults. The rule id of a day
already stored follows from its basis (the why of an old day is not known and stays empty; "Hvorfor
denne frist?" then shows the act's § only). Days stored before are not recomputed here: a case whose
day the old code put on a weekend or helligdag is corrected through "Ret datoen" (which announces it).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "2c4e6a8b0d13"
down_revision: str | Sequence[str] | None = "a14b0e5f2c71"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RULE_OF_BASIS = {
    "placement_rule": "inl4-responsibility",
    "cpr_registration": "inl4-cpr-registration",
    "consent": "inl4-consent",
}


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("responsibility_rule", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("responsibility_why", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("cpr_registered_on", sa.Date(), nullable=True))
    with op.batch_alter_table("integration_contract", schema=None) as batch_op:
        batch_op.add_column(sa.Column("due_rule", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("due_why", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("revision", sa.Integer(), nullable=False, server_default="1"))
        batch_op.add_column(sa.Column("revision_reason", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("revision_follow_up_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("revised_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("revised_by", sa.String(length=100), nullable=True))

    op.create_table(
        "start_correction",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("field", sa.String(length=30), nullable=False),
        sa.Column("old_value", sa.Date(), nullable=True),
        sa.Column("new_value", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("responsibility_before", sa.Date(), nullable=True),
        sa.Column("responsibility_after", sa.Date(), nullable=True),
        sa.Column("corrected_by", sa.String(length=100), nullable=False),
        sa.Column("corrected_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_start_correction_case_id_cases"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_start_correction")),
    )
    with op.batch_alter_table("start_correction", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_start_correction_case_id"), ["case_id"], unique=False)

    op.create_table(
        "integration_contract_revision",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("contract_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("meeting_date", sa.Date(), nullable=True),
        sa.Column("participants", sa.Text(), nullable=False),
        sa.Column("interpreter", sa.String(length=200), nullable=True),
        sa.Column("interpreter_language", sa.String(length=50), nullable=True),
        sa.Column("employment_goal", sa.Text(), nullable=False),
        sa.Column("danish_goal", sa.Text(), nullable=False),
        sa.Column("obligations", sa.Text(), nullable=False),
        sa.Column("declaration_signed", sa.Boolean(), nullable=False),
        sa.Column("caseworker_signed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("caseworker_signed_by", sa.String(length=100), nullable=True),
        sa.Column("citizen_signed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revision_reason", sa.String(length=200), nullable=True),
        sa.Column("replaced_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("replaced_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["integration_contract.id"],
            name=op.f("fk_integration_contract_revision_contract_id_integration_contract"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_integration_contract_revision")),
        sa.UniqueConstraint(
            "contract_id", "revision", name=op.f("uq_integration_contract_revision_contract_id_revision")
        ),
    )
    with op.batch_alter_table("integration_contract_revision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_integration_contract_revision_contract_id"), ["contract_id"], unique=False)

    cases = sa.table("cases", sa.column("responsibility_basis", sa.String), sa.column("responsibility_rule", sa.String))
    for basis, rule in RULE_OF_BASIS.items():
        op.execute(cases.update().where(cases.c.responsibility_basis == basis).values(responsibility_rule=rule))
    # A contract whose case has a § 4 day was due by § 19; one without was due provisionally (rule "").
    op.execute(
        "UPDATE integration_contract SET due_rule = CASE WHEN EXISTS (SELECT 1 FROM cases WHERE cases.id = "
        "integration_contract.case_id AND cases.responsibility_from IS NOT NULL) THEN 'inl19-contract' ELSE '' END"
    )


def downgrade() -> None:
    with op.batch_alter_table("integration_contract_revision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_integration_contract_revision_contract_id"))
    op.drop_table("integration_contract_revision")
    with op.batch_alter_table("start_correction", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_start_correction_case_id"))
    op.drop_table("start_correction")
    with op.batch_alter_table("integration_contract", schema=None) as batch_op:
        for column in (
            "revised_by",
            "revised_at",
            "revision_follow_up_on",
            "revision_reason",
            "revision",
            "due_why",
            "due_rule",
        ):
            batch_op.drop_column(column)
    with op.batch_alter_table("cases", schema=None) as batch_op:
        for column in ("cpr_registered_on", "responsibility_why", "responsibility_rule"):
            batch_op.drop_column(column)

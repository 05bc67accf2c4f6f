"""business committee (forretningsudvalg) beside the steering group: members and meetings carry their body (E2)

The steering group's tables keep both bodies; ``committee`` says which ("steering" or "business"). Existing rows are
the steering group's (server default "steering").

Revision ID: c7e2b1a40f18
Revises: 324710c8a57e
Create Date: 2026-12-08 01:55:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "c7e2b1a40f18"
down_revision: str | Sequence[str] | None = "324710c8a57e"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    for table in ("steering_member", "steering_meeting"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("committee", sa.String(length=20), server_default="steering", nullable=False))


def downgrade() -> None:
    """Downgrade schema (business-committee rows go: the old schema cannot tell them apart)."""
    op.execute("DELETE FROM steering_member WHERE committee <> 'steering'")
    op.execute("DELETE FROM steering_meeting WHERE committee <> 'steering'")
    for table in ("steering_member", "steering_meeting"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("committee")

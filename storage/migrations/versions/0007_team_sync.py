"""team membership synced from a Slack channel or user group or a Teams roster (issue 10)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 15:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("teams", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sync_source", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("synced_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("teams", schema=None) as batch_op:
        batch_op.drop_column("synced_on")
        batch_op.drop_column("sync_source")

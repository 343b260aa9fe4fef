"""people roles teams and privacy (issue 10)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 14:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("platform_tz", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("platform_admin", sa.Boolean(), nullable=True))
        batch_op.add_column(
            sa.Column("platform_checked_at", storage.types.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(sa.Column("mention_id", sa.String(length=64), nullable=True))
        batch_op.create_index("ix_users_mention", ["workspace_id", "mention_id"], unique=False)
    with op.batch_alter_table("workspaces", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("attainment_public", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("workspaces", schema=None) as batch_op:
        batch_op.drop_column("attainment_public")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index("ix_users_mention")
        batch_op.drop_column("mention_id")
        batch_op.drop_column("platform_checked_at")
        batch_op.drop_column("platform_admin")
        batch_op.drop_column("platform_tz")

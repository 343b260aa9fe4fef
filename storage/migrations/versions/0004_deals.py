"""deals and accounts (issue 11)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 14:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name", sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column("lost_reason", sa.String(length=200), nullable=True))
    with op.batch_alter_table("deal_stage_changes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("prev_currency", sa.String(length=3), nullable=True))
        batch_op.add_column(sa.Column("prev_name", sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column("prev_lost_reason", sa.String(length=200), nullable=True))
    op.create_table(
        "fx_rates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("rate", sa.String(length=32), nullable=False),
        sa.Column("set_by", sa.Integer(), nullable=True),
        sa.Column("set_at", storage.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["set_by"], ["users.id"], name=op.f("fk_fx_rates_set_by_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_fx_rates_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fx_rates")),
        sa.UniqueConstraint("workspace_id", "currency", name=op.f("uq_fx_rates_workspace_id")),
    )


def downgrade() -> None:
    op.drop_table("fx_rates")
    with op.batch_alter_table("deal_stage_changes", schema=None) as batch_op:
        batch_op.drop_column("prev_lost_reason")
        batch_op.drop_column("prev_name")
        batch_op.drop_column("prev_currency")
    with op.batch_alter_table("deals", schema=None) as batch_op:
        batch_op.drop_column("lost_reason")
        batch_op.drop_column("name")

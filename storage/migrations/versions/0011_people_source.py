"""people marked with their source: 'chat' (the platform or the console) or 'import' (a CSV);
on SQLite the activity rollups become WITHOUT ROWID tables; the activities' account index
takes the owner and the day too, and it and the batch index skip rows without either

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 20:10:00
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROLLUPS = ("activity_days", "activity_months")
TRIGGERS = (
    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
    "AND (name = 'activities' OR tbl_name = 'activities')"
)
# Only this module's table names fill these in.
COPY = "INSERT INTO {table}_new SELECT * FROM {table} ORDER BY 1, 2, 3"
SWAP = ("DROP TABLE {table}", "ALTER TABLE {table}_new RENAME TO {table}")


def _sqlite_rollups(rowid: bool) -> None:
    """Rebuild the rollup tables with (or without) a rowid. Without one a table is stored in
    its primary key's order, so a board's range of days or months is read from a few
    adjacent pages, not a row lookup each (a year of 500 reps: ~15 ms -> ~2 ms), and each
    write by the triggers touches one b-tree, not two."""
    bind = op.get_bind()
    triggers = bind.exec_driver_sql(TRIGGERS).all()
    # The triggers name the rollups: SQLite will not rename a table under them.
    for name, _ in triggers:
        op.execute(f'DROP TRIGGER "{name}"')
    for table in ROLLUPS:
        sql = bind.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).scalar_one()
        # Its own CREATE statement under another name ("name" once SQLite has renamed it).
        columns = sql[sql.index("(") :].rstrip().removesuffix("WITHOUT ROWID").rstrip()
        body = f"CREATE TABLE {table}_new {columns}"
        op.execute(body if rowid else f"{body} WITHOUT ROWID")
        for step in (COPY, *SWAP):
            op.execute(step.format(table=table))
    for _, sql in triggers:
        op.execute(sql)


def _indexes(partial: bool) -> None:
    """The account index over the owner and the day too, so "recent activity by this owner
    on this account" (stale deals, nudges) is one probe, not a scan of the account's rows;
    it and the batch index leave out rows without an account or batch (imported rows have
    no batch, half have no account), which nobody looks up that way and a bulk import then
    does not index."""
    account = ["workspace_id", "account_id", "user_id", "occurred_on"]
    for name, columns, where in (
        ("ix_activities_account", account if partial else account[:2], "account_id"),
        ("ix_activities_batch_id", ["batch_id"], "batch_id"),
    ):
        only: dict[str, Any] = {
            f"{d}_where": sa.text(f"{where} IS NOT NULL") for d in ("sqlite", "postgresql")
        }
        op.drop_index(name, table_name="activities")
        op.create_index(name, "activities", columns, **(only if partial else {}))


def upgrade() -> None:
    # Everyone already here came from a platform or the console, as with deals and quotas.
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("source", sa.String(length=16), server_default="chat", nullable=False)
        )
    _indexes(partial=True)
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_rollups(rowid=False)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_rollups(rowid=True)
    _indexes(partial=False)
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("source")

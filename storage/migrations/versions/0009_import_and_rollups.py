"""rows marked with their source; per-day and per-month activity rollups kept by triggers

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 17:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# One row per workspace, period and person, a column per activity kind: a year of a
# 500-rep floor is 6,000 month rows to add up, not 24,000.
KINDS = (("call", "calls"), ("email", "emails"), ("meeting", "meetings"), ("demo", "demos"))
COLS = ", ".join(col for _, col in KINDS)


def _split(row: str) -> str:
    """The row's count in its kind's column, 0 in the others (SQLite: a comparison is 0/1)."""
    return ", ".join(f"{row}.count * ({row}.kind = '{kind}')" for kind, _ in KINDS)


def _summed() -> str:
    return ", ".join(
        f"sum(CASE WHEN kind = '{kind}' THEN count ELSE 0 END) AS {col}" for kind, col in KINDS
    )


ADDED = ", ".join(f"{col} = {{table}}.{col} + excluded.{col}" for _, col in KINDS)
TAKEN = ", ".join(f"{col} = r.{col} - o.{col}" for _, col in KINDS)
# SQLite triggers run per row: one upsert (or decrement) per rollup table.
SQLITE_ADD = """
INSERT INTO {table} (workspace_id, {at}, user_id, COLS)
SELECT NEW.workspace_id, {value}, NEW.user_id, SPLIT_NEW WHERE NEW.deleted_at IS NULL
ON CONFLICT (workspace_id, {at}, user_id) DO UPDATE SET ADDED;
"""
SQLITE_SUB = """
UPDATE {table} SET SUBTRACTED
WHERE OLD.deleted_at IS NULL AND workspace_id = OLD.workspace_id AND {at} = {value}
  AND user_id = OLD.user_id;
"""
SQLITE_GRAINS = (
    ("activity_days", "day", "{row}.occurred_on"),
    ("activity_months", "month", "date({row}.occurred_on, 'start of month')"),
)
PG_GRAINS = (
    ("activity_days", "day", "occurred_on"),
    ("activity_months", "month", "date_trunc('month', occurred_on)::date"),
)
# PostgreSQL triggers run once per statement over its transition tables, so a COPY of
# 50,000 rows costs one grouped upsert, not 50,000.
PG_SUB = """
    UPDATE {table} r SET TAKEN FROM (
      SELECT workspace_id, {value} AS at, user_id, SUMMED FROM old_rows
      WHERE deleted_at IS NULL GROUP BY 1, 2, 3) o
    WHERE r.workspace_id = o.workspace_id AND r.{at} = o.at AND r.user_id = o.user_id;
"""
PG_ADD = """
    INSERT INTO {table} (workspace_id, {at}, user_id, COLS)
    SELECT workspace_id, {value}, user_id, SUMMED FROM new_rows
    WHERE deleted_at IS NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (workspace_id, {at}, user_id) DO UPDATE SET ADDED;
"""
PG_FUNCTION = """
CREATE FUNCTION activity_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN {sub}
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN {add}
  END IF;
  RETURN NULL;
END $$;
"""
PG_TRIGGERS = (
    ("ins", "INSERT", "NEW TABLE AS new_rows"),
    ("upd", "UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
    ("del", "DELETE", "OLD TABLE AS old_rows"),
)
REBUILD = (
    "INSERT INTO activity_days (workspace_id, day, user_id, COLS) "
    "SELECT workspace_id, occurred_on, user_id, SUMMED FROM activities "
    "WHERE deleted_at IS NULL GROUP BY workspace_id, occurred_on, user_id",
    "INSERT INTO activity_months (workspace_id, month, user_id, COLS) "
    "SELECT workspace_id, {month}, user_id, SUMS FROM activity_days "
    "GROUP BY workspace_id, {month}, user_id",
)


def _fill(sql: str, table: str, **more: str) -> str:
    """The templates' placeholders, filled for one rollup table."""
    sql = sql.replace("COLS", COLS).replace("SUMMED", _summed())
    sql = sql.replace("SUMS", ", ".join(f"sum({col})" for _, col in KINDS))
    sql = sql.replace("ADDED", ADDED.replace("{table}", table))
    sql = sql.replace("TAKEN", TAKEN)
    sql = sql.replace("SPLIT_NEW", _split("NEW"))
    sub = ", ".join(f"{col} = {col} - OLD.count * (OLD.kind = '{kind}')" for kind, col in KINDS)
    sql = sql.replace("SUBTRACTED", sub)
    return sql.format(table=table, **more)


def _rollup_table(name: str, at: str) -> None:
    op.create_table(
        name,
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column(at, sa.Date(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        *(sa.Column(col, sa.BigInteger(), nullable=False) for _, col in KINDS),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f(f"fk_{name}_user_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f(f"fk_{name}_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workspace_id", at, "user_id", name=op.f(f"pk_{name}")),
    )


def _sqlite_triggers() -> None:
    add = "".join(
        _fill(SQLITE_ADD, t, at=a, value=v.format(row="NEW")) for t, a, v in SQLITE_GRAINS
    )
    sub = "".join(
        _fill(SQLITE_SUB, t, at=a, value=v.format(row="OLD")) for t, a, v in SQLITE_GRAINS
    )
    # A bulk import pauses them (a row in rollup_pause, inside its own transaction, so no
    # one else ever sees it) and adds its rows to the rollups in one grouped statement.
    when = "WHEN NOT EXISTS (SELECT 1 FROM rollup_pause)"
    op.execute(
        f"CREATE TRIGGER activities_rollup_ins AFTER INSERT ON activities {when} BEGIN {add} END"
    )
    op.execute(
        f"CREATE TRIGGER activities_rollup_del AFTER DELETE ON activities {when} BEGIN {sub} END"
    )
    op.execute(
        "CREATE TRIGGER activities_rollup_upd AFTER UPDATE OF "
        "workspace_id, user_id, kind, count, occurred_on, deleted_at ON activities "
        f"{when} BEGIN {sub} {add} END"
    )


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in ("deals", "quotas"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("source", sa.String(length=16), server_default="chat", nullable=False)
            )
    op.create_index("ix_deals_closed_at", "deals", ["workspace_id", "closed_at"])
    op.create_index(
        "ix_deals_won_cover",
        "deals",
        ["workspace_id", "stage", "closed_at", "owner_id", "currency", "amount_minor"],
    )
    _rollup_table("activity_days", "day")
    _rollup_table("activity_months", "month")
    op.create_table(
        "rollup_pause",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rollup_pause")),
    )
    month = "date(day, 'start of month')" if sqlite else "date_trunc('month', day)::date"
    for statement in REBUILD:
        op.execute(_fill(statement, "", month=month))
    if sqlite:
        _sqlite_triggers()
        return
    sub = "".join(_fill(PG_SUB, t, at=a, value=v) for t, a, v in PG_GRAINS)
    add = "".join(_fill(PG_ADD, t, at=a, value=v) for t, a, v in PG_GRAINS)
    op.execute(PG_FUNCTION.format(sub=sub, add=add))
    for suffix, event, tables in PG_TRIGGERS:
        op.execute(
            f"CREATE TRIGGER activities_rollup_{suffix} AFTER {event} ON activities "
            f"REFERENCING {tables} FOR EACH STATEMENT EXECUTE FUNCTION activity_rollup()"
        )


def downgrade() -> None:
    for suffix, _, _ in PG_TRIGGERS:
        op.execute(
            f"DROP TRIGGER IF EXISTS activities_rollup_{suffix}"
            + ("" if op.get_bind().dialect.name == "sqlite" else " ON activities")
        )
    if op.get_bind().dialect.name != "sqlite":
        op.execute("DROP FUNCTION IF EXISTS activity_rollup()")
    op.drop_table("rollup_pause")
    op.drop_table("activity_months")
    op.drop_table("activity_days")
    op.drop_index("ix_deals_won_cover", table_name="deals")
    op.drop_index("ix_deals_closed_at", table_name="deals")
    for table in ("quotas", "deals"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("source")

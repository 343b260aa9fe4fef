"""The activity rollups (migration 0009): recomputed from the raw rows on demand
(`quotabot db rebuild-rollups`), and caught up in one statement after a bulk import."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Select,
    case,
    cast,
    column,
    delete,
    func,
    insert,
    literal,
    select,
    table,
    text,
    true,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Activity
from storage.models.sales import ActivityDay, ActivityMonth, RollupPause

# Activity kind -> its column in the rollup tables.
COLUMNS = {"call": "calls", "email": "emails", "meeting": "meetings", "demo": "demos"}
KIND_INDEX = {kind: index for index, kind in enumerate(COLUMNS)}


def _month(session: AsyncSession, day: Any) -> ColumnElement[Any]:
    if session.get_bind().dialect.name == "sqlite":
        return func.date(day, "start of month")
    return cast(func.date_trunc("month", day), Date)


def _per_kind() -> list[ColumnElement[Any]]:
    return [func.sum(case((Activity.kind == kind, Activity.count), else_=0)) for kind in COLUMNS]


def _grouped(at: Any) -> Select[Any]:
    return select(Activity.workspace_id, at, Activity.user_id, *_per_kind()).group_by(
        Activity.workspace_id, at, Activity.user_id
    )


async def rebuild(session: AsyncSession, workspace_id: int | None = None) -> int:
    """Replace the rollups of one workspace (or all) with sums of the live raw rows;
    returns how many person-days there are now. The triggers keep them right afterwards."""
    live: ColumnElement[bool] = Activity.deleted_at.is_(None)
    if workspace_id is not None:
        live = live & (Activity.workspace_id == workspace_id)
    for model, at, when in (
        (ActivityDay, "day", Activity.occurred_on),
        (ActivityMonth, "month", _month(session, Activity.occurred_on)),
    ):
        gone = delete(model)
        if workspace_id is not None:
            gone = gone.where(model.workspace_id == workspace_id)
        await session.execute(gone)
        keys = ["workspace_id", at, "user_id", *COLUMNS.values()]
        await session.execute(insert(model).from_select(keys, _grouped(when).where(live)))
    days = select(func.count()).select_from(ActivityDay)
    if workspace_id is not None:
        days = days.where(ActivityDay.workspace_id == workspace_id)
    return int(await session.scalar(days) or 0)


async def pause(session: AsyncSession) -> bool:
    """Stop the triggers adding rows to the rollups for this transaction; True when they are
    stopped and the caller must `resume` with what it wrote. SQLite pauses its per-row
    triggers; PostgreSQL's fire once per statement and run on, unless a bulk import turned
    them off for its transaction (storage.transfer.fast)."""
    if session.get_bind().dialect.name != "sqlite":
        role = await session.scalar(text("SELECT current_setting('session_replication_role')"))
        return bool(role == "replica")
    await session.execute(insert(RollupPause).values(id=1))
    return True


class Tally:
    """What an import adds to the rollups, summed in memory as its rows go by (cheaper than
    grouping them again in SQL afterwards), per day as the column stores it (ISO text on
    SQLite, a date on PostgreSQL) and person."""

    def __init__(self) -> None:
        self.days: dict[tuple[Any, int], list[int]] = {}

    def add(self, day: Any, user_id: int, kind: str, count: int) -> None:
        sums = self.days.get((day, user_id))
        if sums is None:
            sums = self.days[(day, user_id)] = [0, 0, 0, 0]
        sums[KIND_INDEX[kind]] += count


# Where an import's tally waits for its upserts (a temporary table: this connection's own).
STAGED = table("import_rollup", column("at"), column("user_id"), *map(column, COLUMNS.values()))
STAGE = (
    "CREATE TEMP TABLE IF NOT EXISTS import_rollup (at date NOT NULL, user_id integer NOT NULL, "
    + ", ".join(f"{col} bigint NOT NULL" for col in COLUMNS.values())
    + ")"
)


async def resume(session: AsyncSession, workspace_id: int, tally: Tally) -> None:
    """Add an import's tally to the rollups and unpause the triggers: the person-days go to
    a temporary table (COPY on PostgreSQL), and each rollup takes them (the months grouped
    there) in one upsert, in key order - sorting and grouping in SQL, not in Python."""
    conn = await session.connection()
    sqlite = conn.dialect.name == "sqlite"
    if tally.days:
        await session.execute(text(STAGE if sqlite else f"{STAGE} ON COMMIT DROP"))
        await session.execute(delete(STAGED))
        rows = [(*key, *sums) for key, sums in tally.days.items()]
        if sqlite:
            # Compiled once and run with plain tuples: no per-row dicts or ORM bookkeeping.
            names = list(STAGED.c.keys())
            compiled = insert(STAGED).compile(dialect=conn.dialect, column_keys=names)
            await conn.exec_driver_sql(str(compiled), rows)
        else:
            raw = await conn.get_raw_connection()
            driver: Any = raw.driver_connection
            await driver.copy_records_to_table("import_rollup", records=rows)
        for model, at in ((ActivityDay, "day"), (ActivityMonth, "month")):
            await session.execute(_upsert(session, model, at, workspace_id))
        await session.execute(delete(STAGED))
    if sqlite:
        await session.execute(delete(RollupPause))


def _upsert(
    session: AsyncSession,
    model: type[ActivityDay] | type[ActivityMonth],
    at: str,
    workspace_id: int,
) -> Any:
    """INSERT INTO the rollup SELECT the staged sums (by month for the months) ON CONFLICT
    add them."""
    when = STAGED.c.at if at == "day" else _month(session, STAGED.c.at)
    cols = list(COLUMNS.values())
    grouped = (
        select(
            literal(workspace_id), when, STAGED.c.user_id, *(func.sum(STAGED.c[c]) for c in cols)
        )
        # SQLite reads "ON CONFLICT" after a bare FROM as a join: a WHERE ends the FROM.
        .where(true())
        .group_by(when, STAGED.c.user_id)
        .order_by(when, STAGED.c.user_id)
    )
    added = (sqlite_insert if session.get_bind().dialect.name == "sqlite" else pg_insert)(model)
    added = added.from_select(["workspace_id", at, "user_id", *cols], grouped)
    more = {col: getattr(model, col) + getattr(added.excluded, col) for col in cols}
    return added.on_conflict_do_update(index_elements=["workspace_id", at, "user_id"], set_=more)

"""The activity rollups (migration 0009): recomputed from the raw rows on demand
(`quotabot db rebuild-rollups`), and caught up in one statement after a bulk import."""

from __future__ import annotations

from datetime import date
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
    grouping them again in SQL afterwards)."""

    def __init__(self) -> None:
        self.days: dict[tuple[date, int], list[int]] = {}

    def add(self, day: date, user_id: int, kind: str, count: int) -> None:
        sums = self.days.get((day, user_id))
        if sums is None:
            sums = self.days[(day, user_id)] = [0, 0, 0, 0]
        sums[KIND_INDEX[kind]] += count


async def resume(session: AsyncSession, workspace_id: int, tally: Tally) -> None:
    """Add an import's tally to the rollups and unpause the triggers."""
    months: dict[tuple[date, int], list[int]] = {}
    for (day, user_id), sums in tally.days.items():
        total = months.setdefault((day.replace(day=1), user_id), [0, 0, 0, 0])
        for index, n in enumerate(sums):
            total[index] += n
    conn = await session.connection()
    sqlite = conn.dialect.name == "sqlite"
    for model, at, sums_by in ((ActivityDay, "day", tally.days), (ActivityMonth, "month", months)):
        if not sums_by:
            continue
        if not sqlite:
            await _pg_add(session, model, at, workspace_id, sums_by)
            continue
        keys = ["workspace_id", at, "user_id"]
        added = sqlite_insert(model)
        more = {col: getattr(model, col) + getattr(added.excluded, col) for col in COLUMNS.values()}
        upsert = added.on_conflict_do_update(index_elements=keys, set_=more)
        # Compiled once and run with plain tuples: no ORM bookkeeping per row.
        compiled = upsert.compile(dialect=conn.dialect, column_keys=[*keys, *COLUMNS.values()])
        assert list(compiled.positiontup or ()) == [*keys, *COLUMNS.values()]
        # In key order: each page of the rollup's primary key is written once.
        rows = [
            (workspace_id, when.isoformat(), uid, *sums)
            for (when, uid), sums in sorted(sums_by.items())
        ]
        await conn.exec_driver_sql(str(compiled), rows)
    if sqlite:
        await session.execute(delete(RollupPause))


# Where an import's tally waits for its one upsert (PostgreSQL; gone at commit).
STAGED = table("import_rollup", column("at"), column("user_id"), *map(column, COLUMNS.values()))
STAGE = (
    "CREATE TEMP TABLE IF NOT EXISTS import_rollup (at date NOT NULL, user_id integer NOT NULL, "
    + ", ".join(f"{col} bigint NOT NULL" for col in COLUMNS.values())
    + ") ON COMMIT DROP"
)


async def _pg_add(
    session: AsyncSession,
    model: type[ActivityDay] | type[ActivityMonth],
    at: str,
    workspace_id: int,
    sums_by: dict[tuple[date, int], list[int]],
) -> None:
    """COPY the sums to a temporary table (binary, no per-value Python work) and upsert
    them from there in one statement, in key order."""
    await session.execute(text(STAGE))
    await session.execute(text("TRUNCATE import_rollup"))
    conn = await session.connection()
    raw = await conn.get_raw_connection()
    driver: Any = raw.driver_connection
    await driver.copy_records_to_table(
        "import_rollup", records=[(*key, *sums) for key, sums in sums_by.items()]
    )
    cols = list(COLUMNS.values())
    added = pg_insert(model).from_select(
        ["workspace_id", at, "user_id", *cols],
        select(literal(workspace_id), *STAGED.c).order_by(STAGED.c.at, STAGED.c.user_id),
    )
    more = {col: getattr(model, col) + getattr(added.excluded, col) for col in cols}
    await session.execute(
        added.on_conflict_do_update(index_elements=["workspace_id", at, "user_id"], set_=more)
    )

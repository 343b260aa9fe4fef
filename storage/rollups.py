"""The activity rollups (migration 0009): recomputed from the raw rows on demand
(`quotabot db rebuild-rollups`), and caught up in one statement after a bulk import."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Date, Select, case, cast, delete, func, insert, select
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
    """Pause the per-row SQLite triggers for this transaction; False on PostgreSQL, whose
    per-statement triggers already add a whole COPY at once."""
    if session.get_bind().dialect.name != "sqlite":
        return False
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
    """Add an import's tally to the rollups and unpause the triggers (SQLite)."""
    months: dict[tuple[date, int], list[int]] = {}
    for (day, user_id), sums in tally.days.items():
        total = months.setdefault((day.replace(day=1), user_id), [0, 0, 0, 0])
        for index, n in enumerate(sums):
            total[index] += n
    conn = await session.connection()
    for model, at, sums_by in ((ActivityDay, "day", tally.days), (ActivityMonth, "month", months)):
        keys = ["workspace_id", at, "user_id"]
        added = sqlite_insert(model)
        more = {col: getattr(model, col) + getattr(added.excluded, col) for col in COLUMNS.values()}
        upsert = added.on_conflict_do_update(index_elements=keys, set_=more)
        # Compiled once and run with plain tuples: no ORM bookkeeping per row.
        compiled = upsert.compile(dialect=conn.dialect, column_keys=[*keys, *COLUMNS.values()])
        assert list(compiled.positiontup or ()) == [*keys, *COLUMNS.values()]
        rows = [
            (workspace_id, when.isoformat(), uid, *sums) for (when, uid), sums in sums_by.items()
        ]
        if rows:
            await conn.exec_driver_sql(str(compiled), rows)
    await session.execute(delete(RollupPause))

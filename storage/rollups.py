"""Recompute the activity rollups from the raw rows (`quotabot db rebuild-rollups`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Date, cast, delete, func, insert, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Activity
from storage.models.sales import ActivityDay, ActivityMonth, RollupPause


def _month(session: AsyncSession) -> ColumnElement[Any]:
    if session.get_bind().dialect.name == "sqlite":
        return func.date(ActivityDay.day, "start of month")
    return cast(func.date_trunc("month", ActivityDay.day), Date)


async def rebuild(session: AsyncSession, workspace_id: int | None = None) -> int:
    """Replace the rollups of one workspace (or all) with sums of the live raw rows;
    returns how many day rows there are now. The triggers keep them right afterwards."""
    days, months = delete(ActivityDay), delete(ActivityMonth)
    raw = select(
        Activity.workspace_id,
        Activity.occurred_on,
        Activity.user_id,
        Activity.kind,
        func.sum(Activity.count),
    ).where(Activity.deleted_at.is_(None))
    if workspace_id is not None:
        days = days.where(ActivityDay.workspace_id == workspace_id)
        months = months.where(ActivityMonth.workspace_id == workspace_id)
        raw = raw.where(Activity.workspace_id == workspace_id)
    await session.execute(days)
    await session.execute(months)
    columns = ["workspace_id", "day", "user_id", "kind", "n"]
    await session.execute(
        insert(ActivityDay).from_select(
            columns,
            raw.group_by(
                Activity.workspace_id, Activity.occurred_on, Activity.user_id, Activity.kind
            ),
        )
    )
    month = _month(session)
    per_day = select(
        ActivityDay.workspace_id,
        month,
        ActivityDay.user_id,
        ActivityDay.kind,
        func.sum(ActivityDay.n),
    )
    if workspace_id is not None:
        per_day = per_day.where(ActivityDay.workspace_id == workspace_id)
    await session.execute(
        insert(ActivityMonth).from_select(
            ["workspace_id", "month", "user_id", "kind", "n"],
            per_day.group_by(
                ActivityDay.workspace_id, month, ActivityDay.user_id, ActivityDay.kind
            ),
        )
    )
    total = await session.scalar(select(func.count()).select_from(ActivityDay))
    return int(total or 0)


async def last_activity_id(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.max(Activity.id))) or 0)


async def pause(session: AsyncSession) -> bool:
    """Pause the per-row SQLite triggers for this transaction; False on PostgreSQL, whose
    per-statement triggers already add a whole COPY at once."""
    if session.get_bind().dialect.name != "sqlite":
        return False
    await session.execute(insert(RollupPause).values(id=1))
    return True


async def resume(session: AsyncSession, after_id: int) -> None:
    """Add the activities written since `after_id` to the rollups and unpause the triggers
    (SQLite). The import holds SQLite's write lock throughout: those rows are all its own."""
    for model, at, when in (
        (ActivityDay, "day", Activity.occurred_on),
        (ActivityMonth, "month", func.date(Activity.occurred_on, "start of month")),
    ):
        grouped = (
            select(
                Activity.workspace_id,
                when,
                Activity.user_id,
                Activity.kind,
                func.sum(Activity.count),
            )
            .where(Activity.id > after_id, Activity.deleted_at.is_(None))
            .group_by(Activity.workspace_id, when, Activity.user_id, Activity.kind)
        )
        keys = ["workspace_id", at, "user_id", "kind"]
        added = sqlite_insert(model).from_select([*keys, "n"], grouped)
        await session.execute(
            added.on_conflict_do_update(index_elements=keys, set_={"n": model.n + added.excluded.n})
        )
    await session.execute(delete(RollupPause))

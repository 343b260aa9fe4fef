"""Recompute the activity rollups from the raw rows (`quotabot db rebuild-rollups`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Date, cast, delete, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Activity
from storage.models.sales import ActivityDay, ActivityMonth


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

"""Aggregates the handlers show, computed in SQL over indexed columns."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.sales import OPEN_STAGES
from storage.models import Activity, Deal
from storage.scope import Scope


async def activity_counts(
    session: AsyncSession, scope: Scope, start: date, end: date
) -> dict[int, dict[str, int]]:
    """user id -> kind -> count, for activities on local days [start, end)."""
    rows = await session.execute(
        select(Activity.user_id, Activity.kind, func.sum(Activity.count))
        .where(
            Activity.workspace_id == scope.workspace_id,
            scope.owners(Activity.user_id),
            Activity.occurred_on >= start,
            Activity.occurred_on < end,
            Activity.deleted_at.is_(None),
        )
        .group_by(Activity.user_id, Activity.kind)
    )
    result: dict[int, dict[str, int]] = defaultdict(dict)
    for user_id, kind, total in rows:
        result[user_id][kind] = int(total or 0)
    return dict(result)


@dataclass(frozen=True)
class Won:
    minor: int
    deals: int


async def won_by_user(
    session: AsyncSession, scope: Scope, start: datetime, end: datetime, currency: str
) -> dict[int, Won]:
    """user id -> revenue closed-won in [start, end) in `currency`, and how many deals."""
    rows = await session.execute(
        select(Deal.owner_id, func.coalesce(func.sum(Deal.amount_minor), 0), func.count())
        .where(
            Deal.workspace_id == scope.workspace_id,
            scope.owners(Deal.owner_id),
            Deal.stage == "won",
            Deal.closed_at >= start,
            Deal.closed_at < end,
            Deal.currency == currency,
            Deal.deleted_at.is_(None),
        )
        .group_by(Deal.owner_id)
    )
    return {owner: Won(int(minor or 0), int(count)) for owner, minor, count in rows}


async def other_currency_won(
    session: AsyncSession, scope: Scope, start: datetime, end: datetime, currency: str
) -> dict[str, int]:
    """Won revenue in currencies other than the workspace's: shown, never silently added."""
    rows = await session.execute(
        select(Deal.currency, func.sum(Deal.amount_minor))
        .where(
            Deal.workspace_id == scope.workspace_id,
            scope.owners(Deal.owner_id),
            Deal.stage == "won",
            Deal.closed_at >= start,
            Deal.closed_at < end,
            Deal.currency != currency,
            Deal.deleted_at.is_(None),
        )
        .group_by(Deal.currency)
    )
    return {cur: int(total or 0) for cur, total in rows}


@dataclass(frozen=True)
class StageTotal:
    stage: str
    deals: int
    minor: int


async def open_by_stage(
    session: AsyncSession, scope: Scope, currency: str, close_before: date | None = None
) -> list[StageTotal]:
    query = (
        select(Deal.stage, func.count(), func.coalesce(func.sum(Deal.amount_minor), 0))
        .where(
            Deal.workspace_id == scope.workspace_id,
            scope.owners(Deal.owner_id),
            Deal.stage.in_(OPEN_STAGES),
            Deal.currency == currency,
            Deal.deleted_at.is_(None),
        )
        .group_by(Deal.stage)
    )
    if close_before is not None:
        query = query.where(Deal.close_date < close_before)
    rows = {stage: (int(n), int(m or 0)) for stage, n, m in await session.execute(query)}
    return [StageTotal(s, *rows.get(s, (0, 0))) for s in OPEN_STAGES]


@dataclass(frozen=True)
class Outcomes:
    won: int
    lost: int
    won_minor: int
    cycle_days: float | None


def _days(session: AsyncSession, start: Any, end: Any) -> ColumnElement[Any]:
    # SQLite stores datetimes as text and has julianday(); PostgreSQL subtracts to an interval.
    if session.get_bind().dialect.name == "sqlite":
        return func.julianday(end) - func.julianday(start)
    return func.extract("epoch", end - start) / 86400.0


async def outcomes(
    session: AsyncSession, scope: Scope, start: datetime, end: datetime, currency: str
) -> Outcomes:
    """Closed deals in [start, end): win/loss counts, won revenue, mean created->won days."""
    won = case((Deal.stage == "won", 1), else_=0)
    lost = case((Deal.stage == "lost", 1), else_=0)
    revenue = case(
        (and_(Deal.stage == "won", Deal.currency == currency), Deal.amount_minor), else_=0
    )
    cycle = case((Deal.stage == "won", _days(session, Deal.created_at, Deal.closed_at)))
    row = (
        await session.execute(
            select(
                func.coalesce(func.sum(won), 0),
                func.coalesce(func.sum(lost), 0),
                func.coalesce(func.sum(revenue), 0),
                func.avg(cycle),
            ).where(
                Deal.workspace_id == scope.workspace_id,
                scope.owners(Deal.owner_id),
                Deal.closed_at >= start,
                Deal.closed_at < end,
                Deal.deleted_at.is_(None),
            )
        )
    ).one()
    return Outcomes(
        int(row[0]), int(row[1]), int(row[2]), None if row[3] is None else float(row[3])
    )

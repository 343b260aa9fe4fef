"""Aggregates the handlers show, computed in SQL over indexed columns."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from core.sales import OPEN_STAGES
from storage.fx import Rate, convert, rates
from storage.models import Deal
from storage.models.sales import ActivityDay, ActivityMonth
from storage.rollups import COLUMNS
from storage.scope import Scope


def _month_edges(start: date, end: date) -> tuple[date, date]:
    """The whole calendar months inside [start, end): [first, last); empty when first >= last."""
    first = start if start.day == 1 else (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return first, end.replace(day=1)


async def activity_counts(
    session: AsyncSession, scope: Scope, start: date, end: date
) -> dict[int, dict[str, int]]:
    """user id -> kind -> count, for activities on local days [start, end).

    Read from the rollups (migration 0009): whole months from activity_months, the days
    before and after them from activity_days, so a year is ~12 rows a person, not thousands.
    """
    first, last = _month_edges(start, end)
    day_ranges = [(start, end)] if first >= last else [(start, first), (last, end)]
    days = [
        _kinds(ActivityDay, ActivityDay.day, scope, low, high)
        for low, high in day_ranges
        if low < high
    ]
    months = (
        [_kinds(ActivityMonth, ActivityMonth.month, scope, first, last)] if first < last else []
    )
    parts = days + months
    if not parts:
        return {}
    # Each part is one range scan of a primary key; an OR of ranges would scan them all.
    both = union_all(*parts).subquery() if len(parts) > 1 else parts[0].subquery()
    rows = await session.execute(
        select(both.c.user_id, *(func.sum(both.c[col]) for col in COLUMNS.values())).group_by(
            both.c.user_id
        )
    )
    result: dict[int, dict[str, int]] = {}
    for user_id, *totals in rows:
        # A kind never logged (or all undone) is left out, as a raw GROUP BY would.
        kinds = {kind: int(n) for kind, n in zip(COLUMNS, totals, strict=True) if n}
        if kinds:
            result[user_id] = kinds
    return result


def _kinds(
    model: type[ActivityDay] | type[ActivityMonth],
    at: InstrumentedAttribute[date],
    scope: Scope,
    low: date,
    high: date,
) -> Select[Any]:
    return select(model.user_id, *(getattr(model, col) for col in COLUMNS.values())).where(
        model.workspace_id == scope.workspace_id,
        scope.owners(model.user_id),
        at >= low,
        at < high,
    )


def _closed(scope: Scope, stage: str, start: datetime, end: datetime) -> list[ColumnElement[bool]]:
    """Live deals in the scope that reached `stage` (won or lost) in [start, end)."""
    return [
        Deal.workspace_id == scope.workspace_id,
        scope.owners(Deal.owner_id),
        Deal.stage == stage,
        Deal.closed_at >= start,
        Deal.closed_at < end,
        Deal.deleted_at.is_(None),
    ]


@dataclass(frozen=True)
class Won:
    """Closed-won in the asked currency (other currencies converted at the workspace's rates),
    every won deal counted; amounts in a currency without a rate are kept `apart`."""

    minor: int
    deals: int
    apart: dict[str, int] = field(default_factory=dict)
    # Other currencies added into `minor` at the workspace's rates.
    converted: frozenset[str] = frozenset()


def _in_base(
    by_currency: dict[str, int], base: str, known: dict[str, Rate]
) -> tuple[int, dict[str, int]]:
    minor, apart = 0, dict[str, int]()
    for cur, amount in by_currency.items():
        if cur == base:
            minor += amount
        elif cur in known:
            minor += convert(amount, cur, base, known[cur].rate)
        else:
            apart[cur] = amount
    return minor, apart


async def won_by_user(
    session: AsyncSession, scope: Scope, start: datetime, end: datetime, currency: str
) -> dict[int, Won]:
    """user id -> revenue closed-won in [start, end) in `currency`, and how many deals."""
    rows = await session.execute(
        select(
            Deal.owner_id,
            Deal.currency,
            func.coalesce(func.sum(Deal.amount_minor), 0),
            func.count(),
        )
        .where(
            *_closed(scope, "won", start, end),
        )
        .group_by(Deal.owner_id, Deal.currency)
    )
    amounts: dict[int, dict[str, int]] = defaultdict(dict)
    counted: dict[int, int] = defaultdict(int)
    for owner, cur, minor, count in rows:
        amounts[owner][cur] = int(minor or 0)
        counted[owner] += int(count)
    known = await rates(session, scope.workspace_id)
    result = {}
    for owner, by_cur in amounts.items():
        minor, apart = _in_base(by_cur, currency, known)
        converted = frozenset(c for c in by_cur if c != currency and c in known)
        result[owner] = Won(minor, counted[owner], apart, converted)
    return result


async def other_currency_won(
    session: AsyncSession, scope: Scope, start: datetime, end: datetime, currency: str
) -> dict[str, int]:
    """Won revenue in currencies with no rate to `currency`: shown, never silently added."""
    apart: dict[str, int] = defaultdict(int)
    for won in (await won_by_user(session, scope, start, end, currency)).values():
        for cur, minor in won.apart.items():
            apart[cur] += minor
    return dict(apart)


@dataclass(frozen=True)
class OpenTotal:
    stage: str
    currency: str
    deals: int
    minor: int


async def open_deals(
    session: AsyncSession,
    scope: Scope,
    close_from: date | None = None,
    close_to: date | None = None,
) -> list[OpenTotal]:
    """Open deals by stage and currency (closing in [close_from, close_to) when given)."""
    query = (
        select(
            Deal.stage, Deal.currency, func.count(), func.coalesce(func.sum(Deal.amount_minor), 0)
        )
        .where(
            Deal.workspace_id == scope.workspace_id,
            scope.owners(Deal.owner_id),
            Deal.stage.in_(OPEN_STAGES),
            Deal.deleted_at.is_(None),
        )
        .group_by(Deal.stage, Deal.currency)
    )
    if close_from is not None:
        query = query.where(Deal.close_date >= close_from)
    if close_to is not None:
        query = query.where(Deal.close_date < close_to)
    rows = await session.execute(query)
    return [OpenTotal(stage, cur, int(n), int(m or 0)) for stage, cur, n, m in rows]


@dataclass(frozen=True)
class Outcomes:
    won: int
    lost: int
    won_minor: int
    cycle_days: float | None
    # Won in currencies with no rate to the asked one: not in won_minor, shown apart.
    apart: dict[str, int] = field(default_factory=dict)


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
    cycle = case((Deal.stage == "won", _days(session, Deal.created_at, Deal.closed_at)))
    row = (
        await session.execute(
            select(
                func.coalesce(func.sum(won), 0),
                func.coalesce(func.sum(lost), 0),
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
    revenue = (await won_by_user(session, scope, start, end, currency)).values()
    apart: dict[str, int] = defaultdict(int)
    for w in revenue:
        for cur, minor in w.apart.items():
            apart[cur] += minor
    return Outcomes(
        int(row[0]),
        int(row[1]),
        sum(w.minor for w in revenue),
        None if row[2] is None else float(row[2]),
        dict(apart),
    )


@dataclass(frozen=True)
class LossReason:
    reason: str | None
    deals: int
    by_currency: dict[str, int]


async def lost_reasons(
    session: AsyncSession, scope: Scope, start: datetime, end: datetime
) -> list[LossReason]:
    """Deals lost in [start, end) by reason as written (case aside), most frequent first."""
    key = func.lower(Deal.lost_reason)
    rows = await session.execute(
        select(
            func.min(Deal.lost_reason),
            Deal.currency,
            func.count(),
            func.coalesce(func.sum(Deal.amount_minor), 0),
        )
        .where(
            *_closed(scope, "lost", start, end),
        )
        .group_by(key, Deal.currency)
    )
    merged: dict[str | None, LossReason] = {}
    for reason, cur, n, minor in rows:
        k = reason.casefold() if reason else None
        seen = merged.get(k) or LossReason(reason, 0, {})
        amounts = {**seen.by_currency, cur: int(minor or 0)}
        merged[k] = LossReason(seen.reason, seen.deals + int(n or 0), amounts)
    return sorted(merged.values(), key=lambda r: (-r.deals, r.reason is None, r.reason or ""))

"""Quota attainment and pace: where someone is, where they should be by now, what's left."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.money import fmt
from core.periods import Period, working_days_in
from storage.models import Quota, User
from storage.scope import Scope
from storage.stats import activity_counts, won_by_user

ACTIVITY_METRICS = {"calls": "call", "emails": "email", "meetings": "meeting", "demos": "demo"}
# Within 10% of the straight line counts as on pace: a single slow morning is not "behind".
PACE_TOLERANCE = 0.9


@dataclass(frozen=True)
class Progress:
    metric: str
    target: int
    actual: int
    expected: float
    remaining_days: int
    period: Period

    @property
    def ratio(self) -> float:
        return self.actual / self.target if self.target else 0.0

    @property
    def on_pace(self) -> bool:
        return self.actual >= self.expected * PACE_TOLERANCE

    @property
    def per_day_needed(self) -> float:
        return max(0, self.target - self.actual) / max(1, self.remaining_days)


def pace(
    metric: str,
    target: int,
    actual: int,
    period: Period,
    today: date,
    working_days: frozenset[int],
    country: str | None,
) -> Progress:
    total = max(1, working_days_in(period.start, period.end, working_days, country))
    if today >= period.end:
        done = total
    elif today < period.start:
        done = 0
    else:
        done = working_days_in(period.start, today + timedelta(days=1), working_days, country)
    remaining = working_days_in(max(today, period.start), period.end, working_days, country)
    return Progress(metric, target, actual, target * done / total, remaining, period)


def metric_value(metric: str, kinds: dict[str, int], won_minor: int, won_deals: int) -> int:
    if metric == "revenue":
        return won_minor
    if metric == "deals":
        return won_deals
    if metric == "activities":
        return sum(kinds.values())
    return kinds.get(ACTIVITY_METRICS.get(metric, metric), 0)


async def actuals(
    session: AsyncSession, scope: Scope, period: Period, tz: str, currency: str
) -> dict[int, dict[str, int]]:
    """user id -> metric -> value in the period (revenue in minor units)."""
    counts = await activity_counts(session, scope, period.start, period.end)
    start, end = period.utc_bounds(tz)
    won = await won_by_user(session, scope, start, end, currency)
    result: dict[int, dict[str, int]] = {}
    for user_id in set(counts) | set(won):
        kinds = counts.get(user_id, {})
        w = won.get(user_id)
        result[user_id] = {
            m: metric_value(m, kinds, w.minor if w else 0, w.deals if w else 0)
            for m in ("activities", "calls", "emails", "meetings", "demos", "revenue", "deals")
        }
    return result


async def quotas_for(
    session: AsyncSession, workspace_id: int, subjects: list[str], period: Period
) -> dict[str, dict[str, int]]:
    """subject -> metric -> target for the period."""
    rows = await session.execute(
        select(Quota.subject, Quota.metric, Quota.target).where(
            Quota.workspace_id == workspace_id,
            Quota.subject.in_(subjects),
            Quota.period_kind == period.kind,
            Quota.period_start == period.start,
        )
    )
    result: dict[str, dict[str, int]] = {}
    for subject, metric, target in rows:
        result.setdefault(subject, {})[metric] = int(target)
    return result


async def team_members(session: AsyncSession, workspace_id: int, team_id: int) -> list[User]:
    return list(
        (
            await session.scalars(
                select(User)
                .where(
                    User.workspace_id == workspace_id, User.team_id == team_id, User.role == "rep"
                )
                .order_by(User.name)
            )
        ).all()
    )


def show(metric: str, value: float, currency: str) -> str:
    """A metric value as people say it: "$24,000", "12 calls", "3 deals won"."""
    if metric == "revenue":
        # Pace figures are fractional; nobody plans in cents.
        return fmt(round(value / 100) * 100, currency)
    unit = "deals won" if metric == "deals" else metric
    return f"{value:,.0f} {unit}"


def of(metric: str, actual: float, target: float, currency: str) -> str:
    """ "$43,500 of $45,000", "327 of 380 activities"."""
    if metric == "revenue":
        return f"{show(metric, actual, currency)} of {show(metric, target, currency)}"
    return f"{actual:,.0f} of {show(metric, target, currency)}"

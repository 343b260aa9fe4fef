"""Quota attainment: what someone has done in a period, their targets, and how to say it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.money import fmt, fmt_count
from core.periods import Period
from core.sales import ACTIVITY_METRICS, METRICS
from storage.models import Quota, User
from storage.scope import Scope
from storage.stats import activity_counts, won_by_user


def metric_value(metric: str, kinds: dict[str, int], won_minor: int, won_deals: int) -> int:
    if metric == "revenue":
        return won_minor
    if metric == "deals":
        return won_deals
    if metric == "activities":
        return sum(kinds.values())
    kind = ACTIVITY_METRICS.get(metric)
    return kinds.get(kind, 0) if kind else 0


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
            m: metric_value(m, kinds, w.minor if w else 0, w.deals if w else 0) for m in METRICS
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


_UNITS = {"deals": ("deal won", "deals won"), "activities": ("activity", "activities")}


def show(metric: str, value: float, currency: str) -> str:
    """A metric value as people say it: "$24,000", "12 calls", "1 call", "3 deals won"."""
    if metric == "revenue":
        return fmt(value, currency)  # whole units: pace figures are fractional
    one, many = _UNITS.get(metric, (metric.removesuffix("s"), metric))
    return fmt_count(value, one, many)


def of(metric: str, actual: float, target: float, currency: str) -> str:
    """ "$43,500 of $45,000", "327 of 380 activities"."""
    if metric == "revenue":
        return f"{show(metric, actual, currency)} of {show(metric, target, currency)}"
    return f"{fmt_count(actual)} of {show(metric, target, currency)}"

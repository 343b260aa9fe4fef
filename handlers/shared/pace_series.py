"""/quota's picture over time: each metric's share of its target at a dozen points of the
period so far, and the pace line through the whole period (working days, as core.pace)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from core.pace import Progress
from core.periods import Period, working_days_in
from handlers.shared.attainment import actuals
from handlers.shared.context import Context
from handlers.shared.targets import scope_of

# Points on the time axis: enough for a shape, few enough queries (two per past point).
MOST_POINTS = 12


@dataclass(frozen=True)
class PaceSeries:
    days: tuple[date, ...]  # each point is "by the start of this day"; the last is the end
    shares: dict[str, tuple[float, ...]]  # metric -> share of target, points up to now only
    pace: tuple[float, ...]  # share of target the pace line asks for, at every point


def points(period: Period, today: date) -> list[date]:
    total = (period.end - period.start).days
    step = max(1, -(-total // MOST_POINTS))
    days = {period.start + timedelta(days=k) for k in range(0, total, step)} | {period.end}
    now = today + timedelta(days=1)
    if period.start < now < period.end:
        days.add(now)
    return sorted(days)


async def pace_series(
    ctx: Context, period: Period, rows: list[Progress], tz: str, country: str | None
) -> PaceSeries:
    today = min(max(ctx.today, period.start), period.end - timedelta(days=1))
    days = points(period, today)
    now = today + timedelta(days=1)
    total = max(1, working_days_in(period.start, period.end, ctx.working_days, country))
    pace, shares = [], {r.metric: list[float]() for r in rows}
    for day in days:
        if day > now:  # the pace line only: the rest of the period is still to come
            pace.append(working_days_in(period.start, day, ctx.working_days, country) / total)
            continue
        if day == now:  # the figures /quota says, with pace to this working hour
            pace.append(rows[0].expected / rows[0].target if rows[0].target else 0.0)
            for r in rows:
                shares[r.metric].append(r.ratio)
            continue
        pace.append(working_days_in(period.start, day, ctx.working_days, country) / total)
        got: dict[str, int] = {}
        if day > period.start:
            span = Period(period.kind, period.start, day)
            for per_user in (
                await actuals(ctx.session, scope_of(ctx), span, tz, ctx.workspace.currency)
            ).values():
                for metric, value in per_user.items():
                    got[metric] = got.get(metric, 0) + value
        for r in rows:
            shares[r.metric].append(got.get(r.metric, 0) / r.target if r.target else 0.0)
    return PaceSeries(tuple(days), {m: tuple(v) for m, v in shares.items()}, tuple(pace))

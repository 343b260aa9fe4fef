"""One answer to "how is this rep doing?": which period, which targets, and the pace for it.

`/quota`, `/team`, the App Home, the nudge planner and the nudge text all ask here, so a
rep is never "on pace" in one place and "behind" in another.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.clock import local_date
from core.pace import Progress, daily_goal, pace
from core.periods import Period, containing, parse_working_days
from core.sales import METRICS
from handlers.shared.attainment import actuals, quotas_for
from handlers.shared.targets import targets_for
from storage.models import Activity, User, Workspace
from storage.scope import Scope

# With no period named, the first of these with a quota of its own: the month is what reps
# plan in; a quarter-only or week-only quota still gets an answer.
PERIOD_PREFERENCE = ("month", "quarter", "week", "year")


@dataclass(frozen=True)
class Standing:
    """A rep today: activities logged against the daily goal, and the lead quota's pace."""

    logged: int
    goal: int
    lead: Progress | None

    @property
    def goal_met(self) -> bool:
        return self.logged >= self.goal

    @property
    def behind(self) -> bool:
        return not self.goal_met or (self.lead is not None and not self.lead.on_pace)


async def quota_period(
    session: AsyncSession, workspace_id: int, keys: list[str], today: date
) -> Period | None:
    """The first period (in PERIOD_PREFERENCE) around `today` that has a quota of its own."""
    for kind in PERIOD_PREFERENCE:
        period = containing(kind, today)
        found = await quotas_for(session, workspace_id, keys, period)
        if any(found.values()):
            return period
    return None


async def progress(
    session: AsyncSession,
    workspace: Workspace,
    scope: Scope,
    goal: dict[str, int],
    period: Period,
    now: datetime,
    tz: str,
    country: str | None,
) -> list[Progress]:
    """Progress per metric with a target, money first (core.sales.METRICS order)."""
    got = await actuals(session, scope, period, tz, workspace.currency)
    totals: dict[str, int] = {}
    for per_user in got.values():
        for metric, value in per_user.items():
            totals[metric] = totals.get(metric, 0) + value
    days = parse_working_days(workspace.working_days)
    return [
        pace(m, goal[m], totals.get(m, 0), period, now, tz, days, country)
        for m in METRICS
        if m in goal
    ]


async def logged_on(
    session: AsyncSession, workspace_id: int, days: Sequence[date], user_id: int | None = None
) -> dict[tuple[int, date], int]:
    """(user id, local day) -> activities logged: a whole workspace in one query, or one user."""
    query = (
        select(Activity.user_id, Activity.occurred_on, func.sum(Activity.count))
        .where(
            Activity.workspace_id == workspace_id,
            Activity.occurred_on.in_(list(days)),
            Activity.deleted_at.is_(None),
        )
        .group_by(Activity.user_id, Activity.occurred_on)
    )
    if user_id is not None:
        query = query.where(Activity.user_id == user_id)
    rows = await session.execute(query)
    return {(uid, day): int(total or 0) for uid, day, total in rows}


async def rep_lead(
    session: AsyncSession, user: User, workspace: Workspace, now: datetime
) -> Progress | None:
    """The rep's headline quota now: what `/quota` answers first when no period is named."""
    today = local_date(now, user.tz)
    key = f"user:{user.id}"
    period = await quota_period(session, workspace.id, [key], today)
    if period is None:
        return None
    country = user.country or workspace.holiday_country
    days = parse_working_days(workspace.working_days)
    found = await targets_for(session, workspace.id, [key], period, days, country)
    goal = {m: t.value for m, t in found[key].items() if t.value > 0}
    scope = Scope(workspace.id, user_id=user.id)
    rows = await progress(session, workspace, scope, goal, period, now, user.tz, country)
    return rows[0] if rows else None


async def standing(
    session: AsyncSession,
    user: User,
    workspace: Workspace,
    now: datetime,
    logged: int | None = None,
) -> Standing:
    """How the rep is doing right now, by the one pace rule and the one daily-goal rule."""
    if logged is None:
        today = local_date(now, user.tz)
        logged = (await logged_on(session, workspace.id, [today], user.id)).get((user.id, today), 0)
    goal = daily_goal(user.daily_activity_goal, workspace.daily_activity_goal)
    return Standing(logged, goal, await rep_lead(session, user, workspace, now))

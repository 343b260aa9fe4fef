"""The daily nudge: who is behind today, and the short, useful message they get."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.messages import Button, Fact, Reply
from core.money import fmt, fmt_short
from core.periods import Period, containing, local_today, parse_working_days, working_days_in
from storage.models import Account, Activity, Deal, Quota, User, Workspace

OPEN_STAGES = ("prospecting", "qualification", "proposal", "negotiation")
ACTIVITY_METRICS = {
    "activities": None,
    "calls": "call",
    "emails": "email",
    "meetings": "meeting",
    "demos": "demo",
}
# Smaller periods first: the month's pace says more about today than the year's.
PERIOD_ORDER = ("week", "month", "quarter", "year")


@dataclass(frozen=True)
class Pace:
    metric: str
    period_label: str
    actual: int
    expected: int
    target: int

    @property
    def behind(self) -> bool:
        return self.actual < self.expected


@dataclass(frozen=True)
class Standing:
    logged: int
    goal: int
    pace: Pace | None

    @property
    def behind(self) -> bool:
        return self.logged < self.goal or (self.pace is not None and self.pace.behind)


async def logged_on(
    session: AsyncSession, workspace_id: int, days: Sequence[date], user_id: int | None = None
) -> dict[tuple[int, date], int]:
    """(user id, local day) -> activities logged: everyone in a workspace in one query,
    or one user."""
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


def goal_of(user: User, workspace: Workspace) -> int:
    return (
        user.daily_activity_goal
        if user.daily_activity_goal is not None
        else (workspace.daily_activity_goal)
    )


async def _attained(
    session: AsyncSession, user: User, workspace: Workspace, metric: str, start: date, end: date
) -> int:
    if metric in ACTIVITY_METRICS:
        kind = ACTIVITY_METRICS[metric]
        query = select(func.coalesce(func.sum(Activity.count), 0)).where(
            Activity.workspace_id == workspace.id,
            Activity.user_id == user.id,
            Activity.occurred_on >= start,
            Activity.occurred_on < end,
            Activity.deleted_at.is_(None),
        )
        if kind is not None:
            query = query.where(Activity.kind == kind)
        return int(await session.scalar(query) or 0)
    lo, hi = Period("range", start, end).utc_bounds(user.tz)
    value = func.sum(Deal.amount_minor) if metric == "revenue" else func.count()
    query = select(func.coalesce(value, 0)).where(
        Deal.workspace_id == workspace.id,
        Deal.owner_id == user.id,
        Deal.stage == "won",
        Deal.closed_at >= lo,
        Deal.closed_at < hi,
        Deal.deleted_at.is_(None),
    )
    if metric == "revenue":
        query = query.where(Deal.currency == workspace.currency)
    return int(await session.scalar(query) or 0)


async def quota_pace(
    session: AsyncSession, user: User, workspace: Workspace, today: date
) -> Pace | None:
    """The user's pace on the quota furthest behind among those covering today."""
    quotas = (
        await session.scalars(
            select(Quota).where(
                Quota.workspace_id == workspace.id,
                Quota.subject == f"user:{user.id}",
                Quota.period_start <= today,
            )
        )
    ).all()
    days = parse_working_days(workspace.working_days)
    country = user.country or workspace.holiday_country
    worst: Pace | None = None
    for quota in sorted(
        quotas,
        key=lambda q: PERIOD_ORDER.index(q.period_kind) if q.period_kind in PERIOD_ORDER else 99,
    ):
        if quota.period_kind not in PERIOD_ORDER or quota.target <= 0:
            continue
        period = containing(quota.period_kind, today)
        if period.start != quota.period_start:
            continue
        total = working_days_in(period.start, period.end, days, country) or 1
        # Through the end of today: what "on pace" asks of them by tonight.
        elapsed = working_days_in(period.start, today + timedelta(days=1), days, country)
        expected = quota.target * elapsed // total
        actual = await _attained(session, user, workspace, quota.metric, period.start, period.end)
        pace = Pace(quota.metric, period.label, actual, expected, quota.target)
        if (
            worst is None
            or (pace.expected - pace.actual) * worst.target
            > (worst.expected - worst.actual) * pace.target
        ):
            worst = pace
    return worst


async def standing(
    session: AsyncSession,
    user: User,
    workspace: Workspace,
    today: date,
    logged: int | None = None,
) -> Standing:
    if logged is None:
        counts = await logged_on(session, workspace.id, [today], user.id)
        logged = counts.get((user.id, today), 0)
    goal = goal_of(user, workspace)
    pace = await quota_pace(session, user, workspace, today)
    return Standing(logged, goal, pace)


async def suggestion(session: AsyncSession, user: User, workspace: Workspace, today: date) -> str:
    """One concrete next step: a deal closing this week that nobody has touched lately."""
    week = containing("week", today)
    quiet_since = today - timedelta(days=7)
    touched = exists().where(
        Activity.workspace_id == workspace.id,
        Activity.user_id == user.id,
        Activity.account_id == Deal.account_id,
        Activity.occurred_on >= quiet_since,
        Activity.deleted_at.is_(None),
    )
    row = (
        await session.execute(
            select(Account.name, Deal.amount_minor, Deal.currency, Deal.close_date)
            .join(Account, Account.id == Deal.account_id)
            .where(
                Deal.workspace_id == workspace.id,
                Deal.owner_id == user.id,
                Deal.stage.in_(OPEN_STAGES),
                Deal.close_date >= today,
                Deal.close_date < week.end,
                Deal.deleted_at.is_(None),
                ~touched,
            )
            .order_by(Deal.amount_minor.desc().nulls_last(), Deal.close_date)
            .limit(1)
        )
    ).first()
    if row is not None:
        name, amount, currency, close = row
        worth = f" ({fmt(amount, currency)})" if amount else ""
        when = close.strftime("%A") if close else "this week"
        return (
            f"{name}{worth} is due to close {when} and has had no activity "
            "for a week: a quick call could keep it on track."
        )
    return "Pick three open deals and send each a short follow-up: it adds up fast."


def _pace_fact(pace: Pace, currency: str) -> Fact:
    def show(n: int) -> str:
        return fmt_short(n, currency) if pace.metric == "revenue" else f"{n:,} {pace.metric}"

    state = "behind pace" if pace.behind else "on pace"
    return Fact(
        f"Quota ({pace.period_label})",
        f"{show(pace.actual)} of {show(pace.target)}; {state} (expected {show(pace.expected)})",
    )


async def build_nudge(
    session: AsyncSession, user: User, workspace: Workspace, now: datetime
) -> Reply | None:
    """The nudge for `user` at `now`, or None when they are on target (nothing to say)."""
    today = local_today(now, user.tz)
    state = await standing(session, user, workspace, today)
    if not state.behind:
        return None
    facts = [Fact("Logged today", f"{state.logged} of {state.goal} activities")]
    if state.pace is not None:
        facts.append(_pace_fact(state.pace, workspace.currency))
    first = user.name.split()[0] if user.name.strip() else "there"
    gap = state.goal - state.logged
    opener = (
        f"Hi {first}, {gap} more {'activity' if gap == 1 else 'activities'} would hit today's goal."
        if gap > 0
        else f"Hi {first}, today's goal is done; the quota pace could use a push."
    )
    return Reply(
        text=opener,
        title="Your day so far",
        facts=tuple(facts),
        notes=(await suggestion(session, user, workspace, today),),
        buttons=(Button("Log activity", "open_log_form", style="primary"),),
    )

"""The daily nudge: who is behind today, and the short, useful message they get."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.actions import ActionId
from core.messages import Button, Fact, Reply
from core.money import fmt
from core.pace import Progress
from core.periods import containing, local_today
from core.sales import OPEN_STAGES
from handlers.shared.attainment import of, show
from handlers.shared.standing import standing
from storage.models import Account, Activity, Deal, User, Workspace


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
    return await _fallback_tip(session, user, workspace)


async def _fallback_tip(session: AsyncSession, user: User, workspace: Workspace) -> str:
    """A tip that fits what the rep has: open deals to follow up, or none to follow up."""
    open_deals = await session.scalar(
        select(func.count()).where(
            Deal.workspace_id == workspace.id,
            Deal.owner_id == user.id,
            Deal.stage.in_(OPEN_STAGES),
            Deal.deleted_at.is_(None),
        )
    )
    count = int(open_deals or 0)
    if count >= 3:
        return "Pick three open deals and send each a short follow-up: it adds up fast."
    if count:
        deals = "your open deal" if count == 1 else "both open deals"
        return f"A short follow-up on {deals}, then a few calls to new prospects, adds up fast."
    return (
        "No open deals yet: three calls to warm leads or past customers is a good start, "
        "and `new deal with <account> for <amount>` records one."
    )


def _pace_fact(lead: Progress, currency: str) -> Fact:
    """The same figures `/quota` shows for the same quota at the same moment."""
    state = "on pace" if lead.on_pace else "behind pace"
    return Fact(
        f"Quota ({lead.period.label})",
        f"{of(lead.metric, lead.actual, lead.target, currency)}; {state} "
        f"(on pace would be {show(lead.metric, lead.expected, currency)} by now)",
    )


async def build_nudge(
    session: AsyncSession, user: User, workspace: Workspace, now: datetime
) -> Reply | None:
    """The nudge for `user` at `now`, or None when they are on target (nothing to say)."""
    today = local_today(now, user.tz)
    state = await standing(session, user, workspace, now)
    if not state.behind:
        return None
    logged = f"{state.logged} of {state.goal}" if state.goal else f"{state.logged}"
    facts = [Fact("Logged today", f"{logged} {'activity' if state.logged == 1 else 'activities'}")]
    if state.lead is not None:
        facts.append(_pace_fact(state.lead, workspace.currency))
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
        buttons=(Button("Log activity", ActionId.OPEN_LOG_FORM, style="primary"),),
    )

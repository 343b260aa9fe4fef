"""Managers set quotas for their reps or team; admins for anyone in the workspace."""

from __future__ import annotations

from sqlalchemy import select

from core.messages import Fact, Reply
from core.money import to_minor
from core.periods import named
from core.sales import METRICS
from handlers.contract import Registrar
from handlers.shared.attainment import show, team_members
from handlers.shared.audit import audit
from handlers.shared.context import Context
from handlers.shared.errors import UserError
from handlers.shared.limits import MAX_AMOUNT
from nlp.intent import Intent
from storage.models import Quota

MAX_COUNT_TARGET = 100_000
# A day has so many hours; a typo should not become a goal nobody can meet.
MAX_DAILY_GOAL = 500


async def _daily_goal(ctx: Context, metric: str, target: int) -> Reply:
    """ "20 activities a day": the daily activity goal the nudge and log replies use."""
    if metric != "activities":
        raise UserError(
            "A daily goal counts all activities together (calls, emails, meetings, demos): "
            f"say `{target} activities a day`."
        )
    if target > MAX_DAILY_GOAL:
        raise UserError(f"A daily goal is at most {MAX_DAILY_GOAL} activities.")
    subject = ctx.subject
    if subject.kind == "team" and subject.team is not None:
        people = await team_members(ctx.session, ctx.actor.workspace_id, subject.team.id)
        whom = f"each rep on {subject.label}"
    elif subject.user is not None:
        people, whom = [subject.user], "you" if subject.kind == "self" else subject.user.name
    else:
        raise UserError(
            "Daily goals are per person or team; the workspace default is "
            "`/quotabot settings workspace daily-goal 20`."
        )
    if not people:
        raise UserError(f"{subject.title} has no reps yet.")
    for person in people:
        audit(
            ctx, "daily_goal.set", user=person.id, before=person.daily_activity_goal, after=target
        )
        person.daily_activity_goal = target
    return Reply(text=f"🎯 Daily goal for {whom}: {target} activities a day.")


async def handle_set_quota(intent: Intent, ctx: Context) -> Reply:
    s = intent.slots
    metric = s.get("metric") or "revenue"
    if metric not in METRICS:
        raise UserError(
            "Quotas can be on revenue, deals, activities, calls, emails, meetings or demos."
        )
    target = s.get("target")
    if not isinstance(target, int | float) or isinstance(target, bool):
        raise UserError("What's the target? e.g. `set @dana quota to 150k for Q1`.")
    if target <= 0:  # asked about first (issue 11), so a "yes" meets this, not a save
        raise UserError(
            f"A quota is a number above zero (that was {target:,.0f}); "
            "say it like `set @dana quota to 150k for Q1`."
        )
    limit = MAX_AMOUNT if metric == "revenue" else MAX_COUNT_TARGET
    if target > limit:
        raise UserError(f"{target:,.0f} is above the {limit:,} limit for a {metric} quota.")
    if metric != "revenue" and target != int(target):
        raise UserError(f"A {metric} target is a whole number.")
    period_name = s.get("period") or "this_month"
    if period_name == "today":
        return await _daily_goal(ctx, metric, int(target))
    try:
        period = named(str(period_name), ctx.today)
    except ValueError as exc:
        raise UserError("Quotas are per week, month, quarter or year.") from exc
    if period.kind == "day":
        raise UserError(
            "Quotas are per week, month, quarter or year; for a daily target use the daily goal."
        )
    if period.end <= ctx.today:
        raise UserError(
            f"{period.label} is already over; set a target for this or a coming period."
        )
    subject = ctx.subject
    if subject.kind == "team" and subject.team is not None:
        key, user_id, team_id = f"team:{subject.team.id}", None, subject.team.id
    elif subject.user is not None:
        key, user_id, team_id = f"user:{subject.user.id}", subject.user.id, None
    else:
        raise UserError("Whose quota? Mention the person (`@dana`) or say `team`.")
    stored = to_minor(target, ctx.workspace.currency) if metric == "revenue" else int(target)
    quota = await ctx.session.scalar(
        select(Quota).where(
            Quota.workspace_id == ctx.actor.workspace_id,
            Quota.subject == key,
            Quota.metric == metric,
            Quota.period_kind == period.kind,
            Quota.period_start == period.start,
        )
    )
    before = quota.target if quota else None
    if quota is None:
        quota = Quota(
            workspace_id=ctx.actor.workspace_id,
            subject=key,
            user_id=user_id,
            team_id=team_id,
            metric=metric,
            period_kind=period.kind,
            period_start=period.start,
            target=stored,
        )
        ctx.session.add(quota)
    quota.target, quota.set_by, quota.updated_at = stored, ctx.actor.user_id, ctx.now
    audit(
        ctx,
        "set_quota",
        subject=key,
        metric=metric,
        period=period.label,
        target=stored,
        before=before,
    )
    whose = "your" if subject.kind == "self" else f"{subject.label}'s"
    shown = show(str(metric), stored, ctx.workspace.currency)
    facts = [Fact("Target", shown), Fact("Period", period.label)]
    if before is not None:
        facts.append(Fact("Was", show(str(metric), before, ctx.workspace.currency)))
    return Reply(
        text=f"✅ Set {whose} {metric} quota for {period.label} to {shown}.", facts=tuple(facts)
    )


def register(router: Registrar) -> None:
    router.add(
        "set_quota",
        handle_set_quota,
        access="manage",
        summary="Managers: set a quota or goal for a rep or the team",
        examples=("set @dana quota to 150k for Q1", "/goal team 400 calls this month"),
    )

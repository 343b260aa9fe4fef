"""Whose numbers and which targets: a subject's scope and its quota targets for a period."""

from __future__ import annotations

from sqlalchemy import select

from core.periods import Period
from handlers.shared.attainment import quotas_for, team_members
from handlers.shared.context import Context
from storage.models import User
from storage.scope import Scope


def scope_of(ctx: Context) -> Scope:
    subject = ctx.subject
    if subject.kind in ("self", "user") and subject.user is not None:
        return Scope(ctx.actor.workspace_id, user_id=subject.user.id)
    if subject.kind == "self":
        return Scope(ctx.actor.workspace_id, user_id=ctx.actor.user_id)
    if subject.kind == "team" and subject.team is not None:
        return Scope(ctx.actor.workspace_id, team_id=subject.team.id)
    return Scope(ctx.actor.workspace_id)


async def targets(ctx: Context, period: Period) -> dict[str, int]:
    """The subject's targets: their own, a team's own, or the sum of its reps' quotas."""
    subject = ctx.subject
    if subject.kind in ("self", "user"):
        user_id = subject.user.id if subject.user else ctx.actor.user_id
        return (
            await quotas_for(ctx.session, ctx.actor.workspace_id, [f"user:{user_id}"], period)
        ).get(f"user:{user_id}", {})
    if subject.kind == "team" and subject.team is not None:
        key = f"team:{subject.team.id}"
        own = await quotas_for(ctx.session, ctx.actor.workspace_id, [key], period)
        if own.get(key):
            return own[key]
        members = await team_members(ctx.session, ctx.actor.workspace_id, subject.team.id)
        keys = [f"user:{m.id}" for m in members]
    else:
        keys = [f"user:{uid}" for uid in await _all_rep_ids(ctx)]
    summed: dict[str, int] = {}
    for per_user in (await quotas_for(ctx.session, ctx.actor.workspace_id, keys, period)).values():
        for metric, target in per_user.items():
            summed[metric] = summed.get(metric, 0) + target
    return summed


async def _all_rep_ids(ctx: Context) -> list[int]:
    rows = await ctx.session.scalars(
        select(User.id).where(User.workspace_id == ctx.actor.workspace_id, User.role == "rep")
    )
    return list(rows.all())

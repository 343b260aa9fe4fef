"""Whose numbers and which targets: a subject's scope, and its targets for any period."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.periods import Period, containing, working_days_in
from handlers.shared.attainment import quotas_for, team_members
from handlers.shared.context import Context
from storage.models import User
from storage.scope import Scope

# Where a period without its own quota takes one from, nearest first.
ENCLOSING = {
    "day": ("week", "month", "quarter", "year"),
    "week": ("month", "quarter", "year"),
    "month": ("quarter", "year"),
    "quarter": ("year",),
    "year": (),
}


@dataclass(frozen=True)
class Target:
    """A target for a period: set for it, or a pro-rata share of the quotas around it."""

    value: int
    # When derived: the quota periods it came from and the sum of their targets.
    sources: tuple[Period, ...] = ()
    whole: int = 0

    @property
    def derived(self) -> bool:
        return bool(self.sources)


def scope_of(ctx: Context) -> Scope:
    subject = ctx.subject
    if subject.kind in ("self", "user") and subject.user is not None:
        return Scope(ctx.actor.workspace_id, user_id=subject.user.id)
    if subject.kind == "self":
        return Scope(ctx.actor.workspace_id, user_id=ctx.actor.user_id)
    if subject.kind == "team" and subject.team is not None:
        return Scope(ctx.actor.workspace_id, team_id=subject.team.id)
    return Scope(ctx.actor.workspace_id)


def _overlapping(kind: str, period: Period) -> list[Period]:
    """The periods of `kind` that share days with `period` (a week may span two months)."""
    found, day = [], period.start
    while day < period.end:
        outer = containing(kind, day)
        found.append(outer)
        day = outer.end
    return found


async def targets_for(
    session: AsyncSession,
    workspace_id: int,
    keys: list[str],
    period: Period,
    working_days: frozenset[int],
    country: str | None,
) -> dict[str, dict[str, Target]]:
    """subject key -> metric -> target. A metric with no quota of its own for `period` is
    derived pro rata by working days from the nearest enclosing quotas that cover it all
    ("this week: $10,227 of your $45,000 December quota")."""
    own = await quotas_for(session, workspace_id, keys, period)
    result = {k: {m: Target(v) for m, v in own.get(k, {}).items()} for k in keys}
    for kind in ENCLOSING.get(period.kind, ()):
        outers = _overlapping(kind, period)
        found = [await quotas_for(session, workspace_id, keys, outer) for outer in outers]
        for key in keys:
            metrics = set.intersection(*(set(f.get(key, {})) for f in found)) if found else set()
            for metric in metrics - set(result[key]):
                share, whole = 0.0, 0
                for outer, quotas in zip(outers, found, strict=True):
                    target = quotas[key][metric]
                    days = working_days_in(outer.start, outer.end, working_days, country)
                    inside = working_days_in(
                        max(outer.start, period.start),
                        min(outer.end, period.end),
                        working_days,
                        country,
                    )
                    share += target * inside / max(1, days)
                    whole += target
                result[key][metric] = Target(round(share), tuple(outers), whole)
    return result


async def targets_detail(ctx: Context, period: Period) -> dict[str, Target]:
    """The subject's targets: their own, a team's own, or the sum of its reps' targets."""
    subject = ctx.subject
    days, country = ctx.working_days, ctx.workspace.holiday_country
    ws = ctx.actor.workspace_id
    if subject.kind in ("self", "user"):
        user = subject.user
        key = f"user:{user.id if user else ctx.actor.user_id}"
        country = (user.country if user else None) or country
        return (await targets_for(ctx.session, ws, [key], period, days, country))[key]
    if subject.kind == "team" and subject.team is not None:
        key = f"team:{subject.team.id}"
        own = (await targets_for(ctx.session, ws, [key], period, days, country))[key]
        if own:
            return own
        members = await team_members(ctx.session, ws, subject.team.id)
        keys = [f"user:{m.id}" for m in members]
    else:
        keys = [f"user:{uid}" for uid in await _all_rep_ids(ctx)]
    summed: dict[str, Target] = {}
    for per_user in (await targets_for(ctx.session, ws, keys, period, days, country)).values():
        for metric, target in per_user.items():
            before = summed.get(metric, Target(0))
            sources = before.sources or target.sources
            summed[metric] = Target(
                before.value + target.value, sources, before.whole + target.whole
            )
    return summed


async def targets(ctx: Context, period: Period) -> dict[str, int]:
    """metric -> target for the subject in `period` (own or derived)."""
    return {m: t.value for m, t in (await targets_detail(ctx, period)).items()}


async def _all_rep_ids(ctx: Context) -> list[int]:
    rows = await ctx.session.scalars(
        select(User.id).where(User.workspace_id == ctx.actor.workspace_id, User.role == "rep")
    )
    return list(rows.all())

"""Values far from a rep's own history or quota: asked about before they are saved."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import bindparam, func, select

from core.money import fmt, fmt_count, to_minor
from core.periods import containing
from handlers.shared.attainment import quotas_for
from handlers.shared.context import Context
from handlers.shared.limits import MAX_COUNT
from storage.direct import Direct
from storage.fx import convert, rates
from storage.models import Activity, Deal

# More than this many times the rep's largest deal, or their period quota, is asked about.
LARGEST_TIMES = 10
QUOTA_TIMES = 3
# Less than this share of their largest deal (or, with none yet, this many units) too:
# "$24" is far more often "$24k" than a deal.
SMALLEST_SHARE = 100
SMALL_UNITS = 100
FAR = timedelta(days=366)


async def amount_doubts(ctx: Context, minor: int, currency: str, deal_id: int | None) -> list[str]:
    shown = fmt(minor, currency)
    largest = await ctx.session.scalar(
        select(func.max(Deal.amount_minor)).where(
            Deal.workspace_id == ctx.actor.workspace_id,
            Deal.owner_id == ctx.actor.user_id,
            Deal.currency == currency,
            Deal.deleted_at.is_(None),
            Deal.id != (deal_id or 0),
        )
    )
    doubts = []
    if largest and minor > LARGEST_TIMES * largest:
        doubts.append(
            f"{shown} is {minor / largest:.0f}x your largest deal ({fmt(largest, currency)})."
        )
    elif largest and minor * SMALLEST_SHARE < largest:
        doubts.append(f"{shown} is tiny next to your deals (largest {fmt(largest, currency)}).")
    elif not largest and minor < to_minor(SMALL_UNITS, currency):
        doubts.append(f"{shown} is a very small deal.")
    quota = await _quota(ctx)
    if quota:
        kind, target = quota
        base = ctx.workspace.currency
        known = await rates(ctx.session, ctx.actor.workspace_id)
        if currency == base or currency in known:
            rate = known[currency].rate if currency in known else Decimal(1)
            in_base = minor if currency == base else convert(minor, currency, base, rate)
            if in_base > QUOTA_TIMES * target:
                doubts.append(
                    f"{shown} is {in_base / target:.0f}x your {kind} quota ({fmt(target, base)})."
                )
    return doubts


async def _quota(ctx: Context) -> tuple[str, int] | None:
    """The rep's nearest revenue quota: this month's, else this quarter's."""
    for kind, word in (("month", "monthly"), ("quarter", "quarterly")):
        period = containing(kind, ctx.today)
        found = await quotas_for(
            ctx.session, ctx.actor.workspace_id, [f"user:{ctx.actor.user_id}"], period
        )
        target = found.get(f"user:{ctx.actor.user_id}", {}).get("revenue")
        if target:
            return word, target
    return None


def date_doubts(day: date | None, today: date) -> list[str]:
    if day is None or abs(day - today) <= FAR:
        return []
    side = "from now" if day > today else "ago"
    return [f"A close date of {day:%d %b %Y} is more than a year {side}."]


def count_doubts(counts: dict[str, int], logged: int, day: date) -> list[str]:
    """More than MAX_COUNT activities in a day (this log, or with the `logged` ones)."""
    big = [(kind, n) for kind, n in counts.items() if n > MAX_COUNT]
    if big:
        kind, n = big[0]
        return [f"{fmt_count(n, kind)} in one day looks like a typo (over {MAX_COUNT} a day)."]
    total = logged + sum(counts.values())
    if total > MAX_COUNT:
        return [f"That makes {fmt_count(total, 'activity', 'activities')} on {day:%a %d %b}."]
    return []


# Built once: a statement built per call costs three times its execution (issue 18's profile).
_ACTIVITIES = Activity.__table__.c
_LOGGED_ON = Direct(
    select(func.coalesce(func.sum(_ACTIVITIES.count), 0)).where(
        _ACTIVITIES.workspace_id == bindparam("ws"),
        _ACTIVITIES.user_id == bindparam("user"),
        _ACTIVITIES.occurred_on == bindparam("day"),
        _ACTIVITIES.deleted_at.is_(None),
    )
)


async def activities_on(ctx: Context, day: date) -> int:
    """How many activities the asker has logged on their local `day`."""
    params = {"ws": ctx.actor.workspace_id, "user": ctx.actor.user_id, "day": day}
    return int(await _LOGGED_ON.scalar(ctx.session, params) or 0)

"""How am I tracking? Attainment, pace for the time gone, and what is left per working day."""

from __future__ import annotations

from core.messages import Bar, Fact, Reply
from core.money import fmt
from core.periods import Period, containing, named
from handlers.contract import Registrar
from handlers.shared.attainment import Progress, actuals, of, pace, show
from handlers.shared.context import Context
from handlers.shared.targets import scope_of, targets
from nlp.intent import Intent
from storage.stats import other_currency_won

METRIC_ORDER = ("revenue", "deals", "activities", "calls", "emails", "meetings", "demos")


async def default_period(ctx: Context, intent: Intent) -> Period:
    if isinstance(intent.slots.get("period"), str):
        try:
            return named(intent.slots["period"], ctx.today)
        except ValueError:
            pass
    # No period said: the shortest period that has a quota, so the answer is actionable.
    for kind in ("month", "quarter", "week", "year"):
        period = containing(kind, ctx.today)
        if await targets(ctx, period):
            return period
    return containing("month", ctx.today)


async def progress(ctx: Context, period: Period) -> list[Progress]:
    goal = await targets(ctx, period)
    got = await actuals(ctx.session, scope_of(ctx), period, ctx.actor.tz, ctx.workspace.currency)
    totals: dict[str, int] = {}
    for per_user in got.values():
        for metric, value in per_user.items():
            totals[metric] = totals.get(metric, 0) + value
    country = _country(ctx)
    return [
        pace(m, goal[m], totals.get(m, 0), period, ctx.today, ctx.working_days, country)
        for m in METRIC_ORDER
        if m in goal
    ]


def _country(ctx: Context) -> str | None:
    user = ctx.subject.user
    return (user.country if user else None) or ctx.workspace.holiday_country


async def handle_check_quota(intent: Intent, ctx: Context) -> Reply:
    period = await default_period(ctx, intent)
    rows = await progress(ctx, period)
    who = "You're" if ctx.subject.kind == "self" else f"{ctx.subject.label} is"
    cur = ctx.workspace.currency
    if not rows:
        got = await actuals(ctx.session, scope_of(ctx), period, ctx.actor.tz, cur)
        revenue = sum(v["revenue"] for v in got.values())
        acts = sum(v["activities"] for v in got.values())
        whose = "you" if ctx.subject.kind == "self" else ctx.subject.label
        return Reply(
            text=f"No quota is set for {whose} for {period.label} yet.",
            facts=(
                Fact("Won so far", show("revenue", revenue, cur)),
                Fact("Activities so far", f"{acts:,}"),
            ),
            notes=("A manager can set one: `/goal @name revenue 50k this month`.",),
        )
    lead = rows[0]
    status = (
        "ahead of pace 🚀"
        if lead.actual >= lead.expected
        else ("on pace 👍" if lead.on_pace else "behind pace")
    )
    text = (
        f"{who} at {lead.ratio:.0%} of {show(lead.metric, lead.target, cur)} for {period.label}, "
        f"{status}."
    )
    facts: list[Fact] = []
    for row in rows:
        facts.append(
            Fact(
                row.metric.capitalize(),
                f"{of(row.metric, row.actual, row.target, cur)} ({row.ratio:.0%}); "
                f"on pace would be {show(row.metric, row.expected, cur)} by today",
            )
        )
    notes = []
    if lead.actual < lead.target and lead.remaining_days:
        notes.append(
            f"To hit {show(lead.metric, lead.target, cur)}: "
            f"{show(lead.metric, lead.per_day_needed, cur)} "
            f"per working day for the {lead.remaining_days} working days left."
        )
    elif lead.actual >= lead.target:
        notes.append("Target reached — everything from here is upside. 🎉")
    start, end = period.utc_bounds(ctx.actor.tz)
    foreign = await other_currency_won(ctx.session, scope_of(ctx), start, end, cur)
    if foreign and lead.metric == "revenue":
        # No exchange-rate source: show it, never silently add it to the quota currency.
        listed = ", ".join(fmt(minor, code) for code, minor in sorted(foreign.items()))
        notes.append(
            f"Also won in other currencies: {listed} (not counted toward the {cur} quota)."
        )
    bars = tuple(Bar(r.metric, float(r.actual), float(r.target)) for r in rows)
    return Reply(
        text=text,
        title=f"Quota — {period.label}",
        facts=tuple(facts),
        bars=bars,
        notes=tuple(notes),
    )


def register(router: Registrar) -> None:
    router.add(
        "check_quota",
        handle_check_quota,
        access="read",
        summary="How you (or your team) track against quota, with pace",
        examples=("how am I tracking vs quota?", "/quota this quarter"),
    )

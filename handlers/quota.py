"""How am I tracking? Attainment, pace for the time gone, and what is left per working day."""

from __future__ import annotations

from core.messages import Bar, Chart, Fact, Reply
from core.money import fmt
from core.pace import Progress
from core.periods import Period, containing, named
from handlers.contract import Registrar
from handlers.shared.attainment import actuals, of, show
from handlers.shared.charts import charts_on, progress_chart
from handlers.shared.context import Context
from handlers.shared.pace_series import pace_series
from handlers.shared.standing import PERIOD_PREFERENCE, progress
from handlers.shared.targets import Target, scope_of, targets_detail
from handlers.shared.team_hint import team_hint
from nlp.intent import Intent
from storage.stats import other_currency_won


async def default_period(ctx: Context, intent: Intent) -> Period:
    if isinstance(intent.slots.get("period"), str):
        try:
            return named(intent.slots["period"], ctx.today)
        except ValueError:
            pass
    # No period said: the first with a quota of its own (never a derived one), as the nudge.
    for kind in PERIOD_PREFERENCE:
        period = containing(kind, ctx.today)
        if any(not t.derived for t in (await targets_detail(ctx, period)).values()):
            return period
    return containing("month", ctx.today)


def _zone_and_country(ctx: Context) -> tuple[str, str | None]:
    """Pace runs in the subject's own zone and holidays (a rep's day is theirs, not the
    manager's); a team or the workspace uses the asker's."""
    user = ctx.subject.user
    if user is not None:
        return user.tz, user.country or ctx.workspace.holiday_country
    return ctx.actor.tz, ctx.workspace.holiday_country


async def _progress(ctx: Context, period: Period, goal: dict[str, int]) -> list[Progress]:
    tz, country = _zone_and_country(ctx)
    return await progress(
        ctx.session, ctx.workspace, scope_of(ctx), goal, period, ctx.now, tz, country
    )


def _derived_note(ctx: Context, period: Period, metric: str, target: Target) -> str:
    """ "This week's target, $10,227, is the working-day share of your $45,000 December quota"."""
    cur = ctx.workspace.currency
    names = " and ".join(p.label for p in target.sources)
    whose = "your" if ctx.subject.kind == "self" else "the"
    return (
        f"No {metric} target is set for {period.label} itself: "
        f"{show(metric, target.value, cur)} is its working-day share of {whose} "
        f"{show(metric, target.whole, cur)} quota for {names}."
    )


def _status(lead: Progress) -> str:
    if lead.ahead:
        return "ahead of pace 🚀"
    return "on pace 👍" if lead.on_pace else "behind pace"


async def _no_quota(ctx: Context, period: Period) -> Reply:
    cur = ctx.workspace.currency
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
        notes=_no_quota_notes(ctx),
    )


def _no_quota_notes(ctx: Context) -> tuple[str, ...]:
    hint = team_hint(ctx, "/team")
    if hint is None:
        return ("A manager can set one: `/goal @name revenue 50k this month`.",)
    # A manager's own quota is often none: their team's numbers are what they came for.
    return (hint, "Set a quota with `/goal @name revenue 50k this month`.")


async def handle_check_quota(intent: Intent, ctx: Context) -> Reply:
    period = await default_period(ctx, intent)
    detail = await targets_detail(ctx, period)
    rows = await _progress(ctx, period, {m: t.value for m, t in detail.items() if t.value > 0})
    if not rows:
        return await _no_quota(ctx, period)
    who = "You're" if ctx.subject.kind == "self" else f"{ctx.subject.title} is"
    cur = ctx.workspace.currency
    lead = rows[0]
    text = (
        f"{who} at {lead.ratio:.0%} of {show(lead.metric, lead.target, cur)} for {period.label}, "
        f"{_status(lead)}."
    )
    facts = tuple(
        Fact(
            row.metric.capitalize(),
            f"{of(row.metric, row.actual, row.target, cur)} ({row.ratio:.0%}); "
            f"on pace would be {show(row.metric, row.expected, cur)} by now",
        )
        for row in rows
    )
    notes = [
        _derived_note(ctx, period, r.metric, detail[r.metric])
        for r in rows[:1]
        if detail[r.metric].derived
    ]
    if lead.actual < lead.target and lead.remaining_days:
        notes.append(
            f"To hit {show(lead.metric, lead.target, cur)}: "
            f"{show(lead.metric, lead.per_day_needed, cur)} per working day for the "
            f"{lead.remaining_days} working {'day' if lead.remaining_days == 1 else 'days'} left."
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
    bars = tuple(
        Bar(r.metric, float(r.actual), float(r.target), shown=of(r.metric, r.actual, r.target, cur))
        for r in rows
    )
    return Reply(
        text=text,
        title=f"Quota — {period.label}",
        facts=facts,
        bars=bars,
        notes=tuple(notes),
        chart=await _chart(ctx, period, rows),
    )


async def _chart(ctx: Context, period: Period, rows: list[Progress]) -> Chart | None:
    if not await charts_on(ctx):
        return None  # and none of the queries for its points
    title = (
        f"Quota — {period.label}"
        if ctx.subject.kind == "self"
        else f"{ctx.subject.title} — quota, {period.label}"
    )
    over = await pace_series(ctx, period, rows, *_zone_and_country(ctx))
    return progress_chart(title, rows, over, ctx.workspace.currency)


def register(router: Registrar) -> None:
    router.add(
        "check_quota",
        handle_check_quota,
        access="read",
        summary="How you (or your team) track against quota, with pace",
        examples=("how am I tracking vs quota?", "/quota this quarter"),
    )

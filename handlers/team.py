"""A manager's view: each rep's activity and results, and how many are on pace or behind."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from core.messages import Fact, Reply, Table
from core.money import fmt_count, fmt_short
from core.pace import days_so_far, pace
from core.periods import containing, named
from core.sales import METRICS
from handlers.contract import Registrar
from handlers.shared.attainment import actuals, show, team_members
from handlers.shared.charts import attainment_chart
from handlers.shared.context import Context, Subject
from handlers.shared.errors import UserError
from handlers.shared.fx import Totals
from handlers.shared.targets import scope_of, targets_for
from nlp.intent import Intent
from storage.models import Team, User
from storage.stats import outcomes


async def _reps(ctx: Context) -> list[User]:
    if ctx.subject.kind in ("self", "user") and ctx.subject.user is not None:
        return [ctx.subject.user]
    if ctx.subject.kind == "team" and ctx.subject.team is not None:
        return await team_members(ctx.session, ctx.actor.workspace_id, ctx.subject.team.id)
    if ctx.subject.kind == "workspace":
        rows = await ctx.session.scalars(
            select(User)
            .where(User.workspace_id == ctx.actor.workspace_id, User.role == "rep")
            .order_by(User.name)
        )
        return list(rows.all())
    raise UserError("Whose numbers? Try `/team`, `how is team EMEA doing` or `my stats`.")


async def _own_team(ctx: Context) -> Context:
    """A manager asking without a subject means their team; an admin without one, everyone."""
    if ctx.actor.team_id is None:
        return replace(ctx, subject=Subject(kind="workspace", label="everyone"))
    team = await ctx.session.get(Team, ctx.actor.team_id)
    assert team is not None
    return replace(ctx, subject=Subject(kind="team", label=f"team {team.name}", team=team))


async def handle_team_stats(intent: Intent, ctx: Context) -> Reply:
    if ctx.subject.kind == "self" and ctx.actor.is_manager:
        ctx = await _own_team(ctx)
    name = intent.slots.get("period")
    period = named(name, ctx.today) if isinstance(name, str) else containing("month", ctx.today)
    reps = await _reps(ctx)
    if not reps:
        return Reply(text=f"{ctx.subject.title} has no reps yet.")
    cur = ctx.workspace.currency
    got = await actuals(ctx.session, scope_of(ctx), period, ctx.actor.tz, cur)
    keys = [f"user:{r.id}" for r in reps]
    goals = await targets_for(
        ctx.session,
        ctx.actor.workspace_id,
        keys,
        period,
        ctx.working_days,
        ctx.workspace.holiday_country,
    )
    rows, order, on_pace, behind, no_quota = [], [], 0, [], 0
    shares: list[tuple[str, float, bool]] = []
    pace_share = 0.0
    for rep in reps:
        v = got.get(rep.id, {})
        goal = {m: t.value for m, t in goals.get(f"user:{rep.id}", {}).items() if t.value > 0}
        # The same headline metric as /quota: money first (core.sales.METRICS order).
        metric = next((m for m in METRICS if m in goal), None)
        attainment, status, rank = "—", "no quota", (2, 0.0)
        if metric:
            # Each rep's pace runs in their own zone and holidays, as their /quota does.
            p = pace(
                metric,
                goal[metric],
                v.get(metric, 0),
                period,
                ctx.now,
                rep.tz,
                ctx.working_days,
                rep.country or ctx.workspace.holiday_country,
            )
            attainment = f"{p.ratio:.0%}"
            status = "on pace" if p.on_pace else "behind"
            rank = (1 if p.on_pace else 0, p.ratio)
            shares.append((rep.name, p.ratio, p.on_pace))
            pace_share = p.expected / p.target if p.target else 0.0
            if p.on_pace:
                on_pace += 1
            else:
                behind.append(rep.name)
        else:
            no_quota += 1
        order.append(rank)
        rows.append(
            (
                rep.name,
                str(v.get("calls", 0)),
                str(v.get("emails", 0)),
                str(v.get("meetings", 0)),
                str(v.get("demos", 0)),
                str(v.get("deals", 0)),
                fmt_short(v.get("revenue", 0), cur),
                attainment,
                status,
            )
        )
    start, end = period.utc_bounds(ctx.actor.tz)
    closed = await outcomes(ctx.session, scope_of(ctx), start, end, cur)
    # Every won deal is counted; amounts in a currency with no rate are shown beside.
    won_total = Totals(cur, closed.won_minor, closed.apart)
    days = days_so_far(period, ctx.today, ctx.working_days, ctx.workspace.holiday_country)
    total_acts = sum(v.get("activities", 0) for v in got.values())
    person = ctx.subject.kind in ("self", "user")
    facts = [
        Fact(
            "Activities per day" if person else "Activities per rep per day",
            f"{total_acts / len(reps) / days:.1f}",
        ),
        Fact("Won", f"{won_total.shown()} in {fmt_count(closed.won, 'deal')}"),
    ]
    if not person:
        facts.insert(
            0,
            Fact("On pace", f"{on_pace} of {fmt_count(len(reps) - no_quota, 'rep')} with a quota"),
        )
    if closed.won + closed.lost:
        facts.append(Fact("Close rate", f"{closed.won / (closed.won + closed.lost):.0%}"))
    if closed.won and not closed.apart:
        facts.append(Fact("Average deal", show("revenue", closed.won_minor / closed.won, cur)))
    if closed.cycle_days is not None:
        facts.append(Fact("Sales cycle", f"{closed.cycle_days:.0f} days created → won"))
    notes = won_total.notes()
    if behind and not person:
        notes.append(f"Could use support: {', '.join(behind)}. A 1:1 on pipeline often helps.")
    if person:
        v = got.get(reps[0].id, {})
        whose = "Your" if ctx.subject.kind == "self" else f"{ctx.subject.title}'s"
        counts = ", ".join(
            fmt_count(v.get(m, 0), m.removesuffix("s"), m)
            for m in ("calls", "emails", "meetings", "demos")
        )
        text = f"{whose} activity, {period.label}: {counts}; {closed.won} won."
    else:
        text = f"{ctx.subject.title}, {period.label}: {on_pace} on pace, {len(behind)} behind."
    return Reply(
        text=text,
        title=f"{'Activity' if person else 'Team'} — {period.label}",
        table=Table(
            ("Rep", "Calls", "Emails", "Mtgs", "Demos", "Won", "Revenue", "Quota", "Pace"),
            # Who needs support first ("who is behind?"), then on pace, then no quota.
            tuple(row for _, row in sorted(zip(order, rows, strict=True), key=lambda x: x[0])),
            numeric=frozenset({1, 2, 3, 4, 5, 6, 7}),
        ),
        facts=tuple(facts),
        notes=tuple(notes),
        chart=None
        if person
        else await attainment_chart(
            ctx, f"{ctx.subject.title} — {period.label}", shares, pace_share
        ),
    )


def register(router: Registrar) -> None:
    router.add(
        "team_stats",
        handle_team_stats,
        access="read",
        summary="Activity, results and pace: yours, or your team's for managers",
        examples=("how is my team doing this month?", "/team", "how many demos did I do last week"),
    )

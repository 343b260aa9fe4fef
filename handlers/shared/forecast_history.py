"""Forecast vs actual: what the Monday snapshots called for a quarter, week by week, against
what closed, for the asker (a rep) or a team and its reps."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from core.messages import Chart, Reply, Series, Table
from core.money import fmt, fmt_short
from core.periods import Period, containing, named
from handlers.shared.attainment import team_members
from handlers.shared.charts import charts_on
from handlers.shared.context import Context, Subject
from nlp.intent import Intent
from storage.models import ForecastSnapshot, Team, User
from storage.scope import Scope
from storage.stats import won_by_user

# Rows a chat table shows at once; the team's own row comes first.
MOST_ROWS = 15


def accuracy(forecast: int, closed: int) -> float | None:
    """1 - |forecast - closed| / closed (sales ops' forecast accuracy); None with nothing
    closed, where any miss is infinite."""
    return max(0.0, 1 - abs(forecast - closed) / closed) if closed > 0 else None


async def _whose(ctx: Context) -> tuple[str, list[tuple[str, str]]]:
    """The head scope key, and (key, name) rows: the head first, then its reps."""
    subject = ctx.subject
    if subject.kind == "self" and ctx.actor.is_manager and ctx.actor.team_id is not None:
        team = await ctx.session.get(Team, ctx.actor.team_id)
        assert team is not None
        subject = Subject(kind="team", label=f"team {team.name}", team=team)
    if subject.kind in ("self", "user") and subject.user is not None:
        return f"user:{subject.user.id}", [(f"user:{subject.user.id}", subject.user.name)]
    if subject.kind == "team" and subject.team is not None:
        members = await team_members(ctx.session, ctx.actor.workspace_id, subject.team.id)
        head = f"team:{subject.team.id}"
        return head, [(head, f"Team {subject.team.name}")] + [
            (f"user:{u.id}", u.name) for u in members
        ]
    reps = await ctx.session.scalars(
        select(User).where(User.workspace_id == ctx.actor.workspace_id, User.role == "rep")
    )
    return "workspace", [("workspace", "Everyone")] + [(f"user:{u.id}", u.name) for u in reps]


async def _closed(ctx: Context, period: Period, keys: list[str]) -> dict[str, int]:
    start, end = period.utc_bounds(ctx.actor.tz)
    cur = ctx.workspace.currency
    won = await won_by_user(ctx.session, Scope(ctx.actor.workspace_id), start, end, cur)
    members = await ctx.session.execute(
        select(User.id, User.team_id).where(User.workspace_id == ctx.actor.workspace_id)
    )
    teams = {row[0]: row[1] for row in members}
    closed: dict[str, int] = defaultdict(int)
    for uid, w in won.items():
        closed[f"user:{uid}"] += w.minor
        closed[f"team:{teams.get(uid)}"] += w.minor
        closed["workspace"] += w.minor
    return {k: closed.get(k, 0) for k in keys}


async def answer(intent: Intent, ctx: Context) -> Reply:
    name = intent.slots.get("period")
    period = named(name, ctx.today) if isinstance(name, str) else containing("quarter", ctx.today)
    if period.kind != "quarter":
        period = containing("quarter", period.start)
    head, rows = await _whose(ctx)
    keys = [k for k, _ in rows]
    found = list(
        await ctx.session.scalars(
            select(ForecastSnapshot)
            .where(
                ForecastSnapshot.workspace_id == ctx.actor.workspace_id,
                ForecastSnapshot.period_start == period.start,
                ForecastSnapshot.scope.in_(keys),
            )
            .order_by(ForecastSnapshot.taken_on)
        )
    )
    if not found:
        return Reply(
            text=f"No forecast history for {period.label} yet: QuotaBot keeps each forecast "
            "every Monday, so the first comparison comes a week after it starts."
        )
    by_scope: dict[str, list[ForecastSnapshot]] = defaultdict(list)
    for snap in found:
        by_scope[snap.scope].append(snap)
    closed = await _closed(ctx, period, keys)
    cur = ctx.workspace.currency
    ongoing = period.end > ctx.today
    table_rows = []
    for key, label in rows[:MOST_ROWS]:
        snaps = by_scope.get(key)
        if not snaps:
            continue
        first, last = snaps[0], snaps[-1]
        hit = accuracy(first.weighted_minor, closed[key])
        table_rows.append(
            (
                label,
                fmt_short(first.weighted_minor, cur),
                fmt_short(last.weighted_minor, cur),
                fmt_short(closed[key], cur),
                f"{hit:.0%}" if hit is not None else "—",
            )
        )
    series = by_scope.get(head, [])
    title = f"Forecast vs actual — {period.label}"
    weeks = [s.taken_on.strftime("%d %b") for s in series]
    head_hit = accuracy(series[0].weighted_minor, closed[head]) if series else None
    said = "closed so far" if ongoing else "closed"
    text = f"{rows[0][1]}, {period.label}: {fmt(closed[head], cur)} {said}"
    if series:
        text += (
            f"; the weighted forecast was {fmt(series[0].weighted_minor, cur)} on "
            f"{weeks[0]} and {fmt(series[-1].weighted_minor, cur)} on {weeks[-1]}"
        )
    if head_hit is not None and not ongoing:
        text += f" ({head_hit:.0%} accurate from the first week)"
    chart = None
    if series and await charts_on(ctx):
        chart = Chart(
            "history",
            title,
            f"{text}. Weekly weighted forecasts: "
            + ", ".join(
                f"{w} {fmt_short(s.weighted_minor, cur)}"
                for w, s in zip(weeks, series, strict=True)
            )
            + ".",
            tuple(weeks),
            (
                Series("weighted", tuple(float(s.weighted_minor) for s in series)),
                Series("commit", tuple(float(s.commit_minor) for s in series)),
                Series("best case", tuple(float(s.best_minor) for s in series)),
            ),
            unit="money",
            currency=cur,
            target=float(closed[head]),
        )
    return Reply(
        text=text + ".",
        title=title,
        table=Table(
            ("Who", f"Forecast {weeks[0] if weeks else 'week 1'}", "Latest", "Closed", "Accuracy"),
            tuple(table_rows),
            numeric=frozenset({1, 2, 3, 4}),
        ),
        notes=(
            "Forecast: won plus stage-weighted open deals closing in the quarter, kept every "
            "Monday. Accuracy: 1 − |first forecast − closed| ÷ closed"
            + (" (the quarter is still open)." if ongoing else "."),
        ),
        chart=chart,
    )

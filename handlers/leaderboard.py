"""Leaderboard: who leads by a metric this period; ties share a rank, nobody is shamed."""

from __future__ import annotations

from sqlalchemy import select

from core.messages import Reply, Table
from core.money import fmt, fmt_count, fmt_short
from core.periods import Period, containing, named
from core.sales import METRICS
from handlers.contract import Registrar
from handlers.shared.attainment import actuals, quotas_for, show
from handlers.shared.charts import ranking_chart
from handlers.shared.context import Context
from handlers.shared.errors import UserError
from handlers.shared.subjects import resolve_subject
from handlers.shared.targets import targets_for
from nlp.intent import Intent
from storage.models import User
from storage.scope import Scope
from storage.stats import other_currency_won

TOP = 10
MEDALS = {1: "🥇", 2: "🥈", 3: "🥉"}


def competition_ranks(values: list[int]) -> list[int]:
    """1, 1, 3 for two leaders tied: the standard sports ranking."""
    ranks: list[int] = []
    for index, value in enumerate(values):
        ranks.append(ranks[-1] if index and value == values[index - 1] else index + 1)
    return ranks


async def _board_scope(ctx: Context, intent: Intent) -> tuple[Scope, str]:
    """The whole workspace, or one team ("leaderboard for my team", "... for EMEA")."""
    if not intent.scope:
        return Scope(ctx.actor.workspace_id), ""
    subject = await resolve_subject(ctx.session, ctx.actor, intent.scope)
    if subject.kind != "team" or subject.team is None:
        raise UserError("A leaderboard is for a team or everyone: try `leaderboard for my team`.")
    return Scope(ctx.actor.workspace_id, team_id=subject.team.id), f" — {subject.label}"


async def _attainment(
    ctx: Context, got: dict[int, dict[str, int]], reps: dict[int, User], period: Period
) -> dict[int, tuple[float, str]]:
    """user id -> (share of own target, the metric it is on): the fair board."""
    keys = [f"user:{uid}" for uid in reps]
    targets = await targets_for(
        ctx.session,
        ctx.actor.workspace_id,
        keys,
        period,
        ctx.working_days,
        ctx.workspace.holiday_country,
    )
    shares: dict[int, tuple[float, str]] = {}
    for uid in reps:
        own = {m: t.value for m, t in targets.get(f"user:{uid}", {}).items() if t.value > 0}
        metric = next((m for m in METRICS if m in own), None)
        if metric is not None:
            shares[uid] = (got.get(uid, {}).get(metric, 0) / own[metric], metric)
    return shares


async def handle_leaderboard(intent: Intent, ctx: Context) -> Reply:
    wanted = intent.slots.get("metric")
    metric = wanted if wanted in (*METRICS, "attainment") else "activities"
    assert isinstance(metric, str)
    name = intent.slots.get("period")
    period = named(name, ctx.today) if isinstance(name, str) else containing("week", ctx.today)
    scope, where = await _board_scope(ctx, intent)
    query = select(User).where(User.workspace_id == ctx.actor.workspace_id, User.role == "rep")
    if scope.team_id is not None:
        query = query.where(User.team_id == scope.team_id)
    reps = {u.id: u for u in await ctx.session.scalars(query)}
    cur = ctx.workspace.currency
    got = await actuals(ctx.session, scope, period, ctx.actor.tz, cur)
    if metric == "attainment":
        return await _fair_board(ctx, got, reps, period, where)
    scored = sorted(
        ((got.get(uid, {}).get(metric, 0), user.name, uid) for uid, user in reps.items()),
        key=lambda row: (-row[0], row[1]),
    )
    scored = [row for row in scored if row[0] > 0]
    if not scored:
        return Reply(
            text=f"No {metric} logged yet for {period.label}. First one on the board wins! 🏁"
        )
    ranks = competition_ranks([value for value, _, _ in scored])
    goals = await quotas_for(
        ctx.session,
        ctx.actor.workspace_id,
        [f"user:{uid}" for _, _, uid in scored],
        containing("month", ctx.today) if period.kind in ("day", "week") else period,
    )
    rows = []
    for rank, (value, rep, uid) in zip(ranks, scored, strict=True):
        if rank > TOP and uid != ctx.actor.user_id:
            continue
        shown = fmt_short(value, cur) if metric == "revenue" else fmt_count(value)
        target = goals.get(f"user:{uid}", {}).get(metric)
        # The board is posted in the channel: a rep's % of target is theirs to share, unless
        # the workspace made attainment public (their managers see it in /team).
        visible = ctx.workspace.attainment_public or uid == ctx.actor.user_id
        of_target = (
            f"{value / target:.0%}"
            if visible and target and period.kind not in ("day", "week")
            else ""
        )
        rows.append((f"{MEDALS.get(rank, '')} {rank}".strip(), rep, shown, of_target))
    leader_value, leader, _ = scored[0]
    tied = ranks.count(1)
    lead = f"{leader} leads" if tied == 1 else f"{tied} reps share the lead"
    notes: tuple[str, ...] = ()
    if metric == "revenue":
        start, end = period.utc_bounds(ctx.actor.tz)
        apart = await other_currency_won(ctx.session, scope, start, end, cur)
        if apart:
            listed = ", ".join(fmt(minor, code) for code, minor in sorted(apart.items()))
            notes = (f"Also won in other currencies (no rate set): {listed}.",)
    return Reply(
        text=(
            f"🏆 {metric.capitalize()} leaderboard{where}, {period.label}: "
            f"{lead} with {show(metric, leader_value, cur)}."
        ),
        title=f"Leaderboard — {metric}, {period.label}",
        table=_table(metric, rows),
        notes=notes,
        private=False,
        chart=await ranking_chart(
            ctx,
            f"{metric.capitalize()} leaderboard{where}, {period.label}",
            [(rep, float(value)) for value, rep, _ in scored[:TOP]],
            metric,
        ),
    )


async def _fair_board(
    ctx: Context, got: dict[int, dict[str, int]], reps: dict[int, User], period: Period, where: str
) -> Reply:
    """Ranked by each rep's share of their own target, so a small territory can lead."""
    shares = await _attainment(ctx, got, reps, period)
    scored = sorted(
        ((share, reps[uid].name, uid) for uid, (share, _) in shares.items()),
        key=lambda row: (-row[0], row[1]),
    )
    if not scored:
        return Reply(text=f"Nobody has a target for {period.label} yet, so there is no fair board.")
    # Equal to the whole percent: two reps at 51.2% and 50.8% share second place.
    ranks = competition_ranks([round(share * 100) for share, _, _ in scored])
    rows = []
    for rank, (share, rep, uid) in zip(ranks, scored, strict=True):
        if rank > TOP and uid != ctx.actor.user_id:
            continue
        visible = ctx.workspace.attainment_public or uid == ctx.actor.user_id
        rows.append(
            (f"{MEDALS.get(rank, '')} {rank}".strip(), rep, f"{share:.0%}" if visible else "")
        )
    columns = ("#", "Rep", "% of own target")
    hidden = "" if ctx.workspace.attainment_public else " (each sees their own %)"
    return Reply(
        text=(
            f"🏆 Fair leaderboard{where}, {period.label}: "
            f"by share of each rep's own target{hidden}."
        ),
        title=f"Leaderboard — % of target, {period.label}",
        table=Table(columns, tuple(rows), numeric=frozenset({2})),
        private=False,
        # The picture shows every share: only where the workspace made attainment public.
        chart=await ranking_chart(
            ctx,
            f"% of own target{where}, {period.label}",
            [(rep, share) for share, rep, _ in scored[:TOP]],
            "attainment",
        )
        if ctx.workspace.attainment_public
        else None,
    )


def _table(metric: str, rows: list[tuple[str, str, str, str]]) -> Table:
    if any(row[3] for row in rows):
        columns = ("#", "Rep", metric.capitalize(), "% of target")
        return Table(columns, tuple(rows), numeric=frozenset({2, 3}))
    return Table(("#", "Rep", metric.capitalize()), tuple(r[:3] for r in rows), frozenset({2}))


def register(router: Registrar) -> None:
    router.add(
        "leaderboard",
        handle_leaderboard,
        access="public",
        summary="Who leads by activities, calls, demos, deals, revenue or % of own target",
        examples=(
            "leaderboard",
            "/leaderboard revenue this month",
            "leaderboard % of quota this quarter",
            "leaderboard for my team",
        ),
    )

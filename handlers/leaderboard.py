"""Leaderboard: who leads by a metric this period; ties share a rank, nobody is shamed."""

from __future__ import annotations

from sqlalchemy import select

from core.messages import Reply, Table
from core.money import fmt_count, fmt_short
from core.periods import containing, named
from core.sales import METRICS
from handlers.contract import Registrar
from handlers.shared.attainment import actuals, quotas_for, show
from handlers.shared.context import Context
from nlp.intent import Intent
from storage.models import User
from storage.scope import Scope

TOP = 10
MEDALS = {1: "🥇", 2: "🥈", 3: "🥉"}


def competition_ranks(values: list[int]) -> list[int]:
    """1, 1, 3 for two leaders tied: the standard sports ranking."""
    ranks: list[int] = []
    for index, value in enumerate(values):
        ranks.append(ranks[-1] if index and value == values[index - 1] else index + 1)
    return ranks


async def handle_leaderboard(intent: Intent, ctx: Context) -> Reply:
    metric = intent.slots.get("metric") if intent.slots.get("metric") in METRICS else "activities"
    assert isinstance(metric, str)
    name = intent.slots.get("period")
    period = named(name, ctx.today) if isinstance(name, str) else containing("week", ctx.today)
    reps = {
        u.id: u
        for u in await ctx.session.scalars(
            select(User).where(User.workspace_id == ctx.actor.workspace_id, User.role == "rep")
        )
    }
    cur = ctx.workspace.currency
    got = await actuals(ctx.session, Scope(ctx.actor.workspace_id), period, ctx.actor.tz, cur)
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
    return Reply(
        text=(
            f"🏆 {metric.capitalize()} leaderboard, {period.label}: "
            f"{lead} with {show(metric, leader_value, cur)}."
        ),
        title=f"Leaderboard — {metric}, {period.label}",
        table=_table(metric, rows),
        private=False,
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
        summary="Who leads by activities, calls, demos, deals or revenue",
        examples=("leaderboard", "/leaderboard revenue this month"),
    )

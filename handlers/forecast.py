"""Forecast: closed-won plus stage-weighted open pipeline, against the period's quota."""

from __future__ import annotations

from sqlalchemy import func, select

from core.messages import Fact, Reply
from core.money import fmt
from core.periods import containing, named
from core.sales import OPEN_STAGES
from handlers.contract import Registrar
from handlers.shared.context import Context
from handlers.shared.probabilities import probabilities
from handlers.shared.targets import scope_of, targets
from nlp.intent import Intent
from storage.models import Deal
from storage.stats import won_by_user


async def handle_forecast(intent: Intent, ctx: Context) -> Reply:
    cur = ctx.workspace.currency
    name = intent.slots.get("period")
    period = named(name, ctx.today) if isinstance(name, str) else containing("quarter", ctx.today)
    scope = scope_of(ctx)
    start, end = period.utc_bounds(ctx.actor.tz)
    won = sum(w.minor for w in (await won_by_user(ctx.session, scope, start, end, cur)).values())
    rows = await ctx.session.execute(
        select(Deal.stage, func.coalesce(func.sum(Deal.amount_minor), 0))
        .where(
            Deal.workspace_id == ctx.actor.workspace_id,
            scope.owners(Deal.owner_id),
            Deal.stage.in_(OPEN_STAGES),
            Deal.deleted_at.is_(None),
            Deal.currency == cur,
            Deal.close_date >= period.start,
            Deal.close_date < period.end,
        )
        .group_by(Deal.stage)
    )
    open_by = {stage: int(minor or 0) for stage, minor in rows}
    prob = probabilities(ctx.workspace)
    weighted = won + sum(minor * prob[s] // 100 for s, minor in open_by.items())
    commit = won + open_by.get("negotiation", 0)
    best = won + sum(open_by.values())
    facts = [
        Fact("Closed-won", fmt(won, cur)),
        Fact("Commit (won + negotiation)", fmt(commit, cur)),
        Fact("Weighted forecast", fmt(weighted, cur)),
        Fact("Best case", fmt(best, cur)),
    ]
    goal = (await targets(ctx, period)).get("revenue")
    notes = [
        "Weights: "
        + ", ".join(f"{s} {p}%" for s, p in prob.items())
        + "; open deals with a close date in the period."
    ]
    text = (
        f"Forecast for {period.label}: {fmt(weighted, cur)} weighted, {fmt(won, cur)} already won."
    )
    if goal:
        facts.append(Fact("Quota", fmt(goal, cur)))
        text += f" That's {weighted / goal:.0%} of the {fmt(goal, cur)} quota."
    return Reply(
        text=text, title=f"Forecast — {period.label}", facts=tuple(facts), notes=tuple(notes)
    )


def register(router: Registrar) -> None:
    router.add(
        "forecast",
        handle_forecast,
        access="read",
        summary="Expected revenue: won + weighted pipeline, commit and best case",
        examples=("what's my forecast this quarter?", "/forecast team"),
    )

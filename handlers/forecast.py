"""Forecast: closed-won plus stage-weighted open pipeline, against the period's quota."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from bot.core import Fact, Reply
from handlers.context import Context
from handlers.errors import UserError
from handlers.money import fmt
from handlers.periods import containing, named
from handlers.quota import scope_of, targets
from handlers.registry import Registrar
from nlp.intent import Intent
from storage.models import Deal, Workspace
from storage.stats import OPEN_STAGES, won_by_user

# Common defaults for a B2B funnel; admins override per workspace (stage_probabilities).
DEFAULT_PROBABILITY = {"prospecting": 10, "qualification": 25, "proposal": 50, "negotiation": 75}


def probabilities(workspace: Workspace) -> dict[str, int]:
    merged = dict(DEFAULT_PROBABILITY)
    if workspace.stage_probabilities:
        try:
            custom = json.loads(workspace.stage_probabilities)
        except ValueError:
            custom = {}
        merged.update({k: int(v) for k, v in custom.items() if k in merged and 0 <= int(v) <= 100})
    return merged


def set_probabilities(workspace: Workspace, text: str) -> str:
    """Admin override: "proposal 40 negotiation 80" or "proposal=40, negotiation=80"."""
    words = text.replace("=", " ").replace(",", " ").replace("%", " ").split()
    if len(words) % 2 or not words:
        raise UserError("Give stage and percent pairs, like `proposal 40 negotiation 80`.")
    merged = probabilities(workspace)
    for stage, percent in zip(words[::2], words[1::2], strict=True):
        if stage.lower() not in DEFAULT_PROBABILITY:
            raise UserError(f"{stage!r} is not an open stage: {', '.join(DEFAULT_PROBABILITY)}.")
        if not percent.isdigit() or int(percent) > 100:
            raise UserError(f"The {stage} probability must be a whole percent from 0 to 100.")
        merged[stage.lower()] = int(percent)
    workspace.stage_probabilities = json.dumps(merged)
    return ", ".join(f"{stage} {p}%" for stage, p in merged.items())


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

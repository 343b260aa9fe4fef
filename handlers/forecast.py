"""Forecast: closed-won plus stage-weighted open pipeline in every currency, against quota."""

from __future__ import annotations

from core.messages import Chart, Fact, Reply, Series
from core.money import fmt
from core.periods import containing, named
from handlers.contract import Registrar
from handlers.shared.charts import charts_on
from handlers.shared.context import Context
from handlers.shared.forecast_figures import forecast_figures
from handlers.shared.forecast_history import answer as history
from handlers.shared.fx import Totals
from handlers.shared.probabilities import probabilities
from handlers.shared.targets import scope_of, targets
from handlers.shared.team_hint import team_hint
from nlp.intent import Intent


async def handle_forecast(intent: Intent, ctx: Context) -> Reply:
    if intent.slots.get("view") == "history":
        return await history(intent, ctx)
    cur = ctx.workspace.currency
    name = intent.slots.get("period")
    period = named(name, ctx.today) if isinstance(name, str) else containing("quarter", ctx.today)
    prob = probabilities(ctx.workspace)
    won, figures = await forecast_figures(
        ctx.session, ctx.workspace, scope_of(ctx), period, ctx.actor.tz
    )
    facts = [
        Fact("Closed-won", won.shown()),
        Fact("Commit (won + negotiation)", figures["commit"].shown()),
        Fact("Weighted forecast", figures["weighted"].shown()),
        Fact("Best case", figures["best"].shown()),
    ]
    goal = (await targets(ctx, period)).get("revenue")
    notes = [
        "Weights: "
        + ", ".join(f"{s} {p}%" for s, p in prob.items())
        + "; open deals with a close date in the period.",
        *figures["best"].notes(),
    ]
    weighted_total = figures["weighted"]
    whose = "Forecast" if ctx.subject.kind == "self" else f"{ctx.subject.title}'s forecast"
    text = (
        f"{whose} for {period.label}: {weighted_total.shown()} weighted, {won.shown()} already won."
    )
    hint = team_hint(ctx, "/forecast team")
    if hint is not None and not figures["best"].minor:
        notes.insert(0, f"You have no deals of your own in it. {hint}")
    if goal:
        facts.append(Fact("Quota", fmt(goal, cur)))
        text += f" That's {weighted_total.minor / goal:.0%} of the {fmt(goal, cur)} quota."
        if weighted_total.apart:
            text += " (not counting amounts without a rate)"
    title = f"Forecast — {period.label}"
    return Reply(
        text=text,
        title=title,
        facts=tuple(facts),
        notes=tuple(notes),
        chart=await _chart(ctx, title, [won, *figures.values()], goal),
    )


async def _chart(ctx: Context, title: str, totals: list[Totals], goal: int | None) -> Chart | None:
    """Closed-won, commit, weighted and best case as bars against the quota line."""
    if not await charts_on(ctx):
        return None
    labels = ("Closed-won", "Commit", "Weighted", "Best case")
    cur = ctx.workspace.currency
    said = [t.shown(short=True) for t in totals]
    quota = f"; quota {fmt(goal, cur)}" if goal else "; no quota set"
    return Chart(
        "forecast",
        title,
        f"{title}: " + ", ".join(f"{k} {v}" for k, v in zip(labels, said, strict=True)) + quota,
        labels,
        (Series("Amount", tuple(float(t.minor) for t in totals)),),
        unit="money",
        currency=cur,
        target=float(goal) if goal else None,
        figures=tuple(said),
    )


def register(router: Registrar) -> None:
    router.add(
        "forecast",
        handle_forecast,
        access="read",
        summary="Expected revenue: won + weighted pipeline, commit and best case",
        examples=("what's my forecast this quarter?", "/forecast team"),
    )

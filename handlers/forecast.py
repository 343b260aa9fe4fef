"""Forecast: closed-won plus stage-weighted open pipeline in every currency, against quota."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy.ext.asyncio import AsyncSession

from core.messages import Chart, Fact, Reply, Series
from core.money import fmt
from core.periods import Period, containing, named
from handlers.contract import Registrar
from handlers.shared.charts import charts_on
from handlers.shared.context import Context
from handlers.shared.forecast_history import answer as history
from handlers.shared.fx import Totals, total
from handlers.shared.probabilities import probabilities
from handlers.shared.targets import scope_of, targets
from nlp.intent import Intent
from storage.fx import rates
from storage.models import Workspace
from storage.scope import Scope
from storage.stats import open_deals, won_by_user


async def forecast_figures(
    session: AsyncSession, workspace: Workspace, scope: Scope, period: Period, tz: str
) -> tuple[Totals, dict[str, Totals]]:
    """Closed-won in `period`, and won plus open deals closing in it: "commit" (negotiation),
    "weighted" (by stage probability) and "best" (all), in the workspace currency."""
    cur = workspace.currency
    start, end = period.utc_bounds(tz)
    known = await rates(session, workspace.id)
    won_by = (await won_by_user(session, scope, start, end, cur)).values()
    won_apart: dict[str, int] = defaultdict(int)
    for w in won_by:
        for c, minor in w.apart.items():
            won_apart[c] += minor
    won = Totals(
        cur,
        sum(w.minor for w in won_by),
        dict(won_apart),
        {c: known[c] for w in won_by for c in w.converted},
    )
    prob = probabilities(workspace)
    weighted: dict[str, int] = defaultdict(int)
    commit: dict[str, int] = defaultdict(int)
    best: dict[str, int] = defaultdict(int)
    for row in await open_deals(session, scope, period.start, period.end):
        weighted[row.currency] += row.minor * prob[row.stage] // 100
        best[row.currency] += row.minor
        if row.stage == "negotiation":
            commit[row.currency] += row.minor
    figures = {
        label: _plus(won, total(dict(by), cur, known))
        for label, by in (("commit", commit), ("weighted", weighted), ("best", best))
    }
    return won, figures


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
    text = (
        f"Forecast for {period.label}: {weighted_total.shown()} weighted, "
        f"{won.shown()} already won."
    )
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


def _plus(a: Totals, b: Totals) -> Totals:
    apart = dict(a.apart)
    for c, minor in b.apart.items():
        apart[c] = apart.get(c, 0) + minor
    return Totals(a.base, a.minor + b.minor, apart, {**a.used, **b.used})


def register(router: Registrar) -> None:
    router.add(
        "forecast",
        handle_forecast,
        access="read",
        summary="Expected revenue: won + weighted pipeline, commit and best case",
        examples=("what's my forecast this quarter?", "/forecast team"),
    )

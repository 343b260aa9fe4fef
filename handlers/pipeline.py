"""What's in my pipeline: open deals by stage in every currency, what closes, what drifts,
and (for `/pipeline lost`) why deals were lost."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from datetime import timedelta

from sqlalchemy import ColumnElement, exists, func, select

from core.actions import ActionId
from core.messages import Button, Chart, Fact, Reply, Series, Table
from core.money import fmt, fmt_count, fmt_short
from core.periods import Period, containing, named
from core.sales import OPEN_STAGES, STAGE_LABEL
from handlers.contract import Registrar
from handlers.shared.charts import charts_on
from handlers.shared.context import Context
from handlers.shared.fx import Totals, total
from handlers.shared.targets import scope_of, targets
from handlers.shared.team_hint import team_hint
from nlp.intent import Intent
from storage.fx import Rate, rates
from storage.models import Account, Activity, Deal
from storage.stats import LossReason, OpenTotal, lost_reasons, open_deals, won_by_user

# A deal untouched for two weeks is drifting: the number most sales leaders use.
STALE_AFTER = timedelta(days=14)


def _stale(ctx: Context) -> tuple[ColumnElement[bool], ...]:
    """Open deals in scope untouched for STALE_AFTER, with no activity on their account."""
    recent_activity = exists().where(
        Activity.workspace_id == Deal.workspace_id,
        Activity.account_id == Deal.account_id,
        Activity.user_id == Deal.owner_id,
        Activity.occurred_on >= ctx.today - STALE_AFTER,
        Activity.deleted_at.is_(None),
    )
    return (
        Deal.workspace_id == ctx.actor.workspace_id,
        scope_of(ctx).owners(Deal.owner_id),
        Deal.stage.in_(OPEN_STAGES),
        Deal.deleted_at.is_(None),
        Deal.updated_at < ctx.now - STALE_AFTER,
        ~recent_activity,
    )


async def stale_deals(ctx: Context, limit: int = 5) -> list[tuple[str, int | None, str]]:
    rows = await ctx.session.execute(
        select(Account.name, Deal.name, Deal.amount_minor, Deal.currency)
        .join(Account, Account.id == Deal.account_id)
        .where(*_stale(ctx))
        .order_by(Deal.amount_minor.desc().nulls_last())
        .limit(limit)
    )
    return [(f"{a} {n}" if n else a, minor, cur) for a, n, minor, cur in rows]


async def stale_by_stage(ctx: Context) -> dict[str, int]:
    rows = await ctx.session.execute(
        select(Deal.stage, func.count()).where(*_stale(ctx)).group_by(Deal.stage)
    )
    return {stage: int(n) for stage, n in rows}


def _period(intent: Intent, ctx: Context, default: str) -> Period:
    name = intent.slots.get("period")
    if isinstance(name, str) and name not in ("today", "yesterday"):
        return named(name, ctx.today)
    return containing(default, ctx.today)


def _sum(found: list[OpenTotal], base: str, known: Mapping[str, Rate]) -> tuple[int, Totals]:
    by_currency: dict[str, int] = defaultdict(int)
    for row in found:
        by_currency[row.currency] += row.minor
    return sum(r.deals for r in found), total(by_currency, base, known)


async def handle_pipeline_summary(intent: Intent, ctx: Context) -> Reply:
    if intent.slots.get("stage") == "lost":
        return await losses(intent, ctx)
    cur = ctx.workspace.currency
    scope = scope_of(ctx)
    known = await rates(ctx.session, ctx.actor.workspace_id)
    found = await open_deals(ctx.session, scope)
    total_n, all_open = _sum(found, cur, known)
    whose = "Your" if ctx.subject.kind == "self" else f"{ctx.subject.title}'s"
    if total_n == 0:
        hint = team_hint(ctx, "/pipeline team")
        if hint is not None:
            return Reply(text=f"Your own pipeline is empty. {hint}")
        return Reply(
            text=f"{whose} pipeline is empty. Add a deal: `new opp Acme 40k closing end of month`.",
        )
    rows = []
    by_stage: list[tuple[str, int, Totals]] = []
    for stage in OPEN_STAGES:
        n, amount = _sum([r for r in found if r.stage == stage], cur, known)
        if n:
            rows.append((STAGE_LABEL[stage], fmt_count(n), amount.shown(short=True)))
            by_stage.append((stage, n, amount))
    rows.append(("Total", fmt_count(total_n), all_open.shown(short=True)))
    period = _period(intent, ctx, "month")
    closing_n, closing = _sum(
        await open_deals(ctx.session, scope, period.start, period.end), cur, known
    )
    facts = [
        Fact("Open pipeline", f"{all_open.shown()} in {fmt_count(total_n, 'deal')}"),
        Fact(f"Closing {period.label}", f"{closing.shown()} in {fmt_count(closing_n, 'deal')}"),
    ]
    quarter = containing("quarter", ctx.today)
    goal = (await targets(ctx, quarter)).get("revenue")
    if goal:
        start, end = quarter.utc_bounds(ctx.actor.tz)
        won = sum(
            w.minor for w in (await won_by_user(ctx.session, scope, start, end, cur)).values()
        )
        gap = goal - won
        if gap > 0:
            facts.append(
                Fact(
                    "Coverage",
                    f"{all_open.minor / gap:.1f}x the {fmt(gap, cur)} left for {quarter.label}",
                )
            )
    notes = all_open.notes()
    stale = await stale_deals(ctx)
    if stale:
        listed = ", ".join(
            f"{name} ({fmt_short(m, c) if m else 'no amount'})" for name, m, c in stale
        )
        notes.append(f"No activity in 14+ days: {listed}.")
    lost = await _lost(ctx, quarter)
    buttons: tuple[Button, ...] = ()
    if lost:
        n = sum(r.deals for r in lost)
        said = "; ".join(f"{r.reason or 'no reason given'} ({r.deals})" for r in lost[:3])
        notes.append(f"Lost in {quarter.label}: {fmt_count(n, 'deal')} — {said}.")
        buttons = (_loss_button(intent, quarter),)
    return Reply(
        text=f"{whose} pipeline: {all_open.shown()} across {fmt_count(total_n, 'open deal')}.",
        title="Pipeline",
        table=Table(("Stage", "Deals", "Amount"), tuple(rows), numeric=frozenset({1, 2})),
        facts=tuple(facts),
        notes=tuple(notes),
        buttons=buttons,
        chart=await _chart(ctx, f"{whose} open pipeline by stage", by_stage),
    )


async def _chart(ctx: Context, title: str, by_stage: list[tuple[str, int, Totals]]) -> Chart | None:
    """Amount per stage with its deal count; stages holding stale deals marked."""
    if not await charts_on(ctx):
        return None
    stale = await stale_by_stage(ctx)
    figures = tuple(
        f"{amount.shown(short=True)} · {fmt_count(n, 'deal')}"
        + (f" ({stale[stage]} stale)" if stale.get(stage) else "")
        for stage, n, amount in by_stage
    )
    labels = tuple(STAGE_LABEL[stage] for stage, _, _ in by_stage)
    return Chart(
        "stages",
        title,
        f"{title}: " + "; ".join(f"{s} {f}" for s, f in zip(labels, figures, strict=True)) + ".",
        labels,
        (
            Series("Amount", tuple(float(amount.minor) for _, _, amount in by_stage)),
            Series("Deals", tuple(float(n) for _, n, _ in by_stage)),
        ),
        unit="money",
        currency=ctx.workspace.currency,
        marked=frozenset(i for i, (stage, _, _) in enumerate(by_stage) if stale.get(stage)),
        figures=figures,
    )


async def _lost(ctx: Context, period: Period) -> list[LossReason]:
    start, end = period.utc_bounds(ctx.actor.tz)
    return await lost_reasons(ctx.session, scope_of(ctx), start, end)


def _loss_button(intent: Intent, period: Period) -> Button:
    slots = {**intent.slots, "stage": "lost", "period": _slot(period)}
    return Button(
        "Why we lost", ActionId.CHOOSE, json.dumps({"intent": intent.name, "slots": slots})
    )


def _slot(period: Period) -> str:
    quarter = (period.start.month - 1) // 3 + 1
    return f"{period.start.year}-Q{quarter}"


async def losses(intent: Intent, ctx: Context) -> Reply:
    """`/pipeline lost this quarter`: how many deals were lost, and why, most common first."""
    period = _period(intent, ctx, "quarter")
    found = await _lost(ctx, period)
    whose = "You" if ctx.subject.kind == "self" else ctx.subject.title
    if not found:
        return Reply(text=f"{whose} lost no deals in {period.label}. 🎉")
    known = await rates(ctx.session, ctx.actor.workspace_id)
    n = sum(r.deals for r in found)
    rows = tuple(
        (
            r.reason or "no reason given",
            fmt_count(r.deals),
            f"{r.deals / n:.0%}",
            total(r.by_currency, ctx.workspace.currency, known).shown(short=True),
        )
        for r in found
    )
    top = found[0]
    lead = (
        f" Most often: {top.reason} ({fmt_count(top.deals, 'deal')})."
        if top.reason and (len(found) == 1 or found[1].deals < top.deals)
        else ""
    )
    return Reply(
        text=f"{whose} lost {fmt_count(n, 'deal')} in {period.label}.{lead}",
        title=f"Loss reasons — {period.label}",
        table=Table(("Reason", "Deals", "Share", "Amount"), rows, numeric=frozenset({1, 2, 3})),
        notes=("Say why when you log a loss: `lost Hooli - went with Salesforce`.",),
    )


def register(router: Registrar) -> None:
    router.add(
        "pipeline_summary",
        handle_pipeline_summary,
        access="read",
        summary="Open deals by stage, what's closing, stale deals, and why deals were lost",
        examples=("what's in my pipeline?", "/pipeline", "/pipeline lost this quarter"),
    )

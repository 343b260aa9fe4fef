"""What's in my pipeline: open deals by stage, deals closing this period, stale deals."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import and_, exists, func, select

from core.messages import Fact, Reply, Table
from core.money import fmt, fmt_count, fmt_short
from core.periods import containing, named
from core.sales import OPEN_STAGES, STAGE_LABEL
from handlers.contract import Registrar
from handlers.shared.context import Context
from handlers.shared.targets import scope_of, targets
from nlp.intent import Intent
from storage.models import Account, Activity, Deal
from storage.stats import open_by_stage, won_by_user

# A deal untouched for two weeks is drifting: the number most sales leaders use.
STALE_AFTER = timedelta(days=14)


async def stale_deals(ctx: Context, limit: int = 5) -> list[tuple[str, int | None, str]]:
    scope = scope_of(ctx)
    cutoff = ctx.now - STALE_AFTER
    recent_activity = exists().where(
        Activity.workspace_id == Deal.workspace_id,
        Activity.account_id == Deal.account_id,
        Activity.user_id == Deal.owner_id,
        Activity.occurred_on >= ctx.today - STALE_AFTER,
        Activity.deleted_at.is_(None),
    )
    rows = await ctx.session.execute(
        select(Account.name, Deal.amount_minor, Deal.currency)
        .join(Account, Account.id == Deal.account_id)
        .where(
            Deal.workspace_id == ctx.actor.workspace_id,
            scope.owners(Deal.owner_id),
            Deal.stage.in_(OPEN_STAGES),
            Deal.deleted_at.is_(None),
            Deal.updated_at < cutoff,
            ~recent_activity,
        )
        .order_by(Deal.amount_minor.desc().nulls_last())
        .limit(limit)
    )
    return [(name, minor, cur) for name, minor, cur in rows]


async def handle_pipeline_summary(intent: Intent, ctx: Context) -> Reply:
    cur = ctx.workspace.currency
    scope = scope_of(ctx)
    stages = await open_by_stage(ctx.session, scope, cur)
    total_n = sum(s.deals for s in stages)
    total = sum(s.minor for s in stages)
    whose = "Your" if ctx.subject.kind == "self" else f"{ctx.subject.title}'s"
    if total_n == 0:
        return Reply(
            text=f"{whose} pipeline is empty. Add a deal: `new opp Acme 40k closing end of month`.",
        )
    rows = (
        *(
            (STAGE_LABEL[s.stage], fmt_count(s.deals), fmt_short(s.minor, cur))
            for s in stages
            if s.deals
        ),
        ("Total", fmt_count(total_n), fmt_short(total, cur)),
    )
    period_name = intent.slots.get("period")
    period = (
        named(period_name, ctx.today)
        if isinstance(period_name, str) and "_" in period_name
        else containing("month", ctx.today)
    )
    closing = await ctx.session.execute(
        select(func.count(), func.coalesce(func.sum(Deal.amount_minor), 0)).where(
            Deal.workspace_id == ctx.actor.workspace_id,
            scope.owners(Deal.owner_id),
            Deal.stage.in_(OPEN_STAGES),
            Deal.deleted_at.is_(None),
            Deal.currency == cur,
            and_(Deal.close_date >= period.start, Deal.close_date < period.end),
        )
    )
    closing_n, closing_minor = closing.one()
    facts = [
        Fact("Open pipeline", f"{fmt(total, cur)} in {fmt_count(total_n, 'deal')}"),
        Fact(
            f"Closing {period.label}",
            f"{fmt(int(closing_minor or 0), cur)} in {fmt_count(closing_n, 'deal')}",
        ),
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
                Fact("Coverage", f"{total / gap:.1f}x the {fmt(gap, cur)} left for {quarter.label}")
            )
    notes = []
    stale = await stale_deals(ctx)
    if stale:
        listed = ", ".join(
            f"{name} ({fmt_short(m, c) if m else 'no amount'})" for name, m, c in stale
        )
        notes.append(f"No activity in 14+ days: {listed}.")
    return Reply(
        text=f"{whose} pipeline: {fmt(total, cur)} across {fmt_count(total_n, 'open deal')}.",
        title="Pipeline",
        table=Table(("Stage", "Deals", "Amount"), rows, numeric=frozenset({1, 2})),
        facts=tuple(facts),
        notes=tuple(notes),
    )


def register(router: Registrar) -> None:
    router.add(
        "pipeline_summary",
        handle_pipeline_summary,
        access="read",
        summary="Open deals by stage, what's closing, and stale deals",
        examples=("what's in my pipeline?", "/pipeline"),
    )

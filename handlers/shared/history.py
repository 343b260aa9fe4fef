"""A deal's history: every change is one log batch and one row of what the deal was before."""

from __future__ import annotations

from handlers.shared.context import Context
from storage.models import Deal, DealStageChange, LogBatch


async def new_batch(ctx: Context, kind: str, summary: str) -> LogBatch:
    """One logged message: what a single undo takes back."""
    batch = LogBatch(
        workspace_id=ctx.actor.workspace_id,
        user_id=ctx.actor.user_id,
        kind=kind,
        summary=summary[:500],
        created_at=ctx.now,
    )
    ctx.session.add(batch)
    await ctx.session.flush()
    return batch


async def record(ctx: Context, deal: Deal, before: Deal | None, summary: str) -> int:
    """Write the change's undo unit and history row; `before` None when the deal is new."""
    batch = await new_batch(ctx, "deal", summary)
    ctx.session.add(
        DealStageChange(
            workspace_id=ctx.actor.workspace_id,
            deal_id=deal.id,
            batch_id=batch.id,
            changed_by=ctx.actor.user_id,
            from_stage=before.stage if before else None,
            to_stage=deal.stage,
            prev_amount_minor=before.amount_minor if before else None,
            prev_currency=before.currency if before else None,
            prev_close_date=before.close_date if before else None,
            prev_closed_at=before.closed_at if before else None,
            prev_name=before.name if before else None,
            prev_lost_reason=before.lost_reason if before else None,
            created_deal=before is None,
            changed_at=ctx.now,
        )
    )
    await ctx.session.flush()
    return batch.id

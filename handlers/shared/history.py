"""A deal's history: every change is one log batch and one row of what the deal was before."""

from __future__ import annotations

from typing import cast

from sqlalchemy import Table, insert

from handlers.shared.context import Context
from storage.direct import Direct
from storage.models import Deal, DealStageChange, LogBatch

# Built once, on the table (no ORM bulk-insert machinery): the log path's hot write (issue 18).
_BATCHES = cast(Table, LogBatch.__table__)
_NEW_BATCH = Direct(insert(_BATCHES).returning(_BATCHES.c.id))


async def new_batch(ctx: Context, kind: str, summary: str) -> int:
    """One logged message (what a single undo takes back); its id."""
    values = {
        "workspace_id": ctx.actor.workspace_id,
        "user_id": ctx.actor.user_id,
        "kind": kind,
        "summary": summary[:500],
        "created_at": ctx.now,
    }
    return int(await _NEW_BATCH.scalar(ctx.session, values))


async def record(ctx: Context, deal: Deal, before: Deal | None, summary: str) -> int:
    """Write the change's undo unit and history row; `before` None when the deal is new."""
    batch_id = await new_batch(ctx, "deal", summary)
    ctx.session.add(
        DealStageChange(
            workspace_id=ctx.actor.workspace_id,
            deal_id=deal.id,
            batch_id=batch_id,
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
    return batch_id

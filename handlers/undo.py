"""Take back the asker's last log (within 24 hours): soft delete, audited."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from core.messages import Reply
from handlers.contract import Registrar
from handlers.shared.audit import audit
from handlers.shared.context import Context
from handlers.shared.errors import NotFound
from nlp.intent import Intent
from storage.models import Activity, Deal, DealStageChange, LogBatch

UNDO_WINDOW = timedelta(hours=24)


async def handle_undo(intent: Intent, ctx: Context) -> Reply:
    query = select(LogBatch).where(
        LogBatch.workspace_id == ctx.actor.workspace_id,
        LogBatch.user_id == ctx.actor.user_id,
        LogBatch.undone_at.is_(None),
        LogBatch.created_at >= ctx.now - UNDO_WINDOW,
    )
    batch_id = intent.slots.get("batch")
    if isinstance(batch_id, int):
        query = query.where(LogBatch.id == batch_id)
    batch = await ctx.session.scalar(
        query.order_by(LogBatch.created_at.desc(), LogBatch.id.desc()).limit(1)
    )
    if batch is None:
        raise NotFound(
            "Nothing to undo: that log is already undone or older than 24 hours."
            if batch_id is not None
            else "Nothing to undo from the last 24 hours."
        )
    batch.undone_at = ctx.now
    if batch.kind == "activity":
        await ctx.session.execute(
            update(Activity)
            .where(Activity.batch_id == batch.id, Activity.workspace_id == ctx.actor.workspace_id)
            .values(deleted_at=ctx.now)
        )
    else:
        await _revert_deal(ctx, batch.id)
    audit(ctx, "undo", batch=batch.id, summary=batch.summary)
    return Reply(text=f"↩️ Undone: {batch.summary}.")


async def _revert_deal(ctx: Context, batch_id: int) -> None:
    change = await ctx.session.scalar(
        select(DealStageChange).where(
            DealStageChange.batch_id == batch_id,
            DealStageChange.workspace_id == ctx.actor.workspace_id,
        )
    )
    if change is None:
        return
    deal = await ctx.session.get(Deal, change.deal_id)
    if deal is None or deal.workspace_id != ctx.actor.workspace_id:
        return
    if change.created_deal:
        deal.deleted_at = ctx.now
        return
    deal.stage = change.from_stage or deal.stage
    deal.amount_minor = change.prev_amount_minor
    deal.close_date = change.prev_close_date
    deal.closed_at = change.prev_closed_at
    deal.updated_at = ctx.now


def register(router: Registrar) -> None:
    router.add(
        "undo",
        handle_undo,
        access="self",
        summary="Take back your last log (within 24 hours)",
        examples=("undo",),
    )

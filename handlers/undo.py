"""Take back the asker's last log (within 24 hours): soft delete, audited; a deal change that
later changes built on is undone with them (after asking), never restored over them."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from core.messages import Reply
from handlers.contract import Registrar
from handlers.shared.asks import Choose, Option
from handlers.shared.audit import audit
from handlers.shared.context import Context
from handlers.shared.errors import NotFound, UserError
from nlp.intent import Intent
from storage.models import Activity, Deal, DealStageChange, LogBatch, User

UNDO_WINDOW = timedelta(hours=24)
CASCADE = "cascade"
KEEP = "keep"


async def handle_undo(intent: Intent, ctx: Context) -> Reply:
    if intent.slots.get(KEEP) is True:
        return Reply(text="OK, nothing undone.")
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
    undone = [batch]
    if batch.kind == "activity":
        await ctx.session.execute(
            update(Activity)
            .where(Activity.batch_id == batch.id, Activity.workspace_id == ctx.actor.workspace_id)
            .values(deleted_at=ctx.now)
        )
    else:
        undone = await _revert_deal(ctx, batch, intent.slots.get(CASCADE) is True)
    for each in undone:
        each.undone_at = ctx.now
        audit(ctx, "undo", batch=each.id, summary=each.summary)
    if len(undone) == 1:
        return Reply(text=f"↩️ Undone: {batch.summary}.")
    listed = "; ".join(b.summary for b in undone)
    return Reply(text=f"↩️ Undone {len(undone)} changes, newest first: {listed}.")


async def _revert_deal(ctx: Context, batch: LogBatch, cascade: bool) -> list[LogBatch]:
    """Restore the deal as it was before `batch`; later live changes first (or ask)."""
    change = await ctx.session.scalar(
        select(DealStageChange).where(
            DealStageChange.batch_id == batch.id,
            DealStageChange.workspace_id == ctx.actor.workspace_id,
        )
    )
    if change is None:
        return [batch]
    deal = await ctx.session.get(Deal, change.deal_id)
    if deal is None or deal.workspace_id != ctx.actor.workspace_id:
        return [batch]
    later = (
        await ctx.session.execute(
            select(DealStageChange, LogBatch)
            .join(LogBatch, LogBatch.id == DealStageChange.batch_id)
            .where(
                DealStageChange.deal_id == deal.id,
                DealStageChange.id > change.id,
                LogBatch.undone_at.is_(None),
            )
            .order_by(DealStageChange.id.desc())
        )
    ).all()
    others = [b for _, b in later if b.user_id != ctx.actor.user_id]
    if others:
        who = await ctx.session.get(User, others[0].user_id)
        raise UserError(
            f"I can't undo that: {who.name if who else 'someone'} changed the deal after it "
            f"({others[0].summary}), and undoing yours would overwrite theirs."
        )
    if later and not cascade:
        listed = "; ".join(b.summary for _, b in later)
        raise Choose(
            f"Later changes build on that one ({listed}). Undoing it alone would overwrite "
            f"them. Undo {'it' if len(later) == 1 else 'them'} too?",
            [
                Option(f"Undo all {len(later) + 1}", {"batch": batch.id, CASCADE: True}),
                Option("Keep everything", {KEEP: True}),
            ],
        )
    for older, _ in later:
        _restore(ctx, deal, older)
    _restore(ctx, deal, change)
    return [*(b for _, b in later), batch]


def _restore(ctx: Context, deal: Deal, change: DealStageChange) -> None:
    deal.updated_at = ctx.now
    if change.created_deal:
        deal.deleted_at = ctx.now
        return
    deal.stage = change.from_stage or deal.stage
    deal.amount_minor = change.prev_amount_minor
    deal.currency = change.prev_currency or deal.currency
    deal.close_date = change.prev_close_date
    deal.closed_at = change.prev_closed_at
    deal.name = change.prev_name
    deal.lost_reason = change.prev_lost_reason


def register(router: Registrar) -> None:
    router.add(
        "undo",
        handle_undo,
        access="self",
        summary="Take back your last log (within 24 hours)",
        examples=("undo",),
    )

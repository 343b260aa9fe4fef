"""Create or move a deal by account; every change is recorded, won/lost close the deal."""

from __future__ import annotations

from sqlalchemy import select

from core.actions import ActionId, FormId
from core.messages import Button, Fact, Reply
from core.money import fmt, to_minor
from core.sales import OPEN_STAGES, STAGE_LABEL, STAGES
from handlers.contract import Registrar
from handlers.shared.audit import audit
from handlers.shared.context import Context
from handlers.shared.errors import UserError
from handlers.shared.forms import log_form
from handlers.shared.limits import check_amount, check_name, parse_day
from nlp.intent import Intent
from storage.accounts import account_named
from storage.models import Deal, DealStageChange, LogBatch

CLOSED = ("won", "lost")


async def handle_log_deal(intent: Intent, ctx: Context) -> Reply:
    slots = intent.slots
    name = check_name(slots.get("account"), "account")
    if not name:
        if not slots:
            return log_form(FormId.LOG_DEAL)
        raise UserError(
            "Which account is the deal with? Say e.g. `closed Initech for $24k`.",
        )
    stage = slots.get("stage")
    if stage is not None and stage not in STAGES:
        raise UserError("Stages are prospecting, qualification, proposal, negotiation, won, lost.")
    amount = slots.get("amount")
    currency = str(slots.get("currency") or ctx.workspace.currency).upper()
    minor = to_minor(check_amount(amount), currency) if amount is not None else None
    close_date = parse_day(slots.get("close_date"), "close date")

    account = await account_named(ctx.session, ctx.actor.workspace_id, name)
    deal = await ctx.session.scalar(
        select(Deal)
        .where(
            Deal.workspace_id == ctx.actor.workspace_id,
            Deal.owner_id == ctx.actor.user_id,
            Deal.account_id == account.id,
            Deal.stage.in_(OPEN_STAGES),
            Deal.deleted_at.is_(None),
        )
        .order_by(Deal.updated_at.desc())
        .limit(1)
    )
    created = deal is None
    if deal is None:
        deal = Deal(
            workspace_id=ctx.actor.workspace_id,
            owner_id=ctx.actor.user_id,
            account_id=account.id,
            stage=stage or "prospecting",
            currency=currency,
            created_at=ctx.now,
            updated_at=ctx.now,
        )
        ctx.session.add(deal)
        previous_stage = None
    else:
        previous_stage = deal.stage
        if minor is not None and deal.amount_minor is not None and deal.currency != currency:
            raise UserError(
                f"The {account.name} deal is in {deal.currency}; log the amount in {deal.currency}."
            )
        if stage is None and minor is None and close_date is None:
            raise UserError(
                f"What changed on the {account.name} deal? A stage, amount or close date."
            )
    change = DealStageChange(
        workspace_id=ctx.actor.workspace_id,
        changed_by=ctx.actor.user_id,
        from_stage=previous_stage,
        to_stage=stage or deal.stage,
        prev_amount_minor=None if created else deal.amount_minor,
        prev_close_date=None if created else deal.close_date,
        prev_closed_at=None if created else deal.closed_at,
        created_deal=created,
        changed_at=ctx.now,
    )
    if stage:
        deal.stage = stage
    if minor is not None:
        deal.amount_minor, deal.currency = minor, currency
    if close_date:
        deal.close_date = close_date
    if deal.stage in CLOSED:
        deal.closed_at = ctx.now
        deal.close_date = deal.close_date or ctx.today
    deal.updated_at = ctx.now
    await ctx.session.flush()
    batch = LogBatch(
        workspace_id=ctx.actor.workspace_id,
        user_id=ctx.actor.user_id,
        kind="deal",
        summary=f"{account.name} deal ({STAGE_LABEL[deal.stage]})",
        created_at=ctx.now,
    )
    ctx.session.add(batch)
    await ctx.session.flush()
    change.deal_id, change.batch_id = deal.id, batch.id
    ctx.session.add(change)
    audit(ctx, "log_deal", deal=deal.id, stage=deal.stage, amount_minor=deal.amount_minor)
    return _confirmation(deal, account.name, created, previous_stage, batch.id)


def _confirmation(
    deal: Deal, account: str, created: bool, previous: str | None, batch_id: int
) -> Reply:
    amount = (
        fmt(deal.amount_minor, deal.currency) if deal.amount_minor is not None else "no amount yet"
    )
    if deal.stage == "won":
        text = f"🎉 Closed-won: {account} for {amount}. Nice work!"
    elif deal.stage == "lost":
        text = f"Logged {account} as closed-lost. On to the next one."
    elif created:
        text = f"🆕 New deal: {account}, {amount}, stage {STAGE_LABEL[deal.stage]}."
    elif previous != deal.stage:
        before = STAGE_LABEL[previous or "prospecting"]
        text = f"➡️ {account} moved from {before} to {STAGE_LABEL[deal.stage]}."
    else:
        text = f"✏️ Updated the {account} deal."
    facts = [
        Fact("Account", account),
        Fact("Stage", STAGE_LABEL[deal.stage]),
        Fact("Amount", amount),
    ]
    if deal.close_date:
        facts.append(Fact("Close date", f"{deal.close_date:%d %b %Y}"))
    return Reply(
        text=text,
        facts=tuple(facts),
        buttons=(
            Button("Undo", ActionId.UNDO, str(batch_id), style="danger"),
            Button("Log another", ActionId.OPEN_DEAL_FORM),
        ),
    )


def register(router: Registrar) -> None:
    router.add(
        "log_deal",
        handle_log_deal,
        access="self",
        summary="Create or move a deal",
        examples=("closed Initech for $24k", "new opp Globex 40k closing end of month"),
    )

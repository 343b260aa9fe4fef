"""Create, move or edit a deal by account; every change is recorded, won/lost close it."""

from __future__ import annotations

from datetime import date, timedelta

from core.actions import ActionId, FormId
from core.messages import Button, Fact, Reply
from core.money import fmt, to_minor
from core.sales import STAGE_LABEL
from handlers.contract import Registrar
from handlers.shared.accounts import DEAL_NAME, Resolved, resolve_account
from handlers.shared.asks import Doubt, confirmed
from handlers.shared.audit import audit
from handlers.shared.bounds import amount_doubts, date_doubts
from handlers.shared.context import Context
from handlers.shared.deals import (
    CLOSED,
    Found,
    Wanted,
    amount_text,
    deal_label,
    find_deal,
    read_stage,
)
from handlers.shared.errors import UserError
from handlers.shared.forms import log_form
from handlers.shared.fx import check_currency
from handlers.shared.history import record
from handlers.shared.limits import (
    MAX_REASON,
    check_amount,
    check_close_date,
    check_name,
    parse_day,
)
from nlp.intent import Intent
from storage.fx import rates
from storage.models import Deal


async def handle_log_deal(intent: Intent, ctx: Context) -> Reply:
    slots = intent.slots
    written = check_name(slots.get("account"), "account")
    if not written:
        if not slots:
            return log_form(FormId.LOG_DEAL)
        raise UserError("Which account is the deal with? Say e.g. `closed Initech for $24k`.")
    stage = read_stage(slots.get("stage"))
    base = ctx.workspace.currency
    currency = check_currency(
        slots.get("currency"), base, await rates(ctx.session, ctx.actor.workspace_id)
    )
    amount = check_amount(slots["amount"]) if slots.get("amount") is not None else None
    close_date = check_close_date(parse_day(slots.get("close_date"), "close date"), ctx.today)
    reason = check_name(slots.get("lost_reason"), "loss reason")
    if reason and len(reason) > MAX_REASON:
        reason = reason[:MAX_REASON]
    resolved = await resolve_account(intent, ctx, written)
    name = check_name(slots.get(DEAL_NAME) or resolved.rest or None, "deal")
    rough = to_minor(amount, currency or base) if amount is not None else None
    want = Wanted(stage, rough, currency, reason, name, slots.get("deal"))
    found = await find_deal(ctx, resolved.account, want)
    if found.deal is None and stage != "prospecting" and not slots.get(DEAL_NAME):
        name = None  # words after the account name a new deal only when one is opened
    if found.repeat and found.deal is not None:
        return _already(found.deal, resolved)
    deal = found.deal
    deal_currency = currency or (deal.currency if deal else base)
    if deal and currency not in (None, deal.currency) and deal.amount_minor is not None:
        label = deal_label(deal, resolved.account.name)
        raise UserError(
            f"The {label} deal is in {deal.currency}; each deal keeps its currency. "
            f"Say the amount in {deal.currency}, or `new deal {label} …` for another deal."
        )
    minor = to_minor(amount, deal_currency) if amount is not None else None
    if deal and not (stage or minor is not None or close_date or reason):
        raise UserError(
            f"What changed on the {deal_label(deal, resolved.account.name)} deal? "
            "A stage, amount, close date, or why it was lost."
        )
    stays_closed = deal is not None and deal.stage in CLOSED and stage in (None, *CLOSED)
    if deal and stays_closed and close_date and close_date > ctx.today:
        # A closed deal's close date is the day it closed: a later one would be said as
        # changed and then put back (the deal closed today, not on that date).
        label = deal_label(deal, resolved.account.name)
        raise UserError(
            f"The {label} deal is already {STAGE_LABEL[deal.stage].lower()}"
            + (f" (closed {deal.close_date:%d %b %Y})" if deal.close_date else "")
            + ": its close date is the day it closed. For a new opportunity, say "
            + f"`new deal {label} 20k closing mid jan`."
        )
    if not confirmed(intent):
        doubts = date_doubts(close_date, ctx.today)
        if minor is not None:
            doubts = await amount_doubts(ctx, minor, deal_currency, deal.id if deal else None) + (
                doubts
            )
        if doubts:
            raise Doubt(doubts)
    return await _save(ctx, resolved, found, stage, minor, deal_currency, close_date, reason, name)


async def _save(
    ctx: Context,
    resolved: Resolved,
    found: Found,
    stage: str | None,
    minor: int | None,
    currency: str,
    close_date: date | None,
    reason: str | None,
    name: str | None,
) -> Reply:
    deal = found.deal
    if deal is None:
        deal = Deal(
            workspace_id=ctx.actor.workspace_id,
            owner_id=ctx.actor.user_id,
            account_id=resolved.account.id,
            stage=stage or "prospecting",
            currency=currency,
            name=name,
            closed_at=ctx.now if stage in CLOSED else None,
            created_at=ctx.now,
            updated_at=ctx.now,
        )
        ctx.session.add(deal)
        await ctx.session.flush()
        before = None
    else:
        before = _snapshot(deal)
    label = deal_label(deal, resolved.account.name)
    edits = _apply(ctx, deal, stage, minor, currency, close_date, reason)
    if deal.stage in CLOSED and (deal.close_date is None or deal.close_date > ctx.today):
        # Won or lost ahead of the date expected: it closed today, not on that date.
        deal.close_date = ctx.today
    deal.updated_at = ctx.now
    batch_id = await record(ctx, deal, before, f"{label} deal ({STAGE_LABEL[deal.stage]})")
    audit(ctx, "log_deal", deal=deal.id, stage=deal.stage, amount_minor=deal.amount_minor)
    return _confirmation(deal, label, resolved, before, edits, batch_id)


def _snapshot(deal: Deal) -> Deal:
    """The deal as it was: what the history row keeps and the reply compares against."""
    return Deal(
        stage=deal.stage,
        amount_minor=deal.amount_minor,
        currency=deal.currency,
        close_date=deal.close_date,
        closed_at=deal.closed_at,
        name=deal.name,
        lost_reason=deal.lost_reason,
    )


def _apply(
    ctx: Context,
    deal: Deal,
    stage: str | None,
    minor: int | None,
    currency: str,
    close_date: date | None,
    reason: str | None,
) -> list[str]:
    edits = []
    if minor is not None and (minor, currency) != (deal.amount_minor, deal.currency):
        edits.append(f"amount {amount_text(deal)} → {fmt(minor, currency)}")
        deal.amount_minor, deal.currency = minor, currency
    if close_date and close_date != deal.close_date:
        was = f"{deal.close_date:%d %b %Y}" if deal.close_date else "not set"
        edits.append(f"close date {was} → {close_date:%d %b %Y}")
        deal.close_date = close_date
    if stage and stage != deal.stage:
        if stage in CLOSED:
            deal.closed_at = ctx.now
        elif deal.stage in CLOSED:
            deal.closed_at = None  # reopened
        deal.stage = stage
    if close_date and close_date < ctx.today and deal.stage in CLOSED:
        # "closed Initech yesterday": revenue is counted by when it closed (closed_at), so
        # the deal closed at this hour of that day, in the month it belongs to.
        deal.closed_at = ctx.now - timedelta(days=(ctx.today - close_date).days)
    if deal.stage != "lost":
        deal.lost_reason = None
    elif reason and reason != deal.lost_reason:
        edits.append(f"reason: {reason}")
        deal.lost_reason = reason
    return edits


def _confirmation(
    deal: Deal,
    label: str,
    resolved: Resolved,
    before: Deal | None,
    edits: list[str],
    batch_id: int,
) -> Reply:
    amount = amount_text(deal) if deal.amount_minor is not None else "no amount yet"
    moved = before is not None and before.stage != deal.stage
    if deal.stage == "won" and (before is None or moved):
        text = f"🎉 Closed-won: {label} for {amount}. Nice work!"
    elif deal.stage == "lost" and (before is None or moved):
        why = f" ({deal.lost_reason})" if deal.lost_reason else ""
        text = f"Logged {label} as closed-lost{why}. On to the next one."
    elif before is None:
        text = f"🆕 New deal: {label}, {amount}, stage {STAGE_LABEL[deal.stage]}."
    elif moved:
        text = f"➡️ {label} moved from {STAGE_LABEL[before.stage]} to {STAGE_LABEL[deal.stage]}."
    elif edits:
        text = f"✏️ {label}: {'; '.join(edits)}."
    else:
        text = f"✏️ The {label} deal already says that; nothing changed."
    facts = [
        Fact("Account", resolved.account.name),
        Fact("Stage", STAGE_LABEL[deal.stage]),
        Fact("Amount", amount),
    ]
    if deal.close_date:
        facts.append(Fact("Close date", f"{deal.close_date:%d %b %Y}"))
    if deal.lost_reason:
        facts.append(Fact("Loss reason", deal.lost_reason))
    notes = [resolved.note] if resolved.note else []
    if moved and edits:
        notes.append("Also changed: " + "; ".join(edits) + ".")
    return Reply(
        text=text,
        facts=tuple(facts),
        notes=tuple(notes),
        buttons=(
            Button("Undo", ActionId.UNDO, str(batch_id), style="danger"),
            Button("Log another", ActionId.OPEN_DEAL_FORM),
        ),
    )


def _already(deal: Deal, resolved: Resolved) -> Reply:
    label = deal_label(deal, resolved.account.name)
    on = f"{deal.closed_at:%a %d %b}" if deal.closed_at else "already"
    if deal.stage == "won":
        text = f"🎉 Already logged: {label} closed-won for {amount_text(deal)} on {on}."
    else:
        text = f"Already logged: {label} closed-lost on {on}."
    return Reply(text=text + " Nothing new saved.", facts=(Fact("Account", resolved.account.name),))


def register(router: Registrar) -> None:
    router.add(
        "log_deal",
        handle_log_deal,
        access="self",
        summary="Create, move or edit a deal",
        examples=(
            "closed Initech for $24k",
            "new opp Globex 40k closing end of month",
            "Globex pushed to Q1",
            "lost Hooli - went with Salesforce",
        ),
    )

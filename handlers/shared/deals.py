"""Which deal a message is about: the account's open deal, asked when several, won once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from core.money import fmt
from core.sales import OPEN_STAGES, STAGE_LABEL, STAGES
from handlers.shared.asks import Choose, Option
from handlers.shared.context import Context
from handlers.shared.errors import NotFound, UserError
from storage.accounts import match_key
from storage.models import Account, Deal

CLOSED = ("won", "lost")
# A second "won"/"lost" for the same account this soon is the same news, not a new deal.
SAME_EVENT = timedelta(days=7)
# An edit with no open deal may still correct a deal closed this recently.
RECENTLY_CLOSED = timedelta(days=30)
# The button value that opens another deal beside the open ones.
NEW = "new"


def read_stage(value: object) -> str | None:
    """A stage by name or by its number in the pipeline (1 prospecting .. 6 lost)."""
    if value is None or value == "":
        return None
    text = str(value).strip().lower().removeprefix("stage").strip()
    if text.isdigit() and 1 <= int(text) <= len(STAGES):
        return STAGES[int(text) - 1]
    if text in STAGES:
        return text
    numbered = ", ".join(f"{i} {s}" for i, s in enumerate(STAGES, 1))
    raise UserError(f"Stages are {numbered}.")


def deal_label(deal: Deal, account: str) -> str:
    return f"{account} {deal.name}" if deal.name else account


def amount_text(deal: Deal) -> str:
    return fmt(deal.amount_minor, deal.currency) if deal.amount_minor is not None else "no amount"


def describe(deal: Deal, account: str) -> str:
    """ "Acme Corp renewal — $20,000, Proposal": how a button tells deals apart."""
    return f"{deal_label(deal, account)} — {amount_text(deal)}, {STAGE_LABEL[deal.stage]}"


@dataclass(frozen=True)
class Wanted:
    """What the message says about the deal."""

    stage: str | None
    minor: int | None
    currency: str | None
    reason: str | None
    name: str | None
    pick: object


@dataclass(frozen=True)
class Found:
    """The deal to change (None: open a new one); `repeat` when it already says this."""

    deal: Deal | None
    repeat: bool = False


async def find_deal(ctx: Context, account: Account, want: Wanted) -> Found:
    if want.pick == NEW:
        return Found(None)
    if isinstance(want.pick, int) and not isinstance(want.pick, bool):
        return Found(await _picked(ctx, want.pick))
    deals = await _deals(ctx, account)
    open_deals = [d for d in deals if d.stage in OPEN_STAGES]
    if want.name:
        key = match_key(want.name)
        named = [d for d in open_deals if d.name and match_key(d.name) == key]
        if named:
            open_deals = named
        elif want.stage == "prospecting":
            return Found(None)  # "new opp Acme renewal": a deal beside the others
        # Otherwise the words were not a deal's name ("cyberdyne amount"): the account's.
    if not open_deals:
        return _closed(ctx, account, want, [d for d in deals if d.stage in CLOSED])
    if want.stage == "prospecting":
        return _another(account, want, open_deals)
    if len(open_deals) == 1:
        return Found(open_deals[0])
    same_currency = [d for d in open_deals if d.currency == want.currency]
    if want.currency and len(same_currency) == 1:
        return Found(same_currency[0])
    raise Choose(
        f"You have {len(open_deals)} open deals with {account.name}. Which one?",
        [Option(describe(d, account.name), {"deal": d.id}) for d in open_deals],
    )


async def _picked(ctx: Context, deal_id: int) -> Deal:
    deal = await ctx.session.get(Deal, deal_id)
    if (
        deal is None
        or deal.workspace_id != ctx.actor.workspace_id
        or deal.owner_id != ctx.actor.user_id
        or deal.deleted_at is not None
    ):
        raise NotFound("That deal is gone or isn't yours; say which account you mean.")
    return deal


async def _deals(ctx: Context, account: Account) -> list[Deal]:
    """The asker's deals with the account: open ones, and those closed recently."""
    rows = await ctx.session.scalars(
        select(Deal)
        .where(
            Deal.workspace_id == ctx.actor.workspace_id,
            Deal.owner_id == ctx.actor.user_id,
            Deal.account_id == account.id,
            Deal.deleted_at.is_(None),
            Deal.stage.in_(OPEN_STAGES) | (Deal.closed_at >= ctx.now - RECENTLY_CLOSED),
        )
        .order_by(Deal.updated_at.desc(), Deal.id.desc())
    )
    return list(rows.all())


def _closed(ctx: Context, account: Account, want: Wanted, closed: list[Deal]) -> Found:
    if want.stage in CLOSED:
        recent = [
            d
            for d in closed
            if d.stage == want.stage
            and d.closed_at is not None
            and d.closed_at >= ctx.now - SAME_EVENT
        ]
        if not recent:
            return _flip(
                account,
                want,
                [d for d in closed if d.closed_at and d.closed_at >= ctx.now - SAME_EVENT],
            )
        deal = recent[0]
        assert deal.closed_at is not None
        if want.minor is None or (want.minor, want.currency) == (deal.amount_minor, deal.currency):
            changes_reason = want.reason is not None and want.reason != deal.lost_reason
            return Found(deal, repeat=not changes_reason)
        shown = fmt(want.minor, want.currency or deal.currency)
        raise Choose(
            f"You logged {describe(deal, account.name)} on {_day(deal.closed_at.date())}. "
            f"Is {shown} a correction, or another deal?",
            [
                Option(f"Correct it to {shown}", {"deal": deal.id}),
                Option(f"Another deal for {shown}", {"deal": NEW}),
            ],
        )
    if closed and want.stage is None:
        return Found(closed[0])  # "update Hooli amount to 45k" right after winning it
    if want.stage is None and want.minor is None:
        raise NotFound(
            f"You have no open deal with {account.name}. "
            f"Start one with `new opp {account.name} 40k`."
        )
    return Found(None)


def _flip(account: Account, want: Wanted, just_closed: list[Deal]) -> Found:
    """ "lost Globex" right after winning it: a correction of that deal, or another deal?"""
    if not just_closed:
        return Found(None)
    deal = just_closed[0]
    assert deal.closed_at is not None and want.stage is not None
    now = STAGE_LABEL[want.stage].lower()
    raise Choose(
        f"You logged {describe(deal, account.name)} on {_day(deal.closed_at.date())}. "
        f"Mark that deal {now}, or log another {now} deal?",
        [
            Option(f"Mark it {now}", {"deal": deal.id}),
            Option(f"Another {now} deal", {"deal": NEW}),
        ],
    )


def _another(account: Account, want: Wanted, open_deals: list[Deal]) -> Found:
    """ "new deal with X": the open deal said again, or a second deal beside it."""
    if want.currency and all(d.currency != want.currency for d in open_deals):
        return Found(None)  # a deal in another currency is another deal
    if len(open_deals) == 1 and (want.minor is None or want.minor == open_deals[0].amount_minor):
        return Found(open_deals[0])
    shown = fmt(want.minor, want.currency or open_deals[0].currency) if want.minor else "it"
    raise Choose(
        f"You already have {len(open_deals)} open deal{'s' if len(open_deals) > 1 else ''} "
        f"with {account.name}. Update one to {shown}, or open another?",
        [
            *(Option(f"Update {describe(d, account.name)}", {"deal": d.id}) for d in open_deals),
            Option("🆕 Another deal", {"deal": NEW}),
        ],
    )


def _day(day: date) -> str:
    return f"{day:%a %d %b}"

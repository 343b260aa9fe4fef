"""Which account a rep means: one clear match is used, several are asked, none is created."""

from __future__ import annotations

from dataclasses import dataclass

from handlers.shared.asks import Choose, Option
from handlers.shared.context import Context
from nlp.intent import Intent
from storage.accounts import account_named, find_account, match, workspace_accounts
from storage.models import Account

# A button's request names its account exactly, or says "make this a new account".
NEW_ACCOUNT = "new_account"
DEAL_NAME = "deal_name"


@dataclass(frozen=True)
class Resolved:
    account: Account
    created: bool
    # What the person wrote when it was not the account's name ("Acme" for "Acme Corp").
    written: str
    # Words after a whole account name: the deal's name ("Acme renewal" -> "renewal").
    rest: str = ""

    @property
    def note(self) -> str | None:
        """What the reply says about the account, when it is news or a guess."""
        if self.created:
            return f"🆕 new account {self.account.name}"
        if self.written.casefold() != self.account.name.casefold() and not self.rest:
            return f"“{self.written}” is {self.account.name}"
        return None


async def resolve_account(intent: Intent, ctx: Context, written: str) -> Resolved:
    ws = ctx.actor.workspace_id
    if intent.slots.get(NEW_ACCOUNT) is True:
        return await _named(ctx, written)
    # The exact name first, from the index: match() would pick it too, after reading every
    # account of the workspace (thousands on a big floor).
    exact = await find_account(ctx.session, ws, written)
    if exact is not None:
        return Resolved(exact, False, written)
    accounts = await workspace_accounts(ctx.session, ws)
    found = match(written, [a.name for a in accounts])
    if not found.candidates:
        return await _named(ctx, written)
    if found.clear is not None:
        return Resolved(accounts[found.clear], False, written, found.rest)
    options = [
        Option(accounts[i].name, {"account": accounts[i].name, DEAL_NAME: found.rest or None})
        for i in found.candidates
    ]
    names = ", ".join(o.label for o in options[:-1]) + f" or {options[-1].label}"
    raise Choose(
        f"“{written}” could be {names}. Which account?",
        [*options[:4], Option(f"🆕 New account “{written}”", {NEW_ACCOUNT: True})],
    )


async def _named(ctx: Context, written: str) -> Resolved:
    known = await find_account(ctx.session, ctx.actor.workspace_id, written)
    if known is not None:
        return Resolved(known, False, written)
    created = await account_named(ctx.session, ctx.actor.workspace_id, written)
    return Resolved(created, True, written)

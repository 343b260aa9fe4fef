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
# A log naming an account per item ("3 calls to Acme, 2 emails to Globex"), and the names
# a button said to create as new accounts.
ITEM_ACCOUNTS = "accounts"
NEW_ACCOUNTS = "new_accounts"


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


async def resolve_each(
    intent: Intent, ctx: Context, names: list[str | None]
) -> list[Resolved | None]:
    """Each item's account; a name that fits several is asked with buttons that change only
    that name in the request."""
    new = intent.slots.get(NEW_ACCOUNTS)
    created = [n for n in new if isinstance(n, str)] if isinstance(new, list) else []
    found: dict[str, Resolved] = {}
    for name in dict.fromkeys(n for n in names if n):
        if name in created:
            found[name] = await _named(ctx, name)
            continue
        try:
            found[name] = await resolve_account(Intent(intent.name, {}), ctx, name)
        except Choose as asked:
            raise Choose(
                asked.message, [_only(o, names, name, created) for o in asked.options]
            ) from None
    return [found[n] if n else None for n in names]


def _only(option: Option, names: list[str | None], name: str, created: list[str]) -> Option:
    if option.slots.get(NEW_ACCOUNT) is True:
        return Option(option.label, {NEW_ACCOUNTS: [*created, name]})
    chosen = option.slots.get("account")
    return Option(option.label, {ITEM_ACCOUNTS: [chosen if n == name else n for n in names]})

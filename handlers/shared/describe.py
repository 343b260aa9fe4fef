"""Say an intent back in plain words, for confirmations and clarifying questions."""

from __future__ import annotations

from typing import Any

from nlp.intent import Intent

PLURAL = {"call": "calls", "email": "emails", "meeting": "meetings", "demo": "demos"}


def items_text(items: list[dict[str, Any]]) -> str:
    parts = [
        f"{i['count']} {i['activity'] if i['count'] == 1 else PLURAL.get(i['activity'], '')}"
        for i in items
    ]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def items_with(items: list[dict[str, Any]], accounts: list[str | None]) -> str:
    """ "3 calls with Acme Corp, 2 emails with Globex and 1 demo": each run of items said
    with the account it went to."""
    runs: list[tuple[str | None, list[dict[str, Any]]]] = []
    for item, account in zip(items, accounts, strict=True):
        if runs and runs[-1][0] == account:
            runs[-1][1].append(item)
        else:
            runs.append((account, [item]))
    parts = [items_text(run) + (f" with {account}" if account else "") for account, run in runs]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def describe(intent: Intent) -> str:
    s = intent.slots
    items, accounts = s.get("items") or [], s.get("accounts")
    if intent.name == "log_activity" and isinstance(accounts, list) and len(accounts) == len(items):
        text = "log " + items_with(items, accounts)
        if s.get("date"):
            text += f" on {s['date']}"
        return text
    if intent.name == "log_activity":
        text = "log " + (items_text(items) or "activity")
        if s.get("account"):
            text += f" with {s['account']}"
        if s.get("date"):
            text += f" on {s['date']}"
        return text
    if intent.name == "log_deal":
        text = f"record the {s.get('account', 'unnamed')} deal"
        if s.get("stage"):
            text += f" as {s['stage']}"
        if s.get("amount") is not None:
            text += f" at {s.get('currency', '')} {s['amount']:,}".replace("  ", " ")
        return text
    if intent.name == "set_quota":
        who = s.get("subject", "your")
        return (
            f"set {who} {s.get('metric', 'revenue')} quota for "
            f"{str(s.get('period', 'this_month')).replace('_', ' ')} to {s.get('target')}"
        )
    if intent.name == "settings":
        setting = str(s.get("setting", "")).replace("_", " ")
        return f"change your settings: {setting} {s.get('value', '')}".strip()
    if intent.name == "undo":
        return "undo your last log"
    return intent.name.replace("_", " ")

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


def describe(intent: Intent) -> str:
    s = intent.slots
    if intent.name == "log_activity":
        text = "log " + (items_text(s.get("items") or []) or "activity")
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

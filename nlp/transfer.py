"""`/quotabot export|import KIND ...` and "export my team's deals from D to D": CSV in chat."""

from __future__ import annotations

import re

from nlp.intent import Intent

KINDS = ("people", "activities", "deals", "quotas")
_KIND = r"(?P<kind>people|activities|deals|quotas)"
_DAY = r"\d{4}-\d{2}-\d{2}"
# Whose rows: "my team's", "the team's", "team West's", "West's", "everyone's", "all".
_WHOSE = (
    r"(?:(?P<whose>my\s+team|our\s+team|the\s+team|everyone|everybody|all(?:\s+the)?"
    r"|team\s+[\w .&'-]+?|[\w.&'-]+?)(?:'s|’s)?\s+)?"
)
_RANGE = (
    rf"(?:\s+(?:--from\s+|from\s+)(?P<start>{_DAY}))?"
    rf"(?:\s+(?:--to\s+|to\s+|until\s+|through\s+)(?P<end>{_DAY}))?"
)
_TEAM_FLAG = r"(?:\s+(?:--team\s+|for\s+team\s+|team\s+)(?P<team>[\w .&'-]+?))?"
_EXPORT = re.compile(rf"^(?:please\s+)?export\s+{_WHOSE}{_KIND}{_TEAM_FLAG}{_RANGE}$", re.I)
_IMPORT = re.compile(rf"^(?:please\s+)?import\s+(?:(?:these|this|the|my)\s+)?{_KIND}\b.*$", re.I)
_EVERYONE = ("everyone", "everybody", "all", "all the")


def _subject(whose: str | None, team: str | None) -> str | None:
    if team:
        return " ".join(team.split())
    if not whose:
        return None
    words = " ".join(whose.lower().split())
    if words in ("my team", "our team", "the team"):
        return "team"
    if words in _EVERYONE:
        return "everyone"
    if words in ("my", "me"):
        return None
    return " ".join(re.sub(r"^team\s+", "", whose, flags=re.I).split())


def transfer(text: str) -> Intent | None:
    """An export or import request, or None; the router checks who may do it."""
    body = " ".join(text.strip().rstrip(".!").split())
    found = _EXPORT.match(body)
    if found:
        slots: dict[str, object] = {"kind": found["kind"].lower()}
        subject = _subject(found["whose"], found["team"])
        if subject:
            slots["subject"] = subject
        if found["start"]:
            slots["from"] = found["start"]
        if found["end"]:
            slots["to"] = found["end"]
        return Intent("export_data", slots, 0.95)
    wanted = _IMPORT.match(body)
    if wanted:
        return Intent("import_file", {"kind": wanted["kind"].lower()}, 0.95)
    return None

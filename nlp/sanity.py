"""Values written but unreadable or impossible: noted on the Intent and kept below the bar."""

from __future__ import annotations

import re
from typing import Any, Final

from nlp.analysis import Doc

# The most a write with an odd value may be sure of: below CLARIFY_BELOW, so never unasked.
ODD_VALUE_CONFIDENCE: Final = 0.5


def _bad_count(items: list[dict[str, Any]]) -> bool:
    """A count that is no whole number >= 1 ("-3 calls", "3.5 calls", "1e999 calls")."""
    counts = [item.get("count") for item in items]
    return any(not isinstance(c, int) or c < 1 for c in counts)


# A zone written after "time zone is/to/:" ("my timezone is Mars/Olympus", "tz: Narnia"):
# when none of its words is a zone we know, it is named back as unknown, not asked about.
_ZONE_GIVEN: Final = re.compile(
    r"\b(?:tz|time\s*zone|time-zone)\b\s*(?:is|to|=|:|as|->)\s*[\"'`]?[A-Za-z]", re.IGNORECASE
)


def odd_value(doc: Doc, name: str, slots: dict[str, Any]) -> str | None:
    """The note for a write whose amount, count or date was written but cannot be taken:
    "bad_amount" ("$NaN", "$1e309": the amount slot is absent), "bad_count" (the count is
    kept as written), "bad_date" ("on Feb 30": the date slot is absent) or "bad_zone" ("my
    time zone is Mars/Olympus": the value slot is absent)."""
    unreadable = any(not m.readable for m in doc.money)
    if name == "log_deal" and unreadable and "amount" not in slots:
        return "bad_amount"
    if name == "set_quota" and unreadable and "target" not in slots:
        return "bad_amount"
    if name == "log_activity" and _bad_count(slots.get("items") or []):
        return "bad_count"
    if name in ("log_activity", "log_deal") and doc.bad_dates:
        return "bad_date"
    if name == "settings" and slots.get("setting") == "timezone" and "value" not in slots:
        return "bad_zone" if _ZONE_GIVEN.search(doc.text) else None
    return None


def checked(
    doc: Doc, name: str, slots: dict[str, Any], confidence: float
) -> tuple[dict[str, Any], float, str | None]:
    """The slots, confidence and note once odd values are looked for: a log dated on a day
    that does not exist gets no date (not today's), and any odd value is asked about."""
    note = odd_value(doc, name, slots)
    if note is None:
        return slots, confidence, None
    if note == "bad_date" and name == "log_activity" and not doc.dates:
        slots = {k: v for k, v in slots.items() if k != "date"}
    return slots, min(confidence, ODD_VALUE_CONFIDENCE), note

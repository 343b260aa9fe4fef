"""Which number a read or a target is about: calls, emails, meetings, demos, revenue, deals,
attainment (percent of each person's own target)."""

from __future__ import annotations

import re
from typing import Final

_METRICS: Final = [
    (
        "attainment",
        r"attainment|attain|%\s*(?:of|to|vs\.?)\s*(?:quota|plan|goal|target)"
        r"|percent(?:age)?\s+(?:of|to)\s+(?:quota|plan|goal|target)|fair|fairest|pct\s+of\s+quota"
        r"|relative\s+to\s+(?:quota|target)|against\s+(?:their\s+)?(?:quota|target)s?",
    ),
    ("calls", r"calls?|dials?|callers?|dialers?|phone|cold[- ]?calls?"),
    ("emails", r"e-?mails?|inmails?"),
    ("meetings", r"meetings?|mtgs?"),
    ("demos", r"demos?|walk-?throughs?"),
    (
        "revenue",
        r"revenue|rev|bookings|sales|money|arr|acv|sold|\$|dollars?|closed[\s-]won\s+amount",
    ),
    ("deals", r"deals?|wins|opps?|closes|logos"),
    ("activities", r"activity|activities|active|touches|touchpoints|hustle"),
]
_RX: Final = re.compile(
    "|".join(f"(?P<{name}>(?<![\\w$])(?:{alt})(?![\\w]))" for name, alt in _METRICS)
)
_REVENUE_HINT: Final = re.compile(r"[$€£¥]|\b\d+(?:\.\d+)?\s?(?:k|m|mm|grand)\b", re.IGNORECASE)


_HOW_MUCH: Final = re.compile(
    r"\bhow\s+much\b.*\b(?:closed?|sold|sell|book(?:ed)?|won|brought\s+in)\b|\bdeal\s+size\b"
)


def find_metric(text: str) -> str | None:
    """The first metric word in lower-cased text, or None ("how much ... closed" is revenue)."""
    m = _RX.search(text)
    if m:
        return m.lastgroup
    return "revenue" if _HOW_MUCH.search(text) else None


def target_metric(text: str) -> str:
    """A target's metric: the word named, else revenue (a quota is money unless said)."""
    found = find_metric(text)
    if found == "attainment":
        found = None  # "set quota attainment target": the target is still the quota itself
    if found and found != "revenue" and _REVENUE_HINT.search(text) and found == "deals":
        return "revenue"
    return found or "revenue"

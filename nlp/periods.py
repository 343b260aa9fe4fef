"""Reporting periods ("this qtr", "MTD", "Q1", "last month", "for december") as contract names."""

from __future__ import annotations

import re
from datetime import date
from typing import Final

from nlp.dates import MONTHS

_UNIT = {
    "week": "week", "wk": "week", "wks": "week", "month": "month", "mo": "month",
    "mth": "month", "mnth": "month", "quarter": "quarter", "qtr": "quarter", "q": "quarter",
    "year": "year", "yr": "year", "fy": "year", "fiscal year": "year", "fiscal": "year",
}  # fmt: skip
_UNIT_ALT = "fiscal year|fiscal|quarter|month|week|mnth|year|qtr|wks|mth|wk|mo|yr|fy|q"
_REL: Final = re.compile(
    rf"\b(this|current|the\s+current|last|previous|prev|prior|past|this\s+past|next|upcoming"
    rf"|coming|the\s+next|the\s+last)\s+({_UNIT_ALT})\b"
)
_THE_UNIT: Final = re.compile(
    rf"\b(?:for|in|during|over|so\s+far)\s+the\s+({_UNIT_ALT})\b(?!\s+(?:before|after|of))"
)
_TO_DATE: Final = re.compile(r"\b(wtd|mtd|qtd|ytd)\b|\b(week|month|quarter|year)[- ]to[- ]date\b")
_QUARTER: Final = re.compile(
    r"\b(?:q([1-4])|([1-4])q|(1st|first|2nd|second|3rd|third|4th|fourth)\s+quarter)\b"
    r"(?:\s*(?:fy)?'?(\d{2}|\d{4})\b)?"
)
_ORD = {"1st": 1, "first": 1, "2nd": 2, "second": 2, "3rd": 3, "third": 3, "4th": 4, "fourth": 4}
_MONTH: Final = re.compile(
    r"\b(?:(?:in|for|of|during)\s+(may)|(jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|june?"
    r"|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?))\b(?!\s*\d)"
)
_DAYWORD: Final = re.compile(
    r"\b(today|tdy|tonight|so\s+far\s+today|this\s+(?:morning|afternoon|evening))\b"
    r"|\b(yesterday|yday|yest)\b"
)
_YEAR: Final = re.compile(r"\b(?:in|for|of|during)\s+(20\d\d)\b")
_PREFIX = {
    "this": "this", "current": "this", "the current": "this", "last": "last",
    "previous": "last", "prev": "last", "prior": "last", "past": "last", "this past": "last",
    "the last": "last", "next": "next", "upcoming": "next", "coming": "next", "the next": "next",
}  # fmt: skip
_SHIFT = {0: "this", 1: "next", -1: "last"}


def _relative(diff: int, unit: str) -> str | None:
    word = _SHIFT.get(diff)
    return f"{word}_{unit}" if word else None


def find_period(low: str, today: date) -> str | None:
    """The first period named in lower-cased text, or None."""
    best: tuple[int, str] | None = None

    def offer(pos: int, value: str | None) -> None:
        nonlocal best
        if value and (best is None or pos < best[0]):
            best = (pos, value)

    for m in _REL.finditer(low):
        offer(m.start(), f"{_PREFIX[' '.join(m.group(1).split())]}_{_UNIT[m.group(2)]}")
    for m in _THE_UNIT.finditer(low):
        offer(m.start(), f"this_{_UNIT[m.group(1)]}")  # "for the quarter": the current one
    for m in _TO_DATE.finditer(low):
        key = (m.group(1) or m.group(2))[0]
        offer(
            m.start(),
            {"w": "this_week", "m": "this_month", "q": "this_quarter"}.get(key, "this_year"),
        )
    cur_q = (today.month - 1) // 3
    for m in _QUARTER.finditer(low):
        q = int(m.group(1) or m.group(2) or 0) or _ORD[m.group(3)]
        if m.group(4):
            year = int(m.group(4)) % 100 + 2000
            diff = (year * 4 + q - 1) - (today.year * 4 + cur_q)
        else:
            # A bare quarter is the nearest one: "Q4" in January is last quarter,
            # "Q1" in November the coming one.
            diff = {0: 0, 1: 1, 3: -1}.get((q - 1 - cur_q) % 4, 9)
        offer(m.start(), _relative(diff, "quarter"))
    for m in _MONTH.finditer(low):
        month = MONTHS[(m.group(1) or m.group(2))[:3]]
        diff = (month - today.month) % 12
        offer(m.start(), _relative({0: 0, 1: 1, 11: -1}.get(diff, 9), "month"))
    for m in _DAYWORD.finditer(low):
        offer(m.start(), "today" if m.group(1) else "yesterday")
    for m in _YEAR.finditer(low):
        offer(m.start(), _relative(int(m.group(1)) - today.year, "year"))
    return best[1] if best else None

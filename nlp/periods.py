"""Reporting periods ("this qtr", "MTD", "Q1", "for december", "in October") as contract names."""

from __future__ import annotations

import re
from datetime import date
from typing import Final, Literal

from nlp.dates import MONTHS

# How a month or quarter named without a year is placed: the most recent one for results
# ("how did I do in October?"), the next one for targets ("set my quota for March"), the
# nearest one (last, this or next, else the coming one) for pipeline and forecast.
Lean = Literal["past", "ahead", "near"]

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
    r"\b(?:(last|next)\s+)?(?:q([1-4])|([1-4])q|(1st|first|2nd|second|3rd|third|4th|fourth)"
    r"\s+quarter)\b(?:\s*(?:fy)?'?(\d{2}|\d{4})\b)?"
)
_ORD = {"1st": 1, "first": 1, "2nd": 2, "second": 2, "3rd": 3, "third": 3, "4th": 4, "fourth": 4}
_MONTH: Final = re.compile(
    r"\b(?:(last|next|this)\s+)?(?:(?:in|for|of|during)\s+(may)|(jan(?:uary)?|feb(?:ruary)?|march"
    r"|apr(?:il)?|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?"
    r"|dec(?:ember)?))\b(?:,?\s+(20\d\d)\b)?(?!\s*\d)"
)
_WEEK: Final = re.compile(r"\b(?:week|wk)\s*#?\s*(\d{1,2})\b|\bw(\d{2})\b")
_DAYWORD: Final = re.compile(
    r"\b(today|tdy|tonight|so\s+far\s+today|this\s+(?:morning|afternoon|evening))\b"
    r"|\b(yesterday|yday|yest)\b"
)
# A daily target ("20 activities a day", "/goal 15 calls daily") is set for "today": the
# contract has no daily period, and the handler keeps it as the standing daily goal.
DAILY: Final = re.compile(
    r"\b(?:a|per|each|every)\s+(?:day|working\s+day|business\s+day|workday)\b|\bdaily\b"
    r"|/\s?day\b|\bper\s+diem\b"
)
# "60 calls a week", "weekly goal": a target per week or quarter is set for the current one.
_PER_UNIT: Final = re.compile(
    r"\b(?:a|per|each|every)\s+(week|quarter)\b|\b(week|quarter)ly\b|/\s?(w)(?:ee)?k\b"
)
_YEAR: Final = re.compile(r"\b(?:in|for|of|during)\s+(?:fy\s?)?(20\d\d)\b")
_PREFIX = {
    "this": "this", "current": "this", "the current": "this", "last": "last",
    "previous": "last", "prev": "last", "prior": "last", "past": "last", "this past": "last",
    "the last": "last", "next": "next", "upcoming": "next", "coming": "next", "the next": "next",
}  # fmt: skip
_SHIFT = {0: "this", 1: "next", -1: "last"}


def _relative(diff: int, unit: str) -> str | None:
    word = _SHIFT.get(diff)
    return f"{word}_{unit}" if word else None


def _place(diff: int, size: int, lean: Lean, said: str | None) -> int:
    """How many units ahead (+) or back (-) a month/quarter named without a year lies."""
    ahead = diff % size  # 0 .. size-1 units ahead
    if said == "last":
        return ahead - size if ahead else -size
    if said == "next":
        return ahead or size
    if lean == "past":
        return ahead - size if ahead else 0
    if lean == "near" and ahead == size - 1:
        return -1
    return ahead


def _quarter(m: re.Match[str], today: date, lean: Lean) -> str | None:
    q = int(m.group(2) or m.group(3) or 0) or _ORD[m.group(4)]
    cur = today.year * 4 + (today.month - 1) // 3
    if m.group(5):
        year = int(m.group(5)) % 100 + 2000
        diff = year * 4 + q - 1 - cur
    else:
        diff = _place(q - 1 - cur % 4, 4, lean, m.group(1))
    absolute = cur + diff
    return _relative(diff, "quarter") or f"{absolute // 4}-Q{absolute % 4 + 1}"


def _month(m: re.Match[str], today: date, lean: Lean) -> str | None:
    month = MONTHS[(m.group(2) or m.group(3))[:3]]
    cur = today.year * 12 + today.month - 1
    if m.group(4):
        diff = int(m.group(4)) * 12 + month - 1 - cur
    elif m.group(1) == "this":
        diff = _place(month - today.month, 12, "near", None)
    else:
        diff = _place(month - today.month, 12, lean, m.group(1))
    absolute = cur + diff
    return _relative(diff, "month") or f"{absolute // 12}-{absolute % 12 + 1:02d}"


def _week(m: re.Match[str], today: date, lean: Lean) -> str | None:
    week = int(m.group(1) or m.group(2))
    year, current, _ = today.isocalendar()
    if lean == "past" and week > current:
        year -= 1  # "week 50" asked about in January: last year's
    elif lean == "ahead" and week < current:
        year += 1  # a target for "week 2" set in December: next year's
    try:
        date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    this_monday = today.toordinal() - today.weekday()
    diff = (date.fromisocalendar(year, week, 1).toordinal() - this_monday) // 7
    return _relative(diff, "week") or f"{year}-W{week:02d}"


def find_period(low: str, today: date, lean: Lean = "near") -> str | None:
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
    if "q" in low:
        for m in _QUARTER.finditer(low):
            offer(m.start(), _quarter(m, today, lean))
    for m in _MONTH.finditer(low):
        offer(m.start(), _month(m, today, lean))
    if "w" in low:
        for m in _WEEK.finditer(low):
            offer(m.start(), _week(m, today, lean))
    for m in _DAYWORD.finditer(low):
        offer(m.start(), "yesterday" if m.group(2) else "today")
    if lean == "ahead":
        for m in DAILY.finditer(low):
            offer(m.start(), "today")
        for m in _PER_UNIT.finditer(low):
            unit = m.group(1) or m.group(2) or "week"
            offer(m.start(), f"this_{unit}")
    for m in _YEAR.finditer(low):
        year = int(m.group(1))
        offer(m.start(), _relative(year - today.year, "year") or str(year))
    return best[1] if best else None

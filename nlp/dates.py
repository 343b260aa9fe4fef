"""Relative and explicit dates resolved against "today" with small precompiled rules."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from nlp.numbers import WORD_NUMBER, word_to_int

MONTHS: Final = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTH_RE: Final = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
WEEKDAYS: Final = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
# "sat"/"sun" alone are ordinary words ("sat down with"), so they need a lead-in word.
WEEKDAY_RE: Final = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:s|nesday)?|thu(?:r(?:s(?:day)?)?)?"
    r"|fri(?:day)?|saturday|sunday|(?<=on )sat|(?<=on )sun)"
)

_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s*(\d{4}))?"
_RULES: Final = [
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    # "11/27", "27.11.2026": month first unless the workspace reads dates day first.
    (
        "num",
        re.compile(
            r"(?<![\w/.,$€£¥-])(\d{1,2})([/.])(\d{1,2})(?:\2(\d{4}|\d{2}))?(?![\w/%]|[.,]\d)"
            r"(?!\s*(?:of|an?|hours?|hrs?|days?|off)\b)"
        ),
    ),
    ("md", re.compile(rf"\b({MONTH_RE})\.?\s+(?:the\s+)?{_DAY}\b{_YEAR}")),
    ("dm", re.compile(rf"\b(?:the\s+)?{_DAY}\s+(?:of\s+)?({MONTH_RE})\b\.?{_YEAR}")),
    ("nth", re.compile(r"\b(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)\b")),
    ("dby", re.compile(r"\b(?:the\s+)?day\s+before\s+(?:yesterday|yday)\b")),
    ("dat", re.compile(r"\b(?:the\s+)?day\s+after\s+(?:tomorrow|tmrw)\b")),
    ("yday", re.compile(r"\b(?:yesterday|yday|yest|ystd|yesterdy|yesteday|last\s+night)\b")),
    ("tmrw", re.compile(r"\b(?:tomorrow|tmrw|tmr|tmw|tomorow|tommorow|tommorrow|2moro)\b")),
    (
        "today",
        re.compile(r"\b(?:today|tdy|tonight|this\s+(?:morning|afternoon|evening|am|pm))\b"),
    ),
    (
        "ago",
        re.compile(rf"\b(\d{{1,3}}|{WORD_NUMBER}|an?)\s+(days?|weeks?)\s+ago\b"),
    ),
    ("in", re.compile(rf"\bin\s+(\d{{1,3}}|{WORD_NUMBER}|an?)\s+(days?|weeks?)\b")),
    (
        "end",
        re.compile(
            r"\b(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the\s+)?(this\s+|next\s+)?"
            r"(month|mo|quarter|qtr|q|year|yr|week|wk)\b"
        ),
    ),
    ("eo", re.compile(r"\beo([mqyw])\b")),
    (
        "wd",
        re.compile(
            rf"\b(?:(last|this\s+past|past|this|next|coming|this\s+coming|on)\s+)?({WEEKDAY_RE})\b"
        ),
    ),
]

# Deadlines only ("closing next month", "in Q1", "by January"): a whole period means its
# last day, like "end of month" in the contract; never read as the day an activity happened.
_FORWARD_RULES: Final = [
    ("nextp", re.compile(r"\bnext\s+(month|quarter|qtr|year)\b")),
    (
        "qn",
        re.compile(
            r"\b(?:in|by|for|during|closing|close|closes|to|into|until|till)\s+q([1-4])"
            r"(?:\s*'?(\d{2}|\d{4}))?\b"
        ),
    ),
    (
        "mon",
        re.compile(
            rf"\b(?:in|by|for|during|closing|close|closes|to|into|until|till)\s+({MONTH_RE})\b"
            r"(?!\.?\s*\d)"
        ),
    ),
]
_DIGITS = tuple("0123456789")
_NEEDS: Final = {
    "iso": ("-",),
    "num": ("/", "."),
    "md": _DIGITS,
    "dm": _DIGITS,
    "nth": ("the",),
    "dby": ("before",),
    "dat": ("after",),
    "yday": ("yest", "yday", "ystd", "night"),
    "tmrw": ("tom", "tmr", "tmw", "2moro"),
    "today": ("today", "tdy", "tonight", "this"),
    "ago": ("ago",),
    "in": ("in ",),
    "end": ("end",),
    "eo": ("eo",),
    "wd": ("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
    "nextp": ("next",),
    "qn": ("q",),
    "mon": tuple(MONTHS),
}


@dataclass(frozen=True)
class DateHit:
    """A date found in the text, with its character span."""

    start: int
    end: int
    value: date


def _month_end(d: date) -> date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def _add_months(d: date, months: int) -> date:
    m = d.month - 1 + months
    return date(d.year + m // 12, m % 12 + 1, 1)


def _month_day(today: date, month: int, day: int, year: str | None, forward: bool) -> date | None:
    try:
        if year:
            return date(int(year), month, day)
        step = 1 if forward else -1
        first = today.year
        if (month, day) == (2, 29):  # the nearest leap day that way ("Feb 29" in 2027)
            leap = (y for y in range(today.year, today.year + 9 * step, step) if calendar.isleap(y))
            first = next(leap, today.year)
        cand = date(first, month, day)
        if forward and cand < today:
            return _month_day(date(today.year + 1, 1, 1), month, day, None, True)
        if not forward and cand > today:
            back = date(today.year - 1, 12, 31)
            return _month_day(back, month, day, None, False)
    except ValueError:
        return None
    return cand


def _day_of_month(today: date, day: int, forward: bool) -> date | None:
    """The nearest "the 12th" behind today (or, for deadlines, ahead of it)."""
    step = 1 if forward else -1
    start = date(today.year, today.month, 1)
    for k in range(0, 3 * step, step):
        try:
            cand = _add_months(start, k).replace(day=day)
        except ValueError:
            continue
        if (cand >= today) if forward else (cand <= today):
            return cand
    return None


def _weekday(today: date, wd: int, mod: str, forward: bool, says_today: bool) -> date:
    mod = " ".join(mod.split())
    past = mod in ("last", "past", "this past")  # "closed this past Friday": behind us
    if mod in ("next", "coming", "this coming") or (forward and not past):
        ahead = (wd - today.weekday()) % 7
        if ahead == 0 and (mod in ("next", "coming", "this coming") or not says_today):
            ahead = 7
        return today + timedelta(days=ahead)
    back = (today.weekday() - wd) % 7
    if back == 0 and not (says_today and mod in ("", "on", "this")):
        back = 7
    return today - timedelta(days=back)


def _end_of(today: date, unit: str, nxt: bool) -> date:
    u = unit[0]
    if u == "m":
        return _month_end(_add_months(today, 1 if nxt else 0))
    if u == "q":
        q_end_month = ((today.month - 1) // 3) * 3 + 3
        return _month_end(_add_months(date(today.year, q_end_month, 1), 3 if nxt else 0))
    if u == "y":
        return date(today.year + (1 if nxt else 0), 12, 31)
    # Reps mean the working week: "EOW" is Friday.
    return today + timedelta(days=(4 - today.weekday()) % 7 + (7 if nxt else 0))


def _quarter_end(today: date, quarter: int, year: str | None) -> date:
    """Last day of Qn: of the year said, else the first Qn not yet over ("Q1" in November)."""
    end_month = quarter * 3
    if year:
        full = int(year) + (2000 if len(year) == 2 else 0)
        return _month_end(date(full, end_month, 1))
    end = _month_end(date(today.year, end_month, 1))
    return end if end >= today else _month_end(date(today.year + 1, end_month, 1))


def _month_end_ahead(today: date, month: int) -> date:
    end = _month_end(date(today.year, month, 1))
    return end if end >= today else _month_end(date(today.year + 1, month, 1))


def _month_and_day(g: tuple[str, ...], dmy: bool) -> tuple[int, int] | None:
    """ "11/27" (or "27/11" day first) as (month, day); a pair that reads only one way (13/12)
    is read so; None when it is no date at all ("2.5", "24/7", "5/45")."""
    a, sep, b = int(g[0]), g[1], int(g[2])
    if (sep == "." and not dmy) or (a, b) == (24, 7) or not (a and b):
        return None  # "2.5" is a number unless dates are written day first; "24/7" no date
    month, day = (b, a) if dmy else (a, b)
    if month > 12:
        month, day = day, month
    return (month, day) if month <= 12 and day <= 31 else None


def _numeric(g: tuple[str, ...], today: date, forward: bool, dmy: bool) -> date | None:
    pair, year = _month_and_day(g, dmy), g[3]
    full = str(int(year) + 2000) if year and len(year) == 2 else year
    return _month_day(today, *pair, full, forward) if pair else None


def _resolve(
    kind: str, m: re.Match[str], today: date, forward: bool, says_today: bool, dmy: bool
) -> date | None:
    g = m.groups()
    if kind == "num":
        return _numeric(g, today, forward, dmy)
    if kind == "iso":
        try:
            return date(int(g[0]), int(g[1]), int(g[2]))
        except ValueError:
            return None
    if kind == "md":
        return _month_day(today, MONTHS[g[0][:3]], int(g[1]), g[2], forward)
    if kind == "dm":
        return _month_day(today, MONTHS[g[1][:3]], int(g[0]), g[2], forward)
    if kind == "nth":
        return _day_of_month(today, int(g[0]), forward)
    offsets = {"dby": -2, "dat": 2, "yday": -1, "tmrw": 1, "today": 0}
    if kind in offsets:
        return today + timedelta(days=offsets[kind])
    if kind in ("ago", "in"):
        n = word_to_int(g[0]) or 1
        days = n * (7 if g[1].startswith("week") else 1)
        return today + timedelta(days=-days if kind == "ago" else days)
    if kind == "end":
        return _end_of(today, g[1], bool(g[0] and g[0].strip() == "next"))
    if kind == "eo":
        return _end_of(today, g[0], False)
    if kind == "nextp":
        return _end_of(today, g[0], True)
    if kind == "qn":
        return _quarter_end(today, int(g[0]), g[1])
    if kind == "mon":
        return _month_end_ahead(today, MONTHS[g[0][:3]])
    return _weekday(today, WEEKDAYS[g[1][:3]], g[0] or "", forward, says_today)


def _impossible(kind: str, m: re.Match[str], dmy: bool) -> bool:
    """A calendar day written that does not exist ("Feb 30", "31 June", "2027-02-29", "2/30")."""
    if kind == "iso":
        return True
    if kind == "num":
        return _month_and_day(m.groups(), dmy) is not None
    day = m.group(2) if kind == "md" else m.group(1)
    return kind in ("md", "dm") and 1 <= int(day) <= 31


def find_dates(
    low: str,
    today: date,
    *,
    forward: bool = False,
    dmy: bool = False,
    bad: list[tuple[int, int]] | None = None,
) -> list[DateHit]:
    """All dates in lower-cased text; `forward` resolves bare days into the future, `dmy`
    reads numeric dates day first; spans of days that do not exist are added to `bad`."""
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []
    says_today = "today" in low
    for kind, rx in (*_RULES, *_FORWARD_RULES) if forward else _RULES:
        # A substring test is far cheaper than a regex scan; most rules cannot match.
        if not any(word in low for word in _NEEDS[kind]):
            continue
        for m in rx.finditer(low):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            value = _resolve(kind, m, today, forward, says_today, dmy)
            if value is None:
                if bad is not None and _impossible(kind, m, dmy):
                    bad.append((m.start(), m.end()))
                    taken.append((m.start(), m.end()))
                continue
            taken.append((m.start(), m.end()))
            hits.append(DateHit(m.start(), m.end(), value))
    hits.sort(key=lambda h: h.start)
    return hits

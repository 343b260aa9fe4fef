"""Parts of a month said as a deadline ("mid jan", "end of feb", "early March") as days."""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Final

from nlp.dates import MONTH_RE, MONTHS, DateHit

# The day each part stands for; 0 is the month's last day. A deadline said as "late Jan"
# is met by its last day, as "end of month" is in the contract.
_DAY: Final = {
    "early": 1, "beginning": 1, "start": 1, "mid": 15, "middle": 15, "late": 0, "end": 0,
}  # fmt: skip
# "mid jan", "mid-January", "early next month"; the nouns need "of" or a hyphen ("end of
# feb", "end-Feb"), so "deals end may..." or "start march" in passing are no dates.
_PART: Final = re.compile(
    r"\b(?:the\s+)?(?:(early|mid|late)(?:\s*-\s*|\s+)"
    r"|(beginning|start|middle|end)(?:\s*-\s*|\s+of\s+(?:the\s+)?))"
    rf"(?:({MONTH_RE})\b\.?(?:,?\s*(20\d\d)\b|\s*'(\d\d)\b)?|(this\s+|next\s+)?month\b)"
)
_NEEDS: Final = ("early", "beginning", "start", "mid", "late", "end")


def _day_of(year: int, month: int, day: int) -> date:
    return date(year, month, day or calendar.monthrange(year, month)[1])


def _resolve(m: re.Match[str], today: date) -> date:
    adjective, noun, month, year, short, which = m.groups()
    day = _DAY[adjective or noun]
    if month:
        number = MONTHS[month[:3]]
        if year or short:
            return _day_of(int(year) if year else 2000 + int(short), number, day)
        # The next such day on or after today: "mid jan" said in December is next January.
        cand = _day_of(today.year, number, day)
        return cand if cand >= today else _day_of(today.year + 1, number, day)
    ahead = (which or "").strip() == "next"
    first = date(today.year + (today.month == 12), today.month % 12 + 1, 1) if ahead else today
    cand = _day_of(first.year, first.month, day)
    if cand < today:  # "mid-month" on the 20th: the middle of the next month
        nxt = date(today.year + (today.month == 12), today.month % 12 + 1, 1)
        cand = _day_of(nxt.year, nxt.month, day)
    return cand


def month_parts(low: str, today: date) -> list[DateHit]:
    """Every "mid <month>", "end of <month>", "early next month"... in lower-cased text,
    resolved to the next such day on or after today (or in the year written)."""
    if not any(word in low for word in _NEEDS):
        return []
    return [DateHit(m.start(), m.end(), _resolve(m, today)) for m in _PART.finditer(low)]

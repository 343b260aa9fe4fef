"""A day something is booked for ("booked a demo for Thursday") is read ahead, not back."""

from __future__ import annotations

import re
from datetime import date
from typing import Final

from nlp.dates import WEEKDAY_RE, DateHit, find_dates
from nlp.text import clause

_BOOKING: Final = re.compile(
    r"\b(?:booked|book|scheduled|schedule|set\s+up|setup|lined\s+up|arranged|confirmed"
    r"|calendared|pencil+ed\s+in|locked\s+in|planned|organi[sz]ed)\b"
)
# "for Thursday", "for the 12th": the day booked for, when a booking verb precedes it.
_FOR: Final = re.compile(r"\bfor\s+(?:the\s+)?$")
# "booked a demo (on) Thursday": a weekday said plainly is the coming one, too.
_WEEKDAY: Final = re.compile(rf"(?:on\s+)?{WEEKDAY_RE}\b")


def booked_for(low: str, hits: list[DateHit], today: date, *, dmy: bool) -> list[DateHit]:
    """The dates with every day booked for read forward: "booked a demo for Thursday" or
    "scheduled a call on Friday" is the coming one; "met Acme Thursday" stays last week's."""
    if not hits or not _BOOKING.search(low):
        return hits
    ahead = {h.start: h for h in find_dates(low, today, forward=True, dmy=dmy)}
    out: list[DateHit] = []
    for hit in hits:
        before = low[clause(low, hit.start)[0] : hit.start]
        later = ahead.get(hit.start)
        said = _FOR.search(before) or _WEEKDAY.match(low, hit.start)
        booked = said and _BOOKING.search(before)
        out.append(later if booked and later is not None and later.end == hit.end else hit)
    return out

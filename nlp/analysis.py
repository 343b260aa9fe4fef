"""One pass over a message: everything the classifier and slot fillers look at."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Final

from nlp.activities import Mention, find_mentions
from nlp.amounts import Money, as_number, find_money
from nlp.bookings import booked_for
from nlp.dates import DateHit, find_dates
from nlp.durations import DurationHit, find_durations
from nlp.month_parts import month_parts
from nlp.names import Token, tokenize
from nlp.numbers import WORD_NUMBER
from nlp.periods import Lean, find_period
from nlp.text import MENTION, clean, mask
from nlp.typos import fix_typos

_SENTENCE_END: Final = re.compile(r"[.!?;\n]+(?:\s|$)")
_TIMES_TOKEN: Final = re.compile(r"\b(?:x\s?\d{1,2}|\d{1,2}\s?x)\b", re.IGNORECASE)
_MORE_WORDS: Final = re.compile(rf"\s+(?:and\s+)?{WORD_NUMBER}\b")
_CLOCK: Final = re.compile(r"\b\d{1,2}(?::\d{2})?\s*(?:am|pm)\b|\b\d{1,2}:\d{2}\b", re.IGNORECASE)


@dataclass(frozen=True)
class Doc:
    """The cleaned message plus the dates, amounts, durations and activity words found in it."""

    text: str
    low: str
    today: date
    dates: list[DateHit]
    durations: list[DurationHit]
    money: list[Money]
    mentions: list[Mention]
    count_text: str
    tokens: list[Token]
    dmy: bool = False  # numeric dates are day first ("29/12") in this workspace
    # Days written that do not exist ("on Feb 30"): spans, so no log falls back to today.
    bad_dates: tuple[tuple[int, int], ...] = ()
    # Counts written as scaled numbers ("5k dials"), by the start of the activity word.
    counted: dict[int, int | float] = field(default_factory=dict)

    @cached_property
    def period(self) -> str | None:
        """The reporting period named (the nearest reading), computed once per message."""
        return find_period(self.low, self.today)

    def period_for(self, lean: Lean) -> str | None:
        """The period as an intent reads it: results look back, targets ahead."""
        return self.period if lean == "near" else find_period(self.low, self.today, lean)

    def sentence_of(self, pos: int) -> int:
        """Index of the sentence holding a character offset."""
        return len(_SENTENCE_END.findall(self.text, 0, pos))

    def close_dates(self) -> list[DateHit]:
        """Dates read as deadlines: bare days resolve forward ("closing Friday"), and parts
        of a month are days ("closing mid jan" the 15th; never an activity's day)."""
        hits = find_dates(self.low, self.today, forward=True, dmy=self.dmy)
        parts = month_parts(self.low, self.today)
        if not parts:
            return hits
        # The part's reading wins over a rule that read only its month ("by end of March").
        rest = [h for h in hits if not any(h.start < p.end and p.start < h.end for p in parts)]
        return sorted([*rest, *parts], key=lambda h: h.start)


def analyse(raw: str, today: date, *, dmy: bool = False) -> Doc:
    """Clean the message and run every cheap extractor once; `dmy` reads "29/12" day first."""
    text = fix_typos(clean(raw))
    low = text.lower()
    if len(low) != len(text):
        # A few characters lower-case to two ("İ"); keep offsets aligned with the original.
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    bad: list[tuple[int, int]] = []
    dates = booked_for(low, find_dates(low, today, dmy=dmy, bad=bad), today, dmy=dmy)
    mentions = find_mentions(low)
    # Only activity logs carry a duration; elsewhere "2m" is two million ("EMEA quota = 2m").
    durations = find_durations(text, low) if mentions else []
    slack = [(m.start(), m.end()) for m in MENTION.finditer(text)]
    clocks = [(m.start(), m.end()) for m in _CLOCK.finditer(text)]
    blocked = slack + [(d.start, d.end) for d in dates] + [(d.start, d.end) for d in durations]
    blocked += bad
    found = [
        m
        for m in find_money(mask(text, slack + clocks))
        if not any(m.start < e and s < m.end for s, e in blocked)
    ]
    money, counted, spelled = _counts(found, text, mentions)
    explicit_money = [(m.start, m.end) for m in found if m.explicit and m not in spelled]
    count_text = mask(low, blocked + explicit_money + clocks)
    mentions = find_mentions(mask(low, slack))  # mentions' ids never read as activity words
    times = [(m.start(), m.end()) for m in _TIMES_TOKEN.finditer(low)]
    name_text = mask(text, blocked + [(m.start, m.end) for m in money] + times + clocks)
    tokens = tokenize(name_text)
    return Doc(
        text,
        low,
        today,
        dates,
        durations,
        money,
        mentions,
        count_text,
        tokens,
        dmy,
        tuple(bad),
        counted,
    )


def _counts(
    found: list[Money], text: str, mentions: list[Mention]
) -> tuple[list[Money], dict[int, int | float], list[Money]]:
    """Money that counts an activity is no money: "5k dials" is counted here (value by the
    mention's start); "two thousand (four hundred) dials" is spelled out, left to the count
    rules to read as words. Returns the money left, the counts and the spelled-out ones."""
    if not mentions:
        return found, {}, []
    money: list[Money] = []
    counted: dict[int, int | float] = {}
    spelled: list[Money] = []
    starts = {m.start for m in mentions}
    low = text.lower()
    for m in found:
        words = not any(c.isdigit() for c in text[m.start : m.end])
        more = _MORE_WORDS.match(low, m.end) if words else None
        after = more.end() if more else m.end
        after += len(low[after:]) - len(low[after:].lstrip())
        if m.currency or not m.readable or not m.explicit or after not in starts:
            money.append(m)
        elif words:
            spelled.append(m)
        else:
            counted[after] = as_number(m.value)
    return money, counted, spelled

"""One pass over a message: everything the classifier and slot fillers look at."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Final

from nlp.activities import Mention, find_mentions
from nlp.amounts import Money, find_money
from nlp.dates import DateHit, find_dates
from nlp.durations import DurationHit, find_durations
from nlp.names import Token, tokenize
from nlp.periods import Lean, find_period
from nlp.text import MENTION, clean, mask
from nlp.typos import fix_typos

_SENTENCE_END: Final = re.compile(r"[.!?;\n]+(?:\s|$)")
_TIMES_TOKEN: Final = re.compile(r"\b(?:x\s?\d{1,2}|\d{1,2}\s?x)\b", re.IGNORECASE)
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
        """Dates read as deadlines: bare days resolve forward ("closing Friday")."""
        return find_dates(self.low, self.today, forward=True, dmy=self.dmy)


def analyse(raw: str, today: date, *, dmy: bool = False) -> Doc:
    """Clean the message and run every cheap extractor once; `dmy` reads "29/12" day first."""
    text = fix_typos(clean(raw))
    low = text.lower()
    if len(low) != len(text):
        # A few characters lower-case to two ("İ"); keep offsets aligned with the original.
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    dates = find_dates(low, today, dmy=dmy)
    mentions = find_mentions(low)
    # Only activity logs carry a duration; elsewhere "2m" is two million ("EMEA quota = 2m").
    durations = find_durations(text, low) if mentions else []
    slack = [(m.start(), m.end()) for m in MENTION.finditer(text)]
    clocks = [(m.start(), m.end()) for m in _CLOCK.finditer(text)]
    blocked = slack + [(d.start, d.end) for d in dates] + [(d.start, d.end) for d in durations]
    money = [
        m
        for m in find_money(mask(text, slack + clocks))
        if not any(m.start < e and s < m.end for s, e in blocked)
    ]
    explicit_money = [(m.start, m.end) for m in money if m.explicit]
    count_text = mask(low, blocked + explicit_money + clocks)
    mentions = find_mentions(mask(low, slack))  # mentions' ids never read as activity words
    times = [(m.start(), m.end()) for m in _TIMES_TOKEN.finditer(low)]
    name_text = mask(text, blocked + [(m.start, m.end) for m in money] + times + clocks)
    tokens = tokenize(name_text)
    return Doc(text, low, today, dates, durations, money, mentions, count_text, tokens, dmy)

"""Activity mentions ("3 calls", "rang X twice", "a couple demos") turned into contract items."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Final

from nlp.numbers import COUNT, NUMERAL, TIMES, WORD_NUMBER, numeral, word_to_int

# Longest forms first so "phone call" or "cold calls" are one mention, not two.
_KINDS: Final = {
    "call": (
        r"cold[- ]?calls?|cold[- ]?called|phone[- ]?calls?|(?:re)?calls?|called|calling|dials?"
        r"|dialed|dialled|dialing|rang|rung|phoned|voicemails?|zoom[- ]?calls?|video[- ]?calls?"
        r"|calld|caled|calle?s|(?:spoke|spoken|talked|chatted)(?=\s+(?:w/|with|w\b|to\b))"
        r"|(?:convos?|conversations?)(?=\s+(?:w/|with|w\b))"
        r"|touched\s+base|touch\s+base|vms?(?=\s+(?:left|for|to|with|w/)\b)|(?<=left )vms?"
    ),
    "email": (
        r"(?:follow[- ]?ups?|followed[- ]up|follow[- ]up|f/u)\s+(?:by|via|over)\s+(?:e-?)?mail"
        r"|linked-?in\s+(?:messages?|msgs?|dms?|notes?|inmails?)|li\s+(?:messages?|msgs?|dms?)"
        r"|e-?mails?|e-?mailed|e-?mailing|emials?|emial(?:ed)?|emaild|emal(?:ed|s)?|eamils?|emali"
        r"|inmails?|mailed"
    ),
    "meeting": (
        r"meetings?|mtgs?|meeting|met|site[- ]?visits?|visited|on-?sites?|in[- ]person|f2f"
        r"|meting|metting|mtng|meetng|meetign|meetting|zoom(?=\s+(?:w/|with|w\b))"
        r"|(?:qbrs?|syncs?|catch[- ]?ups?|caught\s+up|check[- ]?ins?|workshops?)"
        r"(?=\s+(?:w/|with|w\b|@|at\b))"
        r"|(?:coffee|lunch|breakfast|dinner|drinks)(?=\s+(?:w/|with|w\b|@|at\b|and\b))"
    ),
    "demo": (
        r"demos?|demoed|demo'd|demo-ed|demoing|demod|dmeos?|deom|walk-?throughs?|walk\s+through"
        r"|poc\s+kick-?off"
        r"|pocs?|product\s+tours?|present(?:ation|ed)(?=\s+(?:w/|with|w\b|to\b|for\b|at\b))"
    ),
}
_ALT = "|".join(f"(?P<{kind}>{alt})" for kind, alt in _KINDS.items())
MENTION: Final = re.compile(rf"\b(?:{_ALT})(?![\w-])|(?P<emoji>[📞☎📱📧✉📨🤝])")
_SENT_FOLLOW_UP: Final = re.compile(
    rf"\b(?:sent|send|shot|fired)\s+(?:off\s+|out\s+)?(?:{COUNT}\s+|a\s+|an\s+)?(?:more\s+)?"
    r"(follow[- ]?ups?|f/us?)(?![\w-])(?!\s+(?:by|via|over)\s+(?:e-?)?mail)"
)
_LEFT_VOICEMAILS: Final = re.compile(rf"\bleft\s+(?:{COUNT}\s+)(vms?|voice[- ]?mails?)\b")
# Emoji reps use as shorthand for an activity.
_EMOJI: Final = {"📞": "call", "☎": "call", "📱": "call", "📧": "email", "✉": "email",
                 "📨": "email", "🤝": "meeting"}  # fmt: skip
# Words that may sit between a count and the activity: "3 quick calls", "2 follow up emails".
_ADJ = (
    r"(?:more|quick|short|long|cold|follow[- ]?up|f/u|intro|introductory|discovery|outbound|inbound"
    r"|good|great|solid|productive|successful|brief|first|second|new|total|separate|live|virtual"
    r"|in-person|onsite|client|customer|prospect|sales|zoom|phone|linkedin|li|personalized|custom"
    r"|warm|_+|\d+\s*_+)"
)
_BEFORE: Final = re.compile(
    r"(?<![\w.,$€£])(?<!stage )(?<!step )(?<!round )(?<!tier )(?<!phase )"  # "stage 2 call": 1
    rf"(?:x\s?)?({COUNT}|\d{{1,3}}(?=\s?x\s))(?:\s?x)?\s+(?:of\s+)?(?:{_ADJ}\s+){{0,3}}$"
)
_AFTER_NUM: Final = re.compile(r"^\s*(?::|-|x|×|=)?\s*(\d{1,3})(?![\w.,%:/])")
_TIMES: Final = re.compile(
    rf"\b(?:(once|twice|thrice)|x\s?(\d{{1,2}})|(\d{{1,2}})\s?x|({WORD_NUMBER}|\d{{1,2}})\s+times)\b"
)
# A bare count at the end, but not a clock time ("meeting at 3").
_TRAILING_NUM: Final = re.compile(
    r"(?<![\w.,$€£¥@])(?<!@ )(?<!\bat )(?<!\bby )(?<!until )(?<!till )(?<!after )(?<!before )"
    r"(?<!around )(?<!from )(?<!\bto )(?<!\bin )(\d{1,3})\s*[!.]*\s*"
    r"(?:(?:thx|thanks|pls|please|ty|lol|haha|today|_+)\b\s*)*[\W_]*$"
)


_ARTICLES: Final = frozenset({"a", "an", "another", "single", "one more"})
_NUMERAL: Final = re.compile(NUMERAL)


@dataclass(frozen=True)
class Mention:
    """One activity word in the text and its kind."""

    kind: str
    start: int
    end: int


def find_mentions(low: str) -> list[Mention]:
    """Activity words in order of appearance."""
    found: list[Mention] = []
    for m in MENTION.finditer(low):
        kind = m.lastgroup or ""
        found.append(Mention(_EMOJI[m.group()] if kind == "emoji" else kind, m.start(), m.end()))
    # "sent 3 follow-ups": a follow-up that was sent is an email; alone it may be a plan.
    extra = [Mention("email", m.start(1), m.end(1)) for m in _SENT_FOLLOW_UP.finditer(low)]
    # "left 4 VMs": a counted voicemail is a call (the alternation sees only "left vm").
    extra += [Mention("call", m.start(1), m.end(1)) for m in _LEFT_VOICEMAILS.finditer(low)]
    found += [m for m in extra if all(o.end <= m.start or m.end <= o.start for o in found)]
    return sorted(found, key=lambda mention: mention.start)


def _before(masked: str, mention: Mention) -> re.Match[str] | None:
    return _BEFORE.search(masked, max(0, mention.start - 60), mention.start)


def _said(said: str) -> int | float | None:
    return numeral(said) if _NUMERAL.fullmatch(said) else word_to_int(said)


def _count(
    masked: str, mention: Mention, seg_end: int, last: bool
) -> tuple[int | float | None, bool]:
    """The count said for a mention (None if none) and whether it was stated as a number:
    "a call" is one, but grammar. Counts are as written ("-3", "3.5"; nan if unreadable)."""
    before = _before(masked, mention)
    if before:
        said = before.group(1)
        return _said(said), said not in _ARTICLES
    after = masked[mention.end : seg_end]
    m = _AFTER_NUM.match(after)
    if m:
        return int(m.group(1)), True
    t = _TIMES.search(after)
    if t:
        if t.group(1):
            return TIMES[t.group(1)], True
        return word_to_int(t.group(2) or t.group(3) or t.group(4)), True
    # "call Acme 3": a bare count closing the message.
    tail = _TRAILING_NUM.search(after.split(",")[0]) if last else None
    if tail:
        return int(tail.group(1)), True
    return None, False


def extract_items(
    masked: str, mentions: list[Mention], counted: dict[int, int | float] | None = None
) -> tuple[list[dict[str, object]], bool]:
    """Items in the order said, and whether any count was stated as a number.

    `masked` is the lower-cased text with dates, durations and amounts blanked; `counted`
    holds counts written as scaled numbers ("5k dials") by the activity word's start."""
    items: list[dict[str, object]] = []
    explicit: list[bool] = []
    stated = False
    for i, mention in enumerate(mentions):
        seg_end = len(masked)
        if i + 1 < len(mentions):
            nxt = _before(masked, mentions[i + 1])
            seg_end = nxt.start(1) if nxt else mentions[i + 1].start
        said: int | float | None
        if counted and mention.start in counted:
            said, number = counted[mention.start], True
        else:
            said, number = _count(masked, mention, seg_end, i + 1 == len(mentions))
        n = said if number else None  # an article: one, but not a stated number
        if n == 0:
            continue
        stated = stated or n is not None
        # As written for the handler to judge; an unreadable count ("1e999") is null.
        count = 1 if n is None else None if math.isnan(n) else n
        # "phone call ... the call": one activity talked about twice, unless both counted.
        if items and items[-1]["activity"] == mention.kind and (n is None or not explicit[-1]):
            if n is not None:
                items[-1] = {"activity": mention.kind, "count": count}
                explicit[-1] = True
            continue
        items.append({"activity": mention.kind, "count": count})
        explicit.append(n is not None)
    return items, stated

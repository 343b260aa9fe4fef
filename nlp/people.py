"""People named without a mention ("how is alice doing?", "set Ben Carter quota to 50k")."""

from __future__ import annotations

import re
from typing import Final

from nlp.lexicon import STOP, words

# Words that are never a person's name in a question or a target, beyond the stop words.
_NOT_PERSON: Final = STOP | words(
    "u ur ya yall y'all you're everyone everybody anyone anybody someone somebody nobody "
    "team squad crew reps rep org sales quota quotas target targets goal goals pipeline pipe "
    "forecast commit numbers number stats attainment activity activities revenue bookings "
    "leaderboard progress results performance standing tracking doing things everything stuff "
    "biz business renewals renewal upsell upsells expansion inbound outbound new-business "
    "calls emails meetings demos deals wins mtd qtd ytd wtd fy bot quotabot company region "
    "show give tell pull get list display what whats how who which where set make "
    "region territory segment department overall total weighted expected open best worst "
    "mine yours his hers theirs ours weekly monthly daily quarterly annual percent "
    "status coverage breakdown summary overview report update check health review snapshot "
    "trend details detail view chart graph history left remaining gap split mix share "
    "board rank ranking standings scoreboard leaders top bottom by per vs versus avg average "
    "furthest farthest behind ahead"
)
_WORD: Final = re.compile(r"@?[^\W\d_][\w.'-]*")
_CODE: Final = re.compile(r"^(?:q[1-4]|h[12]|fy\d*|w\d+|\d)")  # q4, h2, fy27: periods
_POSSESSIVE: Final = re.compile(r"(?:'s|s')$", re.IGNORECASE)
_READ_NOUN = (
    r"(?:quota|target|goal|pipeline|pipe|forecast|commit|numbers?|stats|attainment|activity"
    r"|activities|deals|calls|emails|meetings|demos|revenue|bookings|progress|results"
    r"|performance|standing|week|month|quarter|year|leaderboard|ranking)"
)
# Each pattern's group 1 is where the name starts, `end` is what must follow it.
_AFTER_HOW: Final = re.compile(
    r"\bhow(?:'s|s|\s+is|\s+are|\s+was|\s+did|\s+has|\s+does)\s+(?=\S)", re.IGNORECASE
)
_HOW_END: Final = re.compile(
    r"\s+(?:doing|tracking|performing|going|trending|looking|pacing|getting\s+on|do|done"
    r"|been\s+doing|faring|coming\s+along)\b",
    re.IGNORECASE,
)
_AFTER_SET: Final = re.compile(
    r"\b(?:set|make|give|assign|change|update|bump|raise|lower|adjust)\s+(?=\S)", re.IGNORECASE
)
_SET_END: Final = re.compile(
    r"(?:'s|s')?\s+(?:(?:a|an|the|new|revenue|call|calls|email|emails|meeting|meetings|demo"
    r"|demos|deal|deals|activity|activities|monthly|weekly|daily|quarterly|annual|q[1-4])\s+)"
    r"{0,2}(?:quota|target|goal)s?\b",
    re.IGNORECASE,
)
_AFTER_FOR: Final = re.compile(
    rf"\b{_READ_NOUN}s?\b[^?.!]{{0,30}}?\b(?:for|of)\s+(?=\S)", re.IGNORECASE
)
_FOR_END: Final = re.compile(
    r"\s*(?:[?.!,]|$)|\s+(?:to|=|at|this|last|next|in|for|today|yesterday|so\s+far|mtd|qtd"
    r"|ytd|q[1-4]|vs\.?|versus|against|please|pls|\d)\b",
    re.IGNORECASE,
)
_AFTER_ASK: Final = re.compile(r"\b(?:is|are|was|has|did|does|will)\s+(?=\S)", re.IGNORECASE)
_ASK_END: Final = re.compile(
    r"\s+(?:on\s+track|behind|ahead|hit|hitting|make|made|going\s+to|gonna|close|closed|log"
    r"|logged|book|booked|do|done|have|had|get|got|send|sent|at\s+quota|over|under|below"
    r"|above)\b",
    re.IGNORECASE,
)
_POSS_END: Final = re.compile(rf"\s+(?:\w+\s+)?{_READ_NOUN}s?\b", re.IGNORECASE)
_AT_NAME: Final = re.compile(r"(?<![\w<@.])@([^\W\d_][\w.-]{0,30}[^\W_]|[^\W\d_])")
# A slash command's implied word, then a name: "/goal Greta 1" reads "goal Greta 1".
_LEAD_CMD: Final = re.compile(
    r"^\s*(?:goal|target|quota|team|stats|pipeline|forecast)\s+(?:for\s+)?(?=\S)", re.IGNORECASE
)
_LEAD_END: Final = re.compile(
    r"\s*$|\s+(?:[$€£¥]?\d|to\b|=|this\b|last\b|next\b|for\b|in\b|is\b|q[1-4]\b|revenue\b"
    r"|calls?\b|emails?\b|meetings?\b|demos?\b|deals?\b|activit)",
    re.IGNORECASE,
)


def _ok(word: str) -> bool:
    bare = _POSSESSIVE.sub("", word.lstrip("@")).rstrip(".'").lower()
    return bool(bare) and bare not in _NOT_PERSON and not _CODE.match(bare)


def _name_at(text: str, pos: int, end: re.Pattern[str], most: int) -> str | None:
    """The name of up to `most` words at pos, if `end` follows it: capitalised words may run
    to three, lower-case ones only when the pattern bounds them on both sides."""
    taken: list[re.Match[str]] = []
    for m in _WORD.finditer(text, pos):
        if m.start() != (taken[-1].end() + 1 if taken else pos) or len(taken) == most:
            break
        if not _ok(m.group()):
            break
        taken.append(m)
        if _POSSESSIVE.search(m.group()) and len(m.group()) > 3:
            break
    for k in range(len(taken), 0, -1):  # the longest reading that the end pattern accepts
        words_ = [w.group() for w in taken[:k]]
        caps = [w.lstrip("@")[:1].isupper() for w in words_]
        if k > 1 and not (all(caps) or most == 3):
            continue
        rest = text[taken[k - 1].end() :]
        if end.match(rest):
            name = " ".join(words_).lstrip("@")
            return _POSSESSIVE.sub("", name).rstrip(".'") or None
    return None


# "set carla and dev quota to 40k", "quota for Carla, Dev to 40k": several people named. The
# subject is the list as written, so the router says it names no one person (or finds a
# team called that) instead of acting on one of them, or on the asker.
_NAMED: Final = r"@?[^\W\d_][\w.'-]*"
_SEVERAL: Final = re.compile(
    rf"(?P<a>{_NAMED})(?:\s*,\s*|\s+(?:and|&|\+)\s+)(?P<b>{_NAMED})(?=\s+(?:(?:revenue|call|calls"
    rf"|email|emails|meeting|meetings|demo|demos|deal|deals|activity|activities|monthly|weekly"
    rf"|daily|quarterly)\s+)?(?:quota|target|goal)s?\b)"
    rf"|\b(?:quota|target|goal)s?\s+(?:for|of)\s+(?P<c>{_NAMED})(?:\s*,\s*|\s+(?:and|&|\+)\s+)"
    rf"(?P<d>{_NAMED})",
    re.IGNORECASE,
)


def _several(text: str) -> str | None:
    m = _SEVERAL.search(text)
    if m is None:
        return None
    first, last = ("a", "b") if m["a"] else ("c", "d")
    if not (_ok(m[first]) and _ok(m[last])):
        return None
    return _POSSESSIVE.sub("", text[m.start(first) : m.end(last)]).lstrip("@")


def find_person(text: str) -> str | None:
    """A person (or team) named as written, without a leading @ or trailing possessive."""
    several = _several(text) if " and " in text or "," in text or "&" in text else None
    if several:
        return several
    at = _AT_NAME.search(text)
    if at and _ok(at.group(1)):
        return at.group(1).rstrip(".")
    low = text.lower()
    for rx, end, most, needs in (
        (_AFTER_HOW, _HOW_END, 3, "how"),
        (_AFTER_SET, _SET_END, 3, ""),
        (_AFTER_ASK, _ASK_END, 2, ""),
        (_LEAD_CMD, _LEAD_END, 2, ""),
        (_AFTER_FOR, _FOR_END, 2, " "),
    ):
        if needs not in low or (needs == " " and " for " not in low and " of " not in low):
            continue  # a cheap test first: most messages name nobody
        for m in rx.finditer(text):
            name = _name_at(text, m.end(), end, most)
            if name:
                return name
    return _possessive(text)


def _possessive(text: str) -> str | None:
    """ "alice's pipeline", "Ben Carter's numbers this month"."""
    if "'" not in text:
        return None
    for m in re.finditer(r"(?:'s|s')(?=\s)", text, re.IGNORECASE):
        if not _POSS_END.match(text, m.end()):
            continue
        words_ = [w for w in _WORD.finditer(text[: m.end()])][-3:]
        names: list[str] = []
        for w in reversed(words_):
            if not _ok(w.group()) or (names and not w.group()[:1].isupper()):
                break
            names.insert(0, w.group())
        if names:
            return _POSSESSIVE.sub("", " ".join(names).lstrip("@"))
    return None

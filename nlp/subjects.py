"""Whose numbers a read or target is about: a mention, "team", or a team name as written."""

from __future__ import annotations

import re
from typing import Final

from nlp.lexicon import STOP, words
from nlp.people import find_person
from nlp.text import MENTION

_TEAM: Final = re.compile(
    r"\b(?:team|team's|teams|squad|crew|reps|org|department|dept|everyone|everybody)\b",
    re.IGNORECASE,
)
# In a question about numbers, "we"/"our" is the asker's team ("how did we do", "our commit").
_WE: Final = re.compile(r"\b(?:we|we're|our|ours|us)\b(?<!let us)", re.IGNORECASE)
_NAMED_TEAM: Final = re.compile(r"\b([A-Z][\w-]{1,20}|[A-Z]{2,6})\s+(?:team|team's|squad|org)\b")
# Region and segment names that are sales teams nearly everywhere; acronyms in any case,
# ordinary words only when capitalised.
_KNOWN_ACRONYMS: Final = re.compile(
    r"\b(emea|apac|amer|amers|americas|latam|anz|dach|uki|nordics|benelux|noram|smb|smbs"
    r"|mid-?market|midmarket|ent|sled|emeia|japac|mena|cee)\b",
    re.IGNORECASE,
)
# Region names also typed in lower case ("show pipe for west").
_KNOWN_LOWER: Final = re.compile(
    r"\b(west|east|north|south|central|midwest|northeast|southeast|northwest|southwest"
    r"|enterprise|commercial|strategic|federal)\b(?!\s+(?:coast|side|end|wing|street|st|ave))"
)
_KNOWN_WORDS: Final = re.compile(
    r"\b(NA|NAM|EU|UK|US|North America|Europe|West|East|North|South|Central|Northeast"
    r"|Southeast|Northwest|Southwest|Midwest"
    r"|Enterprise|Commercial|Strategic|Federal|Public Sector|Inside Sales|Field|Inbound"
    r"|Outbound|Majors|Growth|Corporate|Emerging|Retail|Healthcare|Financial Services)\b"
)
_NOT_TEAM: Final = words("my the our whole entire sales full your this that a an i sales")
# "team Phoenix", and a team name opening a question ("Germany pipeline q4").
_TEAM_THEN_NAME: Final = re.compile(r"\bteam\s+([A-Z][\w-]{1,20})\b")
_LEADING_NAME: Final = re.compile(
    r"^\s*([A-Z][\w-]{1,20}|[A-Z]{2,6})(?:'s)?\s+(?:pipe(?:line)?|forecast|commit|quota|attainment"
    r"|numbers|stats|activity|revenue|bookings|call\s+volume|deals|calls|emails|meetings|demos)\b"
)
_READ_WORDS: Final = words(
    "pipeline pipe forecast commit quota attainment numbers stats activity revenue bookings "
    "leaderboard target goal total weighted expected open new show set top team my how what "
    "who where best worst overall weekly monthly daily"
)


def _named(m: re.Match[str] | None) -> str | None:
    if m is None:
        return None
    word = m.group(1)
    low = word.lower()
    return None if low in STOP or low in _READ_WORDS else word


def find_subject(text: str, *, we_is_team: bool = True, people: bool = True) -> str | None:
    """Subject slot from the cleaned (case-preserving) text; `people` also reads persons
    named without a mention ("how is alice doing?", "set Ben Carter quota to 50k")."""
    m = MENTION.search(text)
    if m:
        return m.group()
    named = _NAMED_TEAM.search(text)
    if named and named.group(1).lower() not in _NOT_TEAM:
        return named.group(1)
    known = _KNOWN_ACRONYMS.search(text) or _KNOWN_WORDS.search(text) or _KNOWN_LOWER.search(text)
    if known:
        return known.group(1)
    person = find_person(text) if people else None
    if person:
        return person
    named_team = _named(_TEAM_THEN_NAME.search(text)) or _named(_LEADING_NAME.match(text))
    if named_team:
        return named_team
    if _TEAM.search(text) or (we_is_team and _WE.search(text)):
        return "team"
    return None

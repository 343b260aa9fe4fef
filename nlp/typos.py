"""Typos and chat spelling in the key words ("cals", "piepline", "qoata", "undoo", "clsoed"),
corrected with rapidfuzz's optimal-string-alignment distance before anything else reads them."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from rapidfuzz import process
from rapidfuzz.distance import OSA

from nlp.activities import MENTION
from nlp.lexicon import CAP_OK, COMPANY_SUFFIXES, STOP, words

# The words whose misspellings change what a message means. Plural forms first: a tie goes
# to the candidate ending like the typo ("cals" -> "calls", "demmo" -> "demo").
KEYWORDS: Final = (
    "calls", "call", "called", "calling", "phone", "dials", "dialed", "emails", "email", "emailed",
    "meetings", "meeting", "demos", "demo", "demoed", "walkthrough", "voicemail", "pipeline",
    "quota", "forecast", "leaderboard", "undo", "closed", "signed", "proposal", "negotiating",
    "negotiation", "qualified", "qualification", "prospecting", "pricing", "contract",
    "reminder", "reminders", "nudges", "timezone", "target", "attainment", "with", "yesterday",
    "today", "tomorrow", "activities", "activity", "revenue",
)  # fmt: skip
# Ordinary words one edit away from a key word: never "corrected".
_KNOWN: Final = (
    STOP
    | CAP_OK
    | COMPANY_SUFFIXES
    | frozenset(KEYWORDS)
    | words(
        """
        all calm cale calf cell cells hall halls tall wall walls fall falls mall malls cars cats
        gals pals deals deal dials dial dell memo memos deme demon demi dome domes lost last list
        most post lots cost host loss quote quotes quoted quite quit close closer closes closet
        cloned clothes signs sign signal singed signer mails mail meet meets meat mating eating
        heating seating beating meaning melting undone unto undue under pipelines pipe pipes
        forecasts targets within wish wits withe width kith leader leaders proposals propose
        proposed qualifier quality negotiate negotiated reminded remainder remind won wont win
        wins today's calla cali demos' emailer mailer meter metering metric metrics activist
        actively active contracts contractor qualify timezones forecaster targeted toddy todays
        tally tallies dialog dialogs collar cellar caller callers dealer dealers demand demands
        deemed doomed cloud clouds slide closing cleared project projects projected projecting
        projection projections protecting prospect prospects prospected contact contacts
        contacted contacting quantified qualifies qualifying demons revenge forecasted
        negotiations negotiator proposing protesting prompting promising pricier princess
        targeting tomorrows yesterdays reminding remaining timezone's calendar calendars
        """
    )
)
_WORD: Final = re.compile(r"[A-Za-z]{4,}")


def _cutoff(length: int) -> int:
    return 1 if length < 9 else 2


@lru_cache(maxsize=4096)
def correct(word: str) -> str | None:
    """The key word a lower-case token misspells, or None."""
    if word in _KNOWN or MENTION.fullmatch(word):
        return None  # a word we know, or an activity form the patterns already read
    cutoff = _cutoff(len(word))
    choices = [k for k in KEYWORDS if k[0] == word[0] and abs(len(k) - len(word)) <= cutoff]
    found = process.extract(word, choices, scorer=OSA.distance, score_cutoff=cutoff, limit=4)
    if not found:
        return None
    found.sort(key=lambda hit: (hit[1], hit[0][-1] != word[-1], abs(len(hit[0]) - len(word))))
    best = found[0]
    if len(found) > 1 and found[1][1] == best[1] and found[1][0][-1] == best[0][-1]:
        return None  # two key words equally near: leave it
    return best[0]


def fix_typos(text: str) -> str:
    """The text with misspelt key words replaced; names (capitalised inside a sentence) and
    known words are left alone."""
    if not _WORD.search(text):
        return text
    out: list[str] = []
    last = 0
    for m in _WORD.finditer(text):
        said = m.group()
        starts_sentence = m.start() == 0 or text[: m.start()].rstrip()[-1:] in ".!?:"
        if said[0].isupper() and not starts_sentence:
            continue  # "Calla Lily Florists": a name, not "calls"
        fixed = correct(said.lower())
        if fixed is None:
            continue
        out.append(text[last : m.start()])
        out.append(fixed.capitalize() if said[0].isupper() else fixed)
        last = m.end()
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)

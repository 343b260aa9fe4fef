"""Whose settings a settings message is about, when it names someone other than "me"."""

from __future__ import annotations

import re
from typing import Final

from nlp.analysis import Doc
from nlp.lexicon import STOP, words

# A platform mention or an @name: "turn off <@U07>'s nudges", "nudges off for @rita".
_AT: Final = r"<@[A-Za-z0-9._:-]+(?:\|[^<>]{0,80})?>|(?<![\w<])@[A-Za-z][\w.-]*"
_MENTION: Final = re.compile(_AT)
_SETTING: Final = r"(?i:nudges?|nudge\s+time|reminders?|time\s*-?\s*zone|tz|settings)"
# A name owning a setting: "Rita's nudges", "Ben Carter's time zone" (the surname is enough).
_POSSESSIVE: Final = re.compile(rf"\b([A-Za-z][\w-]*)['’]s\s+(?i:daily\s+)?{_SETTING}\b")
# A setting for a name: "nudges off for rita", "turn off nudges for Ben Carter", "stop
# nudging ben".
_FOR: Final = re.compile(rf"\b{_SETTING}\b[^.?!]*?\b(?i:for)\s+([A-Za-z][\w-]*(?:\s+[A-Z][\w-]*)?)")
_NUDGING: Final = re.compile(r"\b(?:stop|quit|don'?t)\s+nudging\s+([A-Za-z][\w-]*)", re.IGNORECASE)
# Words in those places that are no person: "nudges off for today", "it's nudges off".
_NOBODY: Final = words(
    "me myself i my mine us we our everyone everybody all it its that this there here what "
    "who let today tomorrow tonight now a an the next week weeks weekend weekends month "
    "months day days while bit vacation holiday holidays pto leave good ever real rest "
    "once two three four five six seven eight nine ten morning afternoon evening night "
    "monday tuesday wednesday thursday friday saturday sunday mondays fridays"
)


def someone_named(doc: Doc) -> str | None:
    """The person a settings message names, as written (the contract's settings have no
    subject slot, so the parser passes it on as the Intent's scope); None for the speaker.
    The router then refuses another person's settings instead of changing the speaker's
    own (the mistake `set @ben quota` once made with quotas)."""
    mention = _MENTION.search(doc.text)
    if mention:
        return mention.group()
    for pattern in (_POSSESSIVE, _FOR, _NUDGING):
        for found in pattern.finditer(doc.text):
            name = _person(found.group(1))
            if name:
                return name
    return None


def _person(written: str) -> str | None:
    """The name as written, without words that name nobody ("for today", "it's")."""
    first, *rest = written.split()
    if first.lower() in _NOBODY or first.isdigit():
        return None
    return " ".join([first, *(w for w in rest if w.lower() not in _NOBODY)])


# Who did what a log or an undo is about, when it is not the speaker: "<@U07> closed
# Initech", "log a demo on behalf of @rita", "undo Ben's last log". Logs and undo are the
# speaker's own (the contract gives them no subject), so the router refuses these.
_DOER_FIRST: Final = re.compile(
    rf"^\s*({_AT})\s+(?i:made|had|did|logged|closed|won|lost|sent|booked|ran|held|got)\b"
)
# "for @rita" but not "for @ben's deal" (helping a colleague's deal is still your own work).
_ON_BEHALF: Final = re.compile(rf"\b(?i:on\s+behalf\s+of|for)\s+({_AT})(?![\w.-]*['’]s\b)")
_WHOSE_LOG: Final = re.compile(
    rf"({_AT}|\b[A-Za-z][\w-]*)['’]s\s+(?i:(?:last|latest|previous)\s+)?"
    r"(?i:logs?|entry|entries|activity|activities|deals?|calls?|demos?|meetings?|emails?)\b"
)


# A plain name in front of a won/lost verb and a named object: "Ben closed Initech for 24k",
# "fyi Rita Ames signed Globex". The object is the deal's account; the words in front are
# who did it (a bot mention may come first: "<@UBOT> Ben closed Initech").
_FRONT: Final = re.compile(
    r"^\s*(?:<@[A-Za-z0-9]+(?:\|[^<>]{0,80})?>[\s,:]*)?(?:(?i:fyi|btw|so|ok|okay)\b[\s,:-]*)?"
    r"([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?)\s+"
    r"(?i:closed|signed|won|lost|booked|inked|landed)\s+(?:the\s+)?([A-Z][\w&'.-]*)"
)
# Adverbs that open a message like a name would ("Officially signed Initech"); "-ly" alone
# would also take Emily or Kelly.
_ADVERB: Final = re.compile(r"\w{2,}(?:ally|fully|ily|ntly|tely|ously|ckly|ably|ibly)")


def doer_in_front(text: str) -> str | None:
    """The words in front of "closed/signed/won/lost <Name>", as written: never the account.
    None when the object is no name ("Initech signed NDA", "Acme closed Friday")."""
    found = _FRONT.match(text)
    if not found:
        return None
    front, obj = found.group(1), found.group(2).rstrip(".'")
    if front.split()[0].lower() in STOP or obj.lower() in STOP or re.fullmatch(r"[QqHh][1-4]", obj):
        return None  # "We closed Initech" is the speaker; "Acme signed MSA" has no object name
    return front


def doer_named(text: str, intent: str) -> str | None:
    """Someone other than the speaker named as who logged (or whose log to undo)."""
    patterns = (_WHOSE_LOG,) if intent == "undo" else (_DOER_FIRST, _ON_BEHALF)
    for pattern in patterns:
        for found in pattern.finditer(text):
            name = _person(found.group(1))
            if name:
                return name
    front = doer_in_front(text) if intent == "log_deal" else None
    if front and not _ADVERB.fullmatch(front):
        return _person(front)  # "Ben closed Initech": Ben's deal, refused like "@ben closed"
    return None

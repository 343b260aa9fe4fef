"""The reason a deal was lost, as written ("lost Hooli - went with Salesforce")."""

from __future__ import annotations

import re
from typing import Final

_BECAUSE: Final = re.compile(
    r"\b(?:because(?:\s+of)?|bc|b/c|cuz|cause|due\s+to|since|reason(?:\s+was)?\s*[:=-]?)\s+"
    r"(?=\S)",
    re.IGNORECASE,
)
_COMPETITOR: Final = re.compile(
    r"\b(?:went|going|gone|signed|opted|decided\s+to\s+go)\s+(?:with|w/|for)\s+\S"
    r"|\b(?:chose|picked|selected|prefer(?:red)?|stayed\s+with|renewed\s+with|staying\s+with)\s+\S"
    r"|\b(?:no|lost\s+(?:their\s+)?|cut\s+(?:the\s+)?|zero)\s*budget\b|\bbudget\s+(?:cut|freeze|froze)"
    r"|\b(?:too\s+expensive|price|pricing|timing|hiring\s+freeze|went\s+dark|ghosted|no\s+decision)\b",
    re.IGNORECASE,
)
_LOST_TO: Final = re.compile(r"\blost\s+(?:it\s+|the\s+deal\s+)?to\s+(?=\S)", re.IGNORECASE)
# "lost Acme to Salesforce": right after the account, a rival named.
_TO_RIVAL: Final = re.compile(r"\s+to\s+(?=[A-Z]|(?:a|another|the)\s+(?:competi|vendor|rival))")
_SEPARATOR: Final = re.compile(r"\s*(?:[-:;,(]|\|)\s*(?=\S)")
_CLAUSE_END: Final = re.compile(r"[.!?\n)]\s|[.!?)]*$|,|\s[-–]\s|[\U0001F300-\U0001FAFF]")
_STAGE_ONLY: Final = re.compile(
    r"^(?:closed[\s-]?lost|lost|dead|no\s+go|no-go|gone|it'?s\s+dead|rip|sadly|unfortunately"
    r"|oh\s+well|ugh|damn|sigh)\W*$",
    re.IGNORECASE,
)
# "went with a competitor" only says the deal is lost; "went with Salesforce" says why.
_GENERIC_RIVAL: Final = re.compile(
    r"^(?:went|going|gone|signed|opted|decided\s+to\s+go|chose|picked|selected|lost)\s+"
    r"(?:(?:with|w/|for|to)\s+)?(?:a|an|another|the|some)\s+(?:other\s+)?(?:competitor|vendor"
    r"|rival|competition|solution|provider)\b|^(?:to\s+)?(?:a|another)\s+competitor\b",
    re.IGNORECASE,
)
_NO_REASON: Final = re.compile(r"^[\W\d_$€£¥kKmM.,]*$")


def _clause(text: str, start: int) -> str | None:
    end = _CLAUSE_END.search(text, start)
    said = text[start : end.start() if end else len(text)].strip(" ,;:-'\"")
    if not said or _NO_REASON.match(said) or _STAGE_ONLY.match(said) or len(said) > 160:
        return None
    if _GENERIC_RIVAL.match(said):
        return None
    return said


def lost_reason(text: str, after: int) -> str | None:
    """The reason given for a lost deal, looked for past offset `after` (the account or the
    lost cue, whichever ends later), else anywhere for a competitor phrase."""
    because = _BECAUSE.search(text, after)
    if because:
        return _clause(text, because.end())
    lost_to = _LOST_TO.search(text) or _TO_RIVAL.match(text, after)
    if lost_to:
        named = _clause(text, lost_to.end())
        if named and not _GENERIC_RIVAL.match(named):
            return f"lost to {named}"
        # "lost X to a competitor, price": the rival says nothing; what follows it may.
        end = _CLAUSE_END.search(text, lost_to.end())
        if not end or end.end() >= len(text):
            return None
        sep = _SEPARATOR.match(text, end.start())
        return _clause(text, sep.end()) if sep else None
    competitor = _COMPETITOR.search(text, after) or _COMPETITOR.search(text)
    if competitor:
        return _clause(text, competitor.start())
    sep = _SEPARATOR.match(text, after)
    return _clause(text, sep.end()) if sep else None

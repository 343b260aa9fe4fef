"""Talk that is not a request to the bot: small talk, messages to a colleague, and text aimed
at the bot's own rules. All of it is `unknown`, with a note the router can answer briefly."""

from __future__ import annotations

import re
from typing import Final

_END = r"[\W_]*$"
_LEAD = r"^[^\w<@]*"
_TO_BOT = r"(?:\s+(?:there|all|team|everyone|everybody|folks|guys|y'?all|quotabot|bot|mate|man))?"
_GREETING: Final = re.compile(
    rf"{_LEAD}(?:hi+|hey+|hello+|helo|yo|hiya|howdy|heya|sup|wassup|what'?s\s+up|good\s+"
    rf"(?:morning|afternoon|evening|day)|morning|gm|greetings|happy\s+\w+day){_TO_BOT}{_END}",
    re.IGNORECASE,
)
_THANKS: Final = re.compile(
    rf"{_LEAD}(?:thanks+|thank\s+(?:you|u)|thx|tx|ty|tyvm|cheers|much\s+appreciated"
    rf"|appreciate\s+(?:it|that|you)|great,?\s+thanks|perfect|awesome|nice\s+one|cool|got\s+it"
    rf"|ok(?:ay)?|kk|sounds\s+good|love\s+it|you'?re\s+the\s+best|legend)"
    rf"(?:\s+(?:so\s+much|a\s+lot|a\s+ton|very\s+much|again|buddy|pal))*{_TO_BOT}{_END}",
    re.IGNORECASE,
)
_FAREWELL: Final = re.compile(
    rf"{_LEAD}(?:bye+|goodbye|good\s*night|gn|nite|see\s+(?:ya|you)(?:\s+(?:later|tomorrow))?"
    rf"|later|ttyl|cya|have\s+a\s+(?:good|great|nice)\s+\w+|signing\s+off|i'?m\s+out)"
    rf"{_TO_BOT}{_END}",
    re.IGNORECASE,
)
# Orders aimed at the bot's rules rather than at sales data.
_INSTRUCTION: Final = re.compile(
    r"\b(?:ignore|disregard|forget|override|bypass)\s+(?:all\s+|any\s+|the\s+|your\s+|my\s+)?"
    r"(?:previous|prior|above|earlier|system|original|existing)?\s*(?:instructions?|rules|"
    r"prompts?|guidelines|restrictions|policies|constraints|programming|directives)\b"
    r"|\byou\s+are\s+now\b|\b(?:act|behave)\s+as\s+(?:an?\s+)?(?:admin|administrator|root|system"
    r"|developer|dan)\b|\bpretend\s+(?:to\s+be|you\s+are)\b|\b(?:admin|developer|god|debug)\s+mode"
    r"\b|^\s*(?:system|assistant|developer)\s*:|\bjailbreak|\bsystem\s+prompt\b|\bnew\s+"
    r"instructions\s*:|\bdo\s+anything\s+now\b|\b(?:reveal|print|show)\s+(?:your|the)\s+"
    r"(?:prompt|instructions|rules)\b|^\s*override\s*:"
)
_RULE_WORDS: Final = (
    "ignor", "disregard", "forget", "overrid", "bypass", "you are now", "act as", "behave as",
    "pretend", " mode", "system", "assistant", "developer", "jailbreak", "instruction",
    "anything now", "prompt", "rules",
)  # fmt: skip
# Writes to everything at once ("mark all deals as won") are never a chat request.
_BULK: Final = re.compile(
    r"\bevery(?:one'?s|body'?s)?\s+deals?\b.{0,30}\b(?:won|lost|delete|remove)\b"
    r"|\b(?:delete|wipe|drop|erase)\s+(?:all|every|everyone'?s)\b"
    r"|\b(?:mark|set|make|move|close|update)\s+(?:all|every|each|everyone'?s)\s+(?:of\s+)?"
    r"(?:the\s+|my\s+|our\s+)?(?:deals?|opps?|opportunities|logs?|quotas?|targets?)\b"
)
# A mention (or a plain @name) opening the message, then talk to that person.
_TO_PERSON: Final = re.compile(
    r"^\s*(?:(?:hey|hi|yo|ok|so|fyi)[\s,]+)?(?:<@[A-Za-z0-9]+(?:\|[^<>]{0,80})?>|@[A-Za-z][\w.-]*)"
    r"[\s,:!-]+(?P<rest>.+)$",
    re.IGNORECASE | re.DOTALL,
)
_SECOND_PERSON: Final = re.compile(
    r"\b(?:you|your|you'?re|u|ur|ya|thanks|thank|thx|ty|congrats|nice\s+work|great\s+job"
    r"|welcome|let'?s|lmk|pls\s+send|send\s+me|ping\s+me|call\s+me|can\s+we|shall\s+we"
    r"|(?:great|nice|awesome|amazing|killer|solid)\s+(?:job|work|demo|call|pitch|meeting|close)"
    r"|well\s+done|kudos|good\s+job|shout-?out|congrats|congratulations)\b",
    re.IGNORECASE,
)
_BOT_WORDS: Final = re.compile(
    r"\b(?:log|logged|undo|help|quota|pipeline|pipe|forecast|leaderboard|nudges?|reminders?"
    r"|timezone|target|goal|attainment|record|track|stats)\b",
    re.IGNORECASE,
)


def small_talk(text: str) -> str | None:
    """ "greeting", "thanks" or "farewell" when the whole message is only that."""
    if len(text) > 60:
        return None
    if _GREETING.match(text):
        return "greeting"
    if _THANKS.match(text):
        return "thanks"
    if _FAREWELL.match(text):
        return "farewell"
    return None


def not_for_the_bot(text: str) -> str | None:
    """ "instruction" for text aimed at the bot's rules, "to_colleague" for talk addressed to
    someone else ("<@U07RT> can you send me the deck?"), else None."""
    low = text.lower()
    if any(w in low for w in _RULE_WORDS) and _INSTRUCTION.search(low):
        return "instruction"
    if any(w in low for w in ("all ", "every", "each ")) and _BULK.search(low):
        return "instruction"
    to = _TO_PERSON.match(text)
    if to:
        rest = to.group("rest")
        if _SECOND_PERSON.search(rest) and not _BOT_WORDS.search(rest):
            return "to_colleague"
    return None

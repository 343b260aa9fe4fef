"""A deal's own name after its account ("new opp Acme renewal 20k") and field words trimmed
from an account ("update cyberdyne amount to 38k")."""

from __future__ import annotations

from typing import Final

from nlp.analysis import Doc
from nlp.lexicon import STOP, words
from nlp.names import index_at

# Words that name which deal, though they are stop words elsewhere ("Acme renewal").
_NAME_OK: Final = words("renewal poc pilot upsell expansion rollout trial add-on")
# What may follow a deal's name: its amount (masked) or "for 40k", "at $5k", "worth 5k".
_BEFORE_AMOUNT: Final = words("for at worth @ - – : ,")
# An edit names the field it changes after the account: not part of the account's name.
FIELDS: Final = words("amount value size close closing date stage acv arr tcv deal opp")


def deal_name(doc: Doc, account: str) -> str | None:
    """One to three lower-case words right after a new deal's account and before its amount
    ("new deal Globex expansion for 40k" -> "expansion"), or a deal word ending the message
    ("new opp Acme renewal")."""
    at = doc.text.find(account)
    if at < 0:
        return None
    tokens = doc.tokens
    j = index_at(tokens, at + len(account))
    said: list[str] = []
    while j < len(tokens) and tokens[j].kind == "word" and len(said) < 4:
        word = tokens[j].text
        low = word.lower()
        stop = (low in STOP and low not in _NAME_OK) or low in FIELDS or low in _BEFORE_AMOUNT
        if word != low or stop:
            break
        said.append(word)
        j += 1
    if not said or len(said) > 3:
        return None
    # "Globex expansion for 40k": an amount follows; "Acme renewal": a deal word ends it.
    if j < len(tokens) and tokens[j].text.lower() in _BEFORE_AMOUNT:
        j += 1
    priced = j < len(tokens) and tokens[j].kind == "mask"
    ends = j >= len(tokens) and said[-1].lower() in _NAME_OK
    return " ".join(said) if priced or ends else None


def without_fields(account: str) -> str:
    """ "cyberdyne amount" -> "cyberdyne", "initech close date" -> "initech"."""
    parts = account.split()
    while len(parts) > 1 and parts[-1].islower() and parts[-1] in FIELDS:
        parts.pop()
    return " ".join(parts)

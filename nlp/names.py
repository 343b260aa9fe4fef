"""Customer (account) and contact names as written, found around activity and deal words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from nlp.lexicon import CAP_OK, COMPANY_SUFFIXES, CONNECTORS, STOP, TRAILING

_TOKEN: Final = re.compile(
    r"(?P<mask>_+)|(?P<w>w/)"
    r"|(?P<word>(?:\d+-)?[^\W\d_](?:[^\W_]|['&]|-(?=[^\W_]))*(?:\.[^\W\d_][^\W_&]*)*)"
    r"|(?P<num>\d[\w.,]*)|(?P<p>\S)"
)
_NOT_NAME: Final = re.compile(r"^(?:q[1-4]|x\d+|\d+|[a-z]\d+)$", re.IGNORECASE)
# Country prefixes that collide with stop words ("US Bank").
_COUNTRY_PREFIX: Final = frozenset({"US", "UK", "EU", "IT"})
PREPOSITIONS: Final = frozenset({"with", "w/", "w", "to", "at", "@", "for", "from", "by", "re"})
_CONTACT_JOIN: Final = frozenset({"at", "from", "@", "of"})


@dataclass(frozen=True)
class Token:
    """A word, number, mask or punctuation mark with its offsets."""

    text: str
    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Name:
    """A captured name: its offsets, whether it is capitalised, and the token after it."""

    start: int
    end: int
    capitalised: bool
    next_index: int


def tokenize(masked: str) -> list[Token]:
    """Split text whose dates/amounts are masked with underscores into tokens."""
    return [
        Token(m.group(), m.lastgroup or "p", m.start(), m.end()) for m in _TOKEN.finditer(masked)
    ]


def _is_cap(word: str) -> bool:
    return word[:1].isupper() or (len(word) > 1 and word[1].isupper() and word[0].isalpha())


def _base(word: str) -> tuple[str, bool]:
    low = word.lower()
    for suffix in ("'s", "s'"):
        if low.endswith(suffix) and len(word) > 2:
            return word[: -len(suffix) + (1 if suffix == "s'" else 0)], True
    return word.rstrip("'"), False


def _is_word(tokens: list[Token], i: int, word: str) -> bool:
    return i < len(tokens) and tokens[i].kind == "word" and tokens[i].text.lower() == word


def _cap_word(tok: Token) -> bool:
    return tok.kind == "word" and _is_cap(tok.text)


def _cap_follows(tokens: list[Token], j: int) -> bool:
    nxt = tokens[j + 1] if j + 1 < len(tokens) else None
    return bool(nxt and nxt.kind == "word" and _is_cap(nxt.text) and nxt.text.lower() not in STOP)


def _team_follows(tokens: list[Token], j: int) -> bool:
    """ "the sable & co team": a lower-case name closed by a generic noun within a few words."""
    for k in range(j, min(j + 5, len(tokens))):
        text = tokens[k].text.lower()
        if text in TRAILING and k > j:
            return True
        if tokens[k].kind != "word" and tokens[k].text not in ("&", "+"):
            return False
    return False


def _kept_stop(tokens: list[Token], j: int, base: str, cap: bool, inside: bool) -> bool:
    """A stop word that still belongs to a name: "Capital One", "US Bank", "New Relic"."""
    low = base.lower()
    if cap and low in CAP_OK and (inside or _cap_follows(tokens, j)):
        return True
    if base == "The" and not inside:
        return _cap_follows(tokens, j)
    return base in _COUNTRY_PREFIX and _cap_follows(tokens, j)


def capture(tokens: list[Token], i: int, *, allow_lower: bool) -> Name | None:
    """Read a name starting at token i; capitalised names may hold connectors like "&"."""
    n = len(tokens)
    # "the Sable & Co team" names a company; "the new dashboard" does not. A capital "The"
    # inside a sentence is part of the name ("The Home Depot").
    the = _is_word(tokens, i, "the") and (tokens[i].text == "the" or i == 0)
    if the and i + 1 < n and (_cap_word(tokens[i + 1]) or _team_follows(tokens, i + 1)):
        i += 1
    words: list[Token] = []
    text_end = 0
    cap_mode: bool | None = None
    j = i
    while j < n and len(words) < 6:
        tok = tokens[j]
        if tok.kind != "word":
            if (
                tok.text in ("&", "+")
                and cap_mode is not None
                and words
                and j + 1 < n
                and tokens[j + 1].kind == "word"
                and (_cap_word(tokens[j + 1]) or not cap_mode)
                and tokens[j + 1].text.lower() not in STOP
            ):
                words.append(tok)
                j += 1
                continue
            break
        base, possessive = _base(tok.text)
        low = base.lower()
        cap = _is_cap(base)
        if cap_mode and words and low in CONNECTORS and tok.text != tok.text.upper():
            nxt = tokens[j + 1] if j + 1 < n else None
            if nxt and nxt.kind == "word" and _is_cap(nxt.text) and nxt.text.lower() not in STOP:
                words.append(tok)
                j += 1
                continue
            break
        if low in STOP and not _kept_stop(tokens, j, base, cap, bool(cap_mode and words)):
            break
        if "-" in low and low.split("-")[0] in STOP:
            break  # "closed-lost", "follow-up"
        if _NOT_NAME.match(base) or not base:
            break
        if cap_mode is None:
            if not cap and not allow_lower:
                break
            cap_mode = cap
        elif (cap_mode and not cap) or (not cap_mode and len(words) >= 3):
            break
        words.append(tok)
        text_end = tok.start + len(base)
        j += 1
        if possessive:
            break
    while words and words[-1].text.lower() in TRAILING:
        words.pop()
        text_end = words[-1].end if words else 0
    while words and words[-1].kind != "word":
        words.pop()
        text_end = words[-1].end if words else 0
    if not words:
        return None
    start = words[0].start
    return Name(start, text_end, bool(cap_mode), j)


def name_text(original: str, name: Name) -> str:
    """The name as written in the original text, trimmed of trailing punctuation."""
    return original[name.start : name.end].strip(" .,;:!?-'\"")


def person_like(text: str) -> bool:
    """One to three words with no company suffix: likely a person, not a company."""
    parts = text.split()
    return 0 < len(parts) <= 3 and not any(p.lower().strip(".") in COMPANY_SUFFIXES for p in parts)


def contact_after(tokens: list[Token], name: Name) -> Name | None:
    """The company in "Jane Doe at/from/@ Contoso" or "Elena Petrova (Koenig GmbH)"."""
    j = name.next_index
    if j >= len(tokens):
        return None
    tok = tokens[j]
    if tok.text.lower() in _CONTACT_JOIN:
        return capture(tokens, j + 1, allow_lower=not name.capitalised)
    if tok.text == "(":
        return capture(tokens, j + 1, allow_lower=True)
    return None


def index_at(tokens: list[Token], offset: int) -> int:
    """Index of the first token starting at or after a character offset."""
    for k, tok in enumerate(tokens):
        if tok.start >= offset:
            return k
    return len(tokens)

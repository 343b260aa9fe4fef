"""Money amounts in every common notation ("$24k", "24,500", "€8.5k", "40 grand", "USD 12000")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from nlp.lexicon import words
from nlp.numbers import WORD_NUMBER, word_to_int

SYMBOLS: Final = {
    "$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "c$": "CAD",
    "ca$": "CAD", "a$": "AUD", "au$": "AUD", "r$": "BRL", "₩": "KRW", "chf": "CHF",
}  # fmt: skip
# Written-out ISO 4217 codes reps actually use; a closed list avoids reading "EOM" as money.
CODES: Final = words(
    "USD EUR GBP JPY CAD AUD NZD CHF SEK NOK DKK PLN CZK HUF INR CNY HKD SGD KRW BRL MXN "
    "ZAR AED SAR ILS TRY RUB THB MYR IDR PHP TWD VND COP CLP ARS PEN NGN KES EGP RON"
)
WORDS: Final = {
    "dollars": "USD", "dollar": "USD", "bucks": "USD", "euros": "EUR", "euro": "EUR",
    "pounds": "GBP", "quid": "GBP", "yen": "JPY", "rupees": "INR",
}  # fmt: skip
# Far above any real deal, so the handler (not the parser) tells a rep their number is off;
# longer digit runs are not money at all.
MAX_AMOUNT: Final = 1e15
SCALE: Final = {
    "k": 1e3, "K": 1e3, "grand": 1e3, "thousand": 1e3, "m": 1e6, "M": 1e6, "mm": 1e6,
    "MM": 1e6, "mil": 1e6, "mill": 1e6, "million": 1e6, "millions": 1e6, "b": 1e9, "bn": 1e9,
    "B": 1e9, "billion": 1e9,
}  # fmt: skip

_SYM = r"(?P<sym>(?i:us\$|c\$|ca\$|a\$|au\$|r\$)|[$€£¥₹₩])"
_CODE = r"(?P<code>[A-Za-z]{3})"
# European forms only where a currency or scale makes them unambiguous: "30 000 €", "2,5k".
_NUM = (
    r"(?P<num>(?P<eu>\d{1,3}(?:[ .]\d{3})+(?=\s?(?:[$€£¥]|[A-Z]{3}\b)))"
    r"|(?P<dc>\d+,\d{1,2}(?=\s?[kKmM]\b))"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
)
_SUF = r"(?P<suf>k|K|mm|MM|m|M|mil|mill|million|millions|bn|b|B|billion|thousand|grand)"
_POST = r"(?P<post>[A-Za-z]{3}|dollars?|bucks|euros?|pounds|quid|yen|rupees)"
_AMOUNT: Final = re.compile(
    rf"(?:{_SYM}\s?|\b{_CODE}\s?|(?<![\w.,])){_NUM}(?:\s?{_SUF}(?![A-Za-z]))?"
    rf"(?:\s?{_POST}\b)?(?:\s?(?P<psym>[$€£¥₹]))?"
)
_MINUS: Final = re.compile(r"(?:^|[\s(])-\s?$|−$")
_WORD_AMOUNT: Final = re.compile(
    rf"\b(?P<n>{WORD_NUMBER}|half\s+an?|an?)\s+(?P<suf>grand|thousand|mil|million|k)\b"
    r"(?:\s+(?P<post>dollars|bucks|euros|pounds|quid|yen))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Money:
    """An amount with its span; `explicit` when a symbol, code or scale word marks it as money."""

    start: int
    end: int
    value: float
    currency: str | None
    explicit: bool


def _currency(m: re.Match[str]) -> tuple[str | None, bool]:
    sym, code, post = m.group("sym"), m.group("code"), m.group("post")
    sym = sym or m.group("psym")
    if sym:
        return SYMBOLS[sym.lower()], True
    for c in (code, post):
        if c and c.upper() in CODES:
            return c.upper(), True
    if post and post.lower() in WORDS:
        return WORDS[post.lower()], True
    return None, False


def _number(m: re.Match[str]) -> float:
    raw = m.group("num")
    if m.group("eu"):
        return float(raw.replace(" ", "").replace(".", ""))  # "30 000 €", "30.000 €"
    if m.group("dc"):
        return float(raw.replace(",", "."))  # "2,5k"
    return float(raw.replace(",", ""))


def find_money(text: str) -> list[Money]:
    """Every number that can be an amount; plain numbers are kept with explicit=False."""
    found: list[Money] = []
    for m in _AMOUNT.finditer(text):
        currency, marked = _currency(m)
        start, end = m.start(), m.end()
        code = m.group("code")
        if code and not (currency and code.upper() == currency):
            if m.end("code") == m.start("num"):
                continue  # "abc123" is a token, not a word and an amount
            start = m.start("num")  # a 3-letter word before the number that is no currency
        if m.group("post") and currency is None:
            end = m.end("suf") if m.group("suf") else m.end("num")
        suf = m.group("suf")
        value = _number(m)
        if suf:
            value *= SCALE[suf]
        if not 0 <= value <= MAX_AMOUNT:
            continue  # a digit run, not money
        if _MINUS.search(text, max(0, start - 2), start):
            value = -value  # "-$24k": kept negative so the deal is questioned, not written
        found.append(Money(start, end, value, currency, marked or bool(suf)))
    scaled = any(w in text for w in ("grand", "thousand", "mil", " k", "K"))
    for m in _WORD_AMOUNT.finditer(text) if scaled else ():
        if any(m.start() < f.end and f.start < m.end() for f in found):
            continue
        raw = m.group("n").lower()
        n = 0.5 if raw.startswith("half") else word_to_int(raw)
        if n is None:
            continue
        post = m.group("post")
        currency = WORDS[post.lower()] if post else None
        found.append(Money(m.start(), m.end(), n * SCALE[m.group("suf").lower()], currency, True))
    found.sort(key=lambda f: f.start)
    return found


def as_number(value: float) -> int | float:
    """JSON-friendly number: integral values become ints."""
    return round(value) if abs(value - round(value)) < 1e-6 else round(value, 2)

"""Money amounts in every common notation ("$24k", "24,500", "€8.5k", "40 grand", "USD 12000")."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
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
# A plain number (no symbol, code or scale) longer than this is a digit run, not money; a
# marked amount is kept as written however large, for the handler to judge.
MAX_AMOUNT: Final = 1e15
# Upper-case words written after a number that are not currencies ("60k ARR", "5000 EOD").
NOT_CODES: Final = words(
    "ARR MRR ACV TCV NRR GRR EOD EOW EOM EOQ EOY YTD QTD MTD ETA TBD POC SOW MSA NDA RFP RFQ "
    "KPI ROI SKU API CRM ERP CEO CFO CTO COO CMO CRO CIO VPN AWS GCP PST EST CST MST PDT EDT "
    "CDT MDT GMT UTC CET BST IST JST AST HST NPS SLA SMB QBR OKR FTE PTO LOI YOY QOQ MOM AND "
    "THE FOR NET"
)
SCALE: Final = {
    "k": 1e3, "K": 1e3, "grand": 1e3, "thousand": 1e3, "m": 1e6, "M": 1e6, "mm": 1e6,
    "MM": 1e6, "mil": 1e6, "mill": 1e6, "million": 1e6, "millions": 1e6, "mn": 1e6, "Mn": 1e6,
    "b": 1e9, "bn": 1e9, "B": 1e9, "billion": 1e9,
}  # fmt: skip

_SYM = r"(?P<sym>(?i:us\$|c\$|ca\$|a\$|au\$|r\$)|[$€£¥₹₩])"
_CODE = r"(?P<code>[A-Za-z]{3})"
# European forms only where a currency or scale makes them unambiguous: "30 000 €", "2,5k".
_NUM = (
    r"(?P<num>(?P<eu>\d{1,3}(?:[ .]\d{3})+(?=\s?(?:[$€£¥]|[A-Z]{3}\b)))"
    r"|(?P<dc>\d+,\d{1,2}(?=\s?[kKmM]\b))"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)"
)
_SUF = r"(?P<suf>k|K|mm|MM|m|M|mil|mill|million|millions|mn|Mn|bn|b|B|billion|thousand|grand)"
_POST = r"(?P<post>[A-Za-z]{3}|dollars?|bucks|euros?|pounds|quid|yen|rupees)"
_AMOUNT: Final = re.compile(
    rf"(?:(?:{_SYM}|\b{_CODE})\s?(?P<neg>[-−](?=\d))?|(?<![\w.,])){_NUM}(?:\s?{_SUF}(?![A-Za-z]))?"
    rf"(?:\s?{_POST}\b)?(?:\s?(?P<psym>[$€£¥₹]))?"
)
_MINUS: Final = re.compile(r"(?:^|[\s(])-\s?$|−$")
_MINUS_WORD: Final = re.compile(r"\b(?:minus|negative)\s$", re.IGNORECASE)
# Money written with a symbol or code that is no finite number: "$NaN", "€inf", "∞ USD".
_UNREADABLE: Final = (
    re.compile(rf"(?:{_SYM}|\b{_CODE})\s?[-+−]?(?:(?i:nan|inf(?:inity)?)\b|∞)"),
    re.compile(r"(?:\b(?i:nan|inf(?:inity)?)|∞)\s?(?:(?P<sym>[$€£¥₹])|\b(?P<code>[A-Z]{3})\b)"),
)
_WORD_AMOUNT: Final = re.compile(
    rf"\b(?P<n>{WORD_NUMBER}|half\s+an?|an?)\s+(?P<suf>grand|thousand|mil|million|k)\b"
    r"(?:\s+(?P<post>dollars|bucks|euros|pounds|quid|yen))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Money:
    """An amount with its span; `explicit` when a symbol, code or scale word marks it as money;
    `readable` False when it is marked but no finite number ("$NaN", "$1e309"): value 0."""

    start: int
    end: int
    value: int | float
    currency: str | None
    explicit: bool
    readable: bool = True


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


def _written_code(m: re.Match[str], value: int | float) -> str | None:
    """An upper-case code after a sizeable amount, kept as written ("5k BTC", "5000 XYZ") so
    the handler can refuse what it does not accept; "60k ARR" is no currency."""
    post = m.group("post")
    if not post or not post.isupper() or not post.isalpha() or post in NOT_CODES:
        return None
    return post if m.group("suf") or abs(value) >= 100 else None


def _number(m: re.Match[str]) -> int | float:
    """The amount exactly as written ("$999999999999999999" stays that integer); inf when it
    overflows ("$1e309")."""
    raw = m.group("num")
    if m.group("eu"):
        raw = raw.replace(" ", "").replace(".", "")  # "30 000 €", "30.000 €"
    elif m.group("dc"):
        raw = raw.replace(",", ".")  # "2,5k"
    # Built from its digits and a shifted exponent: no rounding, whatever the size.
    digits, _, power = raw.replace(",", "").lower().partition("e")
    shift = round(math.log10(SCALE[m.group("suf")])) if m.group("suf") else 0
    power = power.lstrip("+")
    if len(power.lstrip("-")) > 3 or len(digits) > 400:
        return 0.0 if power.startswith("-") else math.inf  # far past any float: no number
    exact = Decimal(f"{digits}e{int(power or 0) + shift}")
    value = float(exact)
    if math.isfinite(value) and exact == exact.to_integral_value():
        return int(exact)
    return value


def _glued(m: re.Match[str]) -> bool:
    """A code written onto its number ("abc123"): a token, not a word and an amount."""
    return m.end("code") == (m.start("neg") if m.group("neg") else m.start("num"))


def find_money(text: str) -> list[Money]:
    """Every number that can be an amount; plain numbers are kept with explicit=False."""
    found: list[Money] = []
    for m in _AMOUNT.finditer(text):
        currency, marked = _currency(m)
        start, end = m.start(), m.end()
        code = m.group("code")
        if code and not (currency and code.upper() == currency):
            if _glued(m):
                continue
            start = m.start("num")  # a 3-letter word before the number that is no currency
        value = _number(m)
        if currency is None:
            currency = _written_code(m, value)
            marked = marked or currency is not None
        post = m.group("post")
        if post and (currency is None or currency not in (post.upper(), WORDS.get(post.lower()))):
            # A word after the amount that is not its currency ("60k ARR", "$5k for Acme").
            end = m.end("suf") if m.group("suf") else m.end("num")
        led = bool(m.group("sym")) or (code is not None and start == m.start())
        # "$1e309", "$10^6", "$5kish": marked as money, but no number we can read.
        odd = led and end < len(text) and (text[end].isalnum() or text[end] == "^")
        if (marked or m.group("suf")) and (odd or not math.isfinite(value)):
            found.append(Money(start, end, 0, currency, True, readable=False))
            continue
        if not marked and not m.group("suf") and not 0 <= value <= MAX_AMOUNT:
            continue  # a digit run, not money
        signed = bool(m.group("neg")) and start < m.start("num")  # "$-5k"; not "opp -5k"
        minus = _MINUS.search(text, max(0, start - 2), start)  # "-$24k"; "Acme - 5k" is a dash
        if signed or minus or _MINUS_WORD.search(text, max(0, start - 9), start):
            value = -value  # "-$24k", "$-5k": kept negative for the handler to refuse
        found.append(Money(start, end, value, currency, marked or bool(m.group("suf"))))
    _unreadable(text, found)
    low = text.lower()  # "Forty Grand", "FIVE K": the words are read in any case
    scaled = any(w in low for w in ("grand", "thousand", "mil", " k"))
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


def _code_like(word: str) -> bool:
    return word.upper() in CODES or (word.isupper() and word not in NOT_CODES)


def _unreadable(text: str, found: list[Money]) -> None:
    """Add "$NaN", "€inf", "∞ USD": money that is marked but is no number."""
    low = text.lower()
    if "nan" not in low and "inf" not in low and "∞" not in low:
        return
    for m in (m for rx in _UNREADABLE for m in rx.finditer(text)):
        code = m.group("code")
        if m.group("sym") is None and code and not _code_like(code):
            continue  # "for inf": a word, not a currency
        if not any(m.start() < f.end and f.start < m.end() for f in found):
            found.append(Money(m.start(), m.end(), 0, None, True, readable=False))


def as_number(value: int | float) -> int | float:
    """JSON-friendly number: integral values become ints."""
    return round(value) if abs(value - round(value)) < 1e-6 else round(value, 2)

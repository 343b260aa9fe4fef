"""Whole numbers written as digits or words ("three", "a couple", "twenty-five")."""

from __future__ import annotations

import math
import re
from typing import Final

UNITS: Final = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS: Final = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
# Vague quantities reps use; the contract fixes "a couple" = 2 and "a few" = 3.
VAGUE: Final = {
    "a couple of": 2, "a couple": 2, "couple of": 2, "couple": 2, "a pair of": 2,
    "a few": 3, "few": 3, "several": 3, "a handful of": 5, "a dozen": 12, "dozen": 12,
    "half a dozen": 6, "a": 1, "an": 1, "another": 1, "one more": 1, "single": 1,
}  # fmt: skip
TIMES: Final = {"once": 1, "twice": 2, "thrice": 3}

_UNIT_ALT = "|".join(sorted(UNITS, key=len, reverse=True))
_TENS_ALT = "|".join(sorted(TENS, key=len, reverse=True))
_VAGUE_ALT = "|".join(re.escape(v) for v in sorted(VAGUE, key=len, reverse=True))
_SMALL = rf"(?:(?:{_TENS_ALT})(?:[- ](?:{_UNIT_ALT}))?|{_UNIT_ALT})"
# "three hundred", "a hundred and five", "fifteen hundred", "two thousand four hundred".
_HUNDREDS = rf"(?:(?:{_SMALL}|a)\s+hundred(?:\s+(?:and\s+)?{_SMALL})?)"
_THOUSANDS = (
    rf"(?:(?:{_HUNDREDS}|{_SMALL}|a)\s+thousand(?:\s+(?:and\s+)?(?:{_HUNDREDS}|{_SMALL}))?)"
)
WORD_NUMBER: Final = rf"(?:{_THOUSANDS}|{_HUNDREDS}|{_SMALL})"
# A numeral as written, sign, decimals and exponent included ("-3", "3.5", "1,200", "1e3"):
# a count is read whole so that an odd one is questioned, never cut to a digit.
NUMERAL: Final = r"[-−]?(?:\d{1,3}(?:,\d{3})+|\d+(?:[.,]\d+)?)(?:e[+-]?\d+)?"
# A count as written before a noun: a numeral, number words or vague quantities.
COUNT: Final = rf"(?:{NUMERAL}|{WORD_NUMBER}|{_VAGUE_ALT})"


def numeral(said: str) -> int | float:
    """A NUMERAL's value: an int when whole, else a float (nan when it cannot be read)."""
    sign = -1 if said.startswith(("-", "−")) else 1
    body = said.lstrip("-−")
    body = body.replace(",", "") if re.fullmatch(r"\d{1,3}(?:,\d{3})+", body) else body
    digits, _, power = body.replace(",", ".").partition("e")
    if len(digits) > 400 or len(power.lstrip("+-")) > 3:
        return math.nan
    value = float(f"{digits}e{power or 0}")
    if not math.isfinite(value):
        return math.nan
    if not value.is_integer():
        return sign * value
    exact = "." not in digits and not power.startswith("-")  # digits kept, not float-rounded
    return sign * (int(digits) * 10 ** int(power or 0) if exact else int(value))


def word_to_int(word: str) -> int | None:
    """Convert "7", "seven", "twenty-one", "a couple of" to an int, else None."""
    w = word.strip().lower()
    if w.isdigit():
        return int(w) if len(w) <= 6 else None
    if w in VAGUE:
        return VAGUE[w]
    return _spelled(re.split(r"[-\s]+", w))


def _spelled(parts: list[str]) -> int | None:
    """ "twenty one", "three hundred and five", "two thousand four hundred" -> int."""
    total = current = 0
    for k, part in enumerate(parts):
        if part in UNITS or part in TENS:
            current += UNITS.get(part, 0) + TENS.get(part, 0)
        elif part == "hundred" and current < 100:
            current = (current or 1) * 100
        elif part == "thousand" and total == 0:
            total, current = (current or 1) * 1000, 0
        elif not (part == "a" and k == 0) and not (part == "and" and k):
            return None
    return total + current if parts and parts != ["a"] else None

"""Whole numbers written as digits or words ("three", "a couple", "twenty-five")."""

from __future__ import annotations

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
WORD_NUMBER: Final = rf"(?:(?:{_TENS_ALT})(?:[- ](?:{_UNIT_ALT}))?|{_UNIT_ALT})"
# A count as written before a noun: digits, number words or vague quantities.
COUNT: Final = rf"(?:\d{{1,4}}|{WORD_NUMBER}|{_VAGUE_ALT})"


def word_to_int(word: str) -> int | None:
    """Convert "7", "seven", "twenty-one", "a couple of" to an int, else None."""
    w = word.strip().lower()
    if w.isdigit():
        return int(w) if len(w) <= 6 else None
    if w in VAGUE:
        return VAGUE[w]
    if w in UNITS:
        return UNITS[w]
    if w in TENS:
        return TENS[w]
    parts = re.split(r"[- ]", w)
    if len(parts) == 2 and parts[0] in TENS and parts[1] in UNITS:
        return TENS[parts[0]] + UNITS[parts[1]]
    return None

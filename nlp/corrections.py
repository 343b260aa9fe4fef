"""Cues of a message that corrects what was just logged ("oops that was 4 calls not 3")."""

from __future__ import annotations

import re
from typing import Final

# "oops that was 4 calls not 3", "make that 4 calls": the last log said again, corrected.
CORRECTION: Final = re.compile(
    r"\b(?:that\s+was|make\s+(?:that|it)|i\s+meant|meant|should\s+(?:have\s+been|be|'?ve\s+been))"
    r"\s+(?:\w+\s+)?(?:\d|a\b|an\b|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"|\bnot\s+\d+\W*$|^\W*correction\b"
)
# "oops Initech was 25k not 24k", "Initech was actually 25k": an amount said again, corrected
# (only with a correction word: "October was $80k" reports, it edits nothing).
DEAL_WAS: Final = re.compile(
    r"^(?!\s*(?:i|i'?m|im|we|we'?re|my|our|it|it'?s|that|this|he|she|they|you|team)\b)"
    r"[^.?!\n]{2,60}?\bwas\s+(?:actually\s+|really\s+)?(?=[$€£¥]|\d)"
)
AMOUNT_FIX: Final = re.compile(
    r"\b(?:actually|oops|whoops|sorry|correction|my\s+bad)\b|\bnot\s+[$€£¥]?\d"
)

"""Message clean-up shared by all extractors: control characters, quotes, size cap, masking."""

from __future__ import annotations

import re
from typing import Final

# Real chat messages are short; capping keeps the offline parse sub-millisecond even for
# pasted 10 KB blobs while still seeing facts buried in the middle of a long message.
MAX_CHARS: Final = 1200

_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
)
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-", "\u00a0": " "})
_SPACES = re.compile(r"\s+")
MENTION = re.compile(r"<[@#!][A-Za-z0-9]+(?:\|[^<>]{0,80})?>")
# Slack writes a link as <url|label> (a domain or address typed becomes one): read the label,
# or the address without its scheme when there is none.
_LINK = re.compile(r"<(?:https?://|mailto:|tel:)([^<>|\s]{1,200})(?:\|([^<>]{1,80}))?>")
# Where one clause of a message ends: "called Acme, demo Friday", "... and booked a demo".
CLAUSE_BREAK: Final = re.compile(r"[,.;!?\n]|\s(?:and|&|but|then|plus)\s")


def clause(low: str, pos: int) -> tuple[int, int]:
    """The span of the clause around a character offset."""
    start = max((m.end() for m in CLAUSE_BREAK.finditer(low, 0, pos)), default=0)
    after = CLAUSE_BREAK.search(low, pos)
    return start, after.start() if after else len(low)


def clean(text: str) -> str:
    """Return the text with control/format characters removed and whitespace collapsed."""
    if len(text) > MAX_CHARS * 4:
        text = text[: MAX_CHARS * 4]
    text = _CONTROL.sub(" ", text).translate(_QUOTES)
    if "<" in text:
        text = _LINK.sub(lambda m: m.group(2) or m.group(1), text)
    text = _SPACES.sub(" ", text).strip()
    if len(text) > MAX_CHARS:
        # Keep the head and tail: long messages usually state the fact early or at the end.
        half = MAX_CHARS // 2
        text = text[:half] + " . " + text[-half:]
    return text


def mask(text: str, spans: list[tuple[int, int]], char: str = "_") -> str:
    """Overwrite spans with a filler of the same length so offsets stay valid."""
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for i in range(start, min(end, len(chars))):
            if chars[i] != " ":
                chars[i] = char
    return "".join(chars)

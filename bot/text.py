"""Inbound text hygiene: drop control characters, keep emoji and right-to-left scripts."""

from __future__ import annotations

import unicodedata


def clean(text: str) -> str:
    # Cc/Cf (NUL, ESC, bidi overrides) can corrupt a terminal or a log line; newlines become spaces.
    kept = []
    for char in text:
        if char in "\n\t\r":
            kept.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cs") or char in "\u202a\u202b\u202c\u202d\u202e":
            continue
        else:
            kept.append(char)
    return " ".join("".join(kept).split())

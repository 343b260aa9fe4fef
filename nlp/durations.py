"""Meeting/call lengths in whole minutes ("45 min", "1h15", "an hour and a half")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from nlp.numbers import WORD_NUMBER, word_to_int

_H = r"(?:h|hr|hrs|hour|hours)"
_M = r"(?:m|min|mins|minute|minutes)"
_N = rf"(\d{{1,3}}(?:\.\d+)?|{WORD_NUMBER}|an?)"
_RULES: Final = [
    (
        "hm",
        re.compile(
            rf"(?<![\d.,$€£¥])\b(\d{{1,2}})\s*{_H}\s*(?:and\s+)?(\d{{1,2}})\s*{_M}?(?![\w%$])"
        ),
    ),
    ("h_half", re.compile(rf"\b{_N}\s*{_H}\s+and\s+a\s+half\b")),
    ("half_h", re.compile(r"\bhalf\s+(?:an\s+)?hour\b|\b30\s*-\s*min")),
    ("quarter_h", re.compile(r"\b(a|three)\s+quarters?\s+(?:of\s+an\s+)?hour\b")),
    ("hour_long", re.compile(r"\b(?:an\s+|one\s+)?hour[\s-]long\b")),
    ("h_and_m", re.compile(rf"\b{_N}\s*{_H}\s+and\s+(\d{{1,2}}|{WORD_NUMBER})\s*{_M}\b")),
    ("h", re.compile(rf"(?<![\d.,$€£¥])\b{_N}\s*-?\s*{_H}(?:-long)?\b")),
    ("m", re.compile(rf"(?<![\d.,$€£¥])\b(\d{{1,3}}|{WORD_NUMBER})\s*-?\s*{_M}(?![\w'])")),
]

_MAYBE: Final = re.compile(r"\d\s*-?\s*[hm]|hour|hr|min")


@dataclass(frozen=True)
class DurationHit:
    """A duration found in the text, with its span."""

    start: int
    end: int
    minutes: int


def _num(s: str) -> float | None:
    s = s.strip()
    try:
        return float(s)
    except ValueError:
        n = word_to_int(s)
        return float(n) if n is not None else None


def find_durations(text: str, low: str) -> list[DurationHit]:
    """Durations; `text` keeps case so "30m" (minutes) is told apart from "2.5M" (millions)."""
    hits: list[DurationHit] = []
    if not _MAYBE.search(low):
        return hits  # most messages state no duration: one cheap scan instead of six
    for kind, rx in _RULES:
        for m in rx.finditer(low):
            if any(m.start() < h.end and h.start < m.end() for h in hits):
                continue
            g = m.groups()
            minutes: float | None
            if kind == "hm":
                minutes = int(g[0]) * 60 + int(g[1])
            elif kind == "h_half":
                n = _num(g[0])
                minutes = None if n is None else n * 60 + 30
            elif kind == "half_h":
                minutes = 30
            elif kind == "quarter_h":
                minutes = 45 if g[0] == "three" else 15
            elif kind == "hour_long":
                minutes = 60
            elif kind == "h_and_m":
                n, extra = _num(g[0]), _num(g[1])
                minutes = None if n is None or extra is None else n * 60 + extra
            elif kind == "h":
                n = _num(g[0])
                minutes = None if n is None else n * 60
            else:
                if text[m.end() - 1 : m.end()] == "M":  # upper-case M is millions
                    continue
                minutes = _num(g[0])
            if minutes is None or not 0 < minutes <= 24 * 60:
                continue
            hits.append(DurationHit(m.start(), m.end(), round(minutes)))
    hits.sort(key=lambda h: h.start)
    return hits

"""One log naming an account per activity: "3 calls to Acme, 2 emails to Globex"."""

from __future__ import annotations

import re
from typing import Any, Final

from nlp.analysis import Doc, analyse
from nlp.numbers import COUNT

# Where a list of activities breaks; a piece with no activity word of its own stays with
# the piece before it ("calls to Procter and Gamble" is one account).
_BREAK: Final = re.compile(
    r"\s*(?:[,;]|\s-\s|\band\b|\bthen\b|\bplus\b|\+|\s&\s)\s*(?:and\s+|also\s+|then\s+)*"
)
# "2 calls w/ Acme and 1 w/ Globex": the second count is of the same activity.
_ELLIPSIS: Final = re.compile(rf"^(?:{COUNT}|a|an|one\s+more)\s+(?=(?:w/|with|to|at|for)\s)")
_PLURAL: Final = {"call": "calls", "email": "emails", "meeting": "meetings", "demo": "demos"}


def _pieces(doc: Doc) -> list[str]:
    """The message cut at list breaks, each piece holding an activity word (or a count of
    the one before it)."""
    text, cuts, start = doc.text, [], 0
    for m in _BREAK.finditer(text):
        cuts.append((start, m.start()))
        start = m.end()
    cuts.append((start, len(text)))
    kept: list[tuple[int, int]] = []
    for begin, end in cuts:
        has_activity = any(begin <= m.start < end for m in doc.mentions)
        if kept and not has_activity and not _ELLIPSIS.match(text[begin:end].lower()):
            kept[-1] = (kept[-1][0], end)
        elif text[begin:end].strip():
            kept.append((begin, end))
    return [text[begin:end].strip() for begin, end in kept]


def accounts_per_item(doc: Doc, slots: dict[str, Any], log: Any) -> dict[str, Any] | None:
    """The log's slots with `items` and `accounts` (one per item) when pieces of the message
    name different accounts, else None. `log` is fill.log_activity (passed in: fill reads
    the whole message, this module only cuts it)."""
    pieces = _pieces(doc) if doc.mentions else []
    if len(pieces) < 2:
        return None
    items: list[dict[str, object]] = []
    accounts: list[str | None] = []
    kind = None
    for piece in pieces:
        ellipsis = _ELLIPSIS.match(piece.lower())
        if ellipsis and kind:
            piece = f"{piece[: ellipsis.end()]}{_PLURAL[kind]} {piece[ellipsis.end() :]}"
        said = analyse(piece, doc.today, dmy=doc.dmy)
        part, _, _ = log(said)
        if not part["items"] or (said.dates and part.get("date") != slots.get("date")):
            return None  # a piece that logs nothing, or on a day of its own: leave it whole
        kind = str(part["items"][-1]["activity"])
        items += part["items"]
        accounts += [part.get("account")] * len(part["items"])
    named = {a.casefold() for a in accounts if a}
    if len(named) < 2:
        return None
    return {
        **slots,
        "items": items,
        "account": next(a for a in accounts if a),
        "accounts": accounts,
    }

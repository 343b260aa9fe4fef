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
_BARE_NAME: Final = re.compile(r"^[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,2}$")
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


def _listed(doc: Doc, slots: dict[str, Any]) -> dict[str, Any] | None:
    """ "called Acme, Globex and Hooli": one activity said once, then a comma list of bare
    capitalised names: one each. Without a comma ("called Barnes and Noble") it is one name."""
    items, account = slots["items"], slots.get("account")
    if "," not in doc.text or len(doc.mentions) != 1 or len(items) != 1 or not account:
        return None
    first, *rest = [p.strip() for p in _BREAK.split(doc.text)]
    # "3 calls to Acme, Globex and Hooli" is one each too; "5 calls to ..." is not said how.
    if len(rest) < 2 or not first.endswith(account) or items[0]["count"] not in (1, len(rest) + 1):
        return None
    if not all(_BARE_NAME.match(name) for name in rest):
        return None
    accounts = [account, *rest]
    one = {"activity": items[0]["activity"], "count": 1}
    return {**slots, "items": [dict(one) for _ in accounts], "accounts": accounts}


def accounts_per_item(doc: Doc, slots: dict[str, Any], log: Any) -> dict[str, Any] | None:
    """The log's slots with `items` and `accounts` (one per item) when pieces of the message
    name different accounts, else None. `log` is fill.log_activity (passed in: fill reads
    the whole message, this module only cuts it)."""
    listed = _listed(doc, slots) if doc.mentions else None
    if listed:
        return listed
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

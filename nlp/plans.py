"""What a message books ahead ("booked a demo for Thursday"): the log it would be, that day."""

from __future__ import annotations

from typing import Any

from nlp.accounts import Party, activity_party
from nlp.activities import Mention, extract_items
from nlp.analysis import Doc, analyse
from nlp.text import clause


def planned_slots(doc: Doc, plan: list[Mention], party: Party) -> dict[str, Any] | None:
    """log_activity slots (items, account, contact, date) of the activities booked ahead, or
    None when nothing is booked for a day to come ("wants a demo next week" names no day)."""
    ahead = [d for d in doc.dates if d.value > doc.today]
    if not plan or not ahead:
        return None
    start, end = clause(doc.low, plan[0].start)
    day = next((d for d in ahead if start <= d.start < end), None)
    if day is None:  # "demo with Acme. Set for Friday.": the nearest day ahead after it
        day = next((d for d in ahead if d.start > plan[0].start), ahead[0])
    items, _ = extract_items(doc.count_text, plan, doc.counted)
    # "...and booked a demo with Globex for Friday": the plan's own account, else the message's.
    whole = start == 0 and end == len(doc.low)
    own = party if whole else activity_party(analyse(doc.text[start:end], doc.today, dmy=doc.dmy))
    who = own if own.account else party
    slots: dict[str, Any] = {"items": items}
    if who.account:
        slots["account"] = who.account
    if who.contact:
        slots["contact"] = who.contact
    slots["date"] = day.value.isoformat()
    return slots

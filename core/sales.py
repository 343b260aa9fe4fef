"""The sales vocabulary every layer shares: deal stages, activity kinds and quota metrics."""

from __future__ import annotations

from typing import Final

ACTIVITY_KINDS: Final = ("call", "email", "meeting", "demo")
STAGES: Final = ("prospecting", "qualification", "proposal", "negotiation", "won", "lost")
OPEN_STAGES: Final = ("prospecting", "qualification", "proposal", "negotiation")
STAGE_LABEL: Final = {
    "prospecting": "Prospecting",
    "qualification": "Qualification",
    "proposal": "Proposal",
    "negotiation": "Negotiation",
    "won": "Closed-won",
    "lost": "Closed-lost",
}
# Quota metrics, in the order answers list them (money first).
METRICS: Final = ("revenue", "deals", "activities", "calls", "emails", "meetings", "demos")
# Activity metrics -> the activity kind they count (None: every kind).
ACTIVITY_METRICS: Final[dict[str, str | None]] = {
    "activities": None,
    "calls": "call",
    "emails": "email",
    "meetings": "meeting",
    "demos": "demo",
}

"""The structured intent a chat message means (shared/spec/parse-contract.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

INTENTS: Final = (
    "log_activity",
    "log_deal",
    "check_quota",
    "pipeline_summary",
    "forecast",
    "team_stats",
    "leaderboard",
    "set_quota",
    "settings",
    "undo",
    "help",
    "unknown",
)
WRITE_INTENTS: Final = frozenset({"log_activity", "log_deal", "set_quota", "settings", "undo"})
PERIODS: Final = (
    "today",
    "yesterday",
    "this_week",
    "last_week",
    "next_week",
    "this_month",
    "last_month",
    "next_month",
    "this_quarter",
    "last_quarter",
    "next_quarter",
    "this_year",
    "last_year",
    "next_year",
)
SETTINGS: Final = ("nudges_off", "nudges_on", "nudge_time", "timezone")


@dataclass(frozen=True)
class Intent:
    """One parsed message: an intent name, its slots (JSON-shaped) and a confidence."""

    name: str
    slots: dict[str, Any] = field(default_factory=dict)
    confidence: float = 1.0

    @property
    def is_write(self) -> bool:
        return self.name in WRITE_INTENTS

    def to_json(self) -> dict[str, Any]:
        return {"intent": self.name, "slots": self.slots, "confidence": round(self.confidence, 2)}

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
WRITE_INTENTS: Final = frozenset(
    {
        "log_activity",
        "log_deal",
        "set_quota",
        "settings",
        "undo",
        # People commands (nlp/team_admin.py): outside the contract, writes all the same.
        "team_create",
        "team_members",
        "team_manager",
        "set_role",
        "team_sync",
        "team_reminders",
    }
)
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
# Written-out named periods (contract v2): a month "2026-10", a quarter "2026-Q3", a year
# "2025", an ISO week "2026-W48".
WRITTEN_PERIOD: Final = r"^\d{4}(?:-(?:0[1-9]|1[0-2])|-Q[1-4]|-W(?:0[1-9]|[1-4]\d|5[0-3]))?$"
METRICS: Final = (
    "activities", "calls", "emails", "meetings", "demos", "revenue", "deals", "attainment",
)  # fmt: skip
# Slots the handlers read that the contract's JSON leaves out: "accounts", one per item of
# a log that names an account per activity ("3 calls to Acme, 2 emails to Globex"), and
# "correction" on a log that corrects the last one ("that was 4 calls not 3"), "topic" on
# the help for a /quotabot command that did not parse ("role", "team").
BEYOND_CONTRACT: Final = frozenset({"accounts", "correction", "topic"})
# Notes on an Intent that the contract's JSON does not carry (Intent.note).
NOTES: Final = ("greeting", "thanks", "farewell", "planned", "to_colleague", "instruction")
# A value written but unreadable or out of range: the write stays below the bar, so the
# router asks (or says what it could not read) instead of saving a guess.
BAD_VALUES: Final = ("bad_amount", "bad_count", "bad_date", "bad_zone")


@dataclass(frozen=True)
class Intent:
    """One parsed message: an intent name, its slots (JSON-shaped) and a confidence.

    `note`, `scope` and `planned` are hints for the router that `to_json` (the contract)
    leaves out: `note` is one of NOTES for an unknown the bot can still answer briefly
    ("greeting", "thanks", "farewell"), a future activity that is not logged ("planned"), a
    message addressed to a colleague ("to_colleague") or aimed at the bot's rules
    ("instruction"), or one of BAD_VALUES on a write below the bar; `scope` is the team a
    leaderboard is asked for ("team" or a name as written), since the contract gives
    leaderboards no subject slot (and the person a settings message names, or who a log
    or undo is about when not the speaker, since those have none either); `planned` is
    the log_activity slots (items, account, contact, date ahead) of an activity booked for
    a later day, so a reminder can be offered."""

    name: str
    slots: dict[str, Any] = field(default_factory=dict)
    confidence: float = 1.0
    note: str | None = field(default=None, compare=False)
    scope: str | None = field(default=None, compare=False)
    planned: dict[str, Any] | None = field(default=None, compare=False)

    @property
    def is_write(self) -> bool:
        """Whether acting on it changes something: "change my time zone" names no zone, so
        it only asks which (a yes/no first would have nothing to save)."""
        if self.name == "settings":
            setting = self.slots.get("setting")
            return setting in ("nudges_on", "nudges_off") or "value" in self.slots
        return self.name in WRITE_INTENTS

    def to_json(self) -> dict[str, Any]:
        slots = {k: v for k, v in self.slots.items() if k not in BEYOND_CONTRACT}
        return {"intent": self.name, "slots": slots, "confidence": round(self.confidence, 2)}

"""Pydantic schema of the parse contract: validates any Intent that comes from outside (LLM)."""

from __future__ import annotations

import re
import zoneinfo
from datetime import date, timedelta
from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from nlp.intent import WRITTEN_PERIOD, Intent

IntentName = Literal[
    "log_activity", "log_deal", "check_quota", "pipeline_summary", "forecast", "team_stats",
    "leaderboard", "set_quota", "settings", "undo", "help", "unknown",
]  # fmt: skip
Relative = Literal[
    "today", "yesterday", "this_week", "last_week", "next_week", "this_month", "last_month",
    "next_month", "this_quarter", "last_quarter", "next_quarter", "this_year", "last_year",
    "next_year",
]  # fmt: skip
Written = Annotated[str, Field(pattern=WRITTEN_PERIOD)]  # "2026-10", "2026-Q3", "2025", "2026-W48"
Period = Relative | Written
Metric = Literal[
    "activities", "calls", "emails", "meetings", "demos", "revenue", "deals", "attainment"
]  # fmt: skip
ALLOWED_SLOTS: Final = {
    "log_activity": {"items", "account", "contact", "date", "duration_min"},
    # Beyond the contract: a new deal's own name ("Acme renewal"), the closed deals a
    # pipeline view asks for ("/pipeline lost this quarter").
    "log_deal": {
        "account",
        "amount",
        "currency",
        "stage",
        "close_date",
        "lost_reason",
        "deal_name",
    },
    "check_quota": {"subject", "period"},
    "pipeline_summary": {"subject", "period", "stage"},
    "forecast": {"subject", "period"},
    "team_stats": {"subject", "period", "metric"},
    "leaderboard": {"metric", "period"},
    "set_quota": {"subject", "metric", "target", "period"},
    "settings": {"setting", "value"},
    "undo": set(),
    "help": set(),
    "unknown": set(),
}
_ZONES: Final = frozenset(zoneinfo.available_timezones())
_HHMM: Final = re.compile(r"^(?:[01]\d|2[0-3]):[0-5]\d$")
_NAME: Final = re.compile(r"^[^\x00-\x1f<>{}]{1,120}$|^<[@#][A-Z0-9]+(?:\|[^<>]{0,80})?>$")
_STRICT = ConfigDict(extra="forbid", strict=True)
MAX_NUMBER: Final = 1e15
MAX_COUNT: Final = 99_999


class Item(BaseModel):
    """One activity and how many (as written; `_check` bounds a model's answer)."""

    model_config = _STRICT
    activity: Literal["call", "email", "meeting", "demo"]
    count: int | Annotated[float, Field(allow_inf_nan=False)] | None


class Slots(BaseModel):
    """Every slot the contract knows; anything else is rejected."""

    model_config = _STRICT
    items: list[Item] | None = Field(default=None, min_length=1, max_length=10)
    account: str | None = Field(default=None, pattern=_NAME.pattern)
    contact: str | None = Field(default=None, pattern=_NAME.pattern)
    date: str | None = None
    duration_min: int | None = Field(default=None, ge=1, le=1440)
    amount: int | Annotated[float, Field(allow_inf_nan=False)] | None = None
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    stage: (
        Literal["prospecting", "qualification", "proposal", "negotiation", "won", "lost"] | None
    ) = None
    close_date: str | None = None
    lost_reason: str | None = Field(default=None, min_length=1, max_length=200)
    deal_name: str | None = Field(default=None, pattern=_NAME.pattern)
    subject: str | None = Field(default=None, pattern=_NAME.pattern)
    period: Period | None = None
    metric: Metric | None = None
    target: int | Annotated[float, Field(allow_inf_nan=False)] | None = None
    setting: Literal["nudges_off", "nudges_on", "nudge_time", "timezone"] | None = None
    value: str | None = Field(default=None, max_length=64)

    @field_validator("date", "close_date")
    @classmethod
    def _iso(cls, v: str | None) -> str | None:
        if v is not None:
            date.fromisoformat(v)  # raises ValueError -> ValidationError
            if len(v) != 10:
                raise ValueError("dates are YYYY-MM-DD")
        return v


class Parsed(BaseModel):
    """A complete parse as the contract prints it."""

    model_config = _STRICT
    intent: IntentName
    slots: Slots
    confidence: float = Field(ge=0.0, le=1.0)


def _in_range(slots: dict[str, Any]) -> None:
    """A model's numbers must be sensible: the parser keeps odd ones as written (for the
    handler to refuse) and says so in Intent.note; a model has no such note."""
    for key in ("amount", "target"):
        if key in slots and not 0 < slots[key] <= MAX_NUMBER:
            raise ValueError(f"{key} out of range")
    for item in slots.get("items") or []:
        count = item.get("count")
        if not isinstance(count, int) or not 1 <= count <= MAX_COUNT:
            raise ValueError("counts are whole numbers from 1")


def _check(parsed: Parsed, today: date, plausible: bool) -> dict[str, Any]:
    slots = parsed.slots.model_dump(exclude_none=True)
    extra = set(slots) - ALLOWED_SLOTS[parsed.intent]
    if extra:
        raise ValueError(f"slots {sorted(extra)} do not belong to {parsed.intent}")
    if plausible:
        _in_range(slots)
    if parsed.intent == "log_activity":
        if "items" not in slots:
            raise ValueError("log_activity needs items")
        slots.setdefault("date", today.isoformat())
    for key in ("date", "close_date"):
        if not plausible or key not in slots:
            continue
        if abs(date.fromisoformat(slots[key]) - today) > timedelta(days=800):
            raise ValueError(f"{key} out of range")
    setting, value = slots.get("setting"), slots.get("value")
    # A value the message did not state is absent; one that is stated must be well-formed.
    if value is not None and setting is None:
        raise ValueError("value without setting")
    if setting == "nudge_time" and value is not None and not _HHMM.match(value):
        raise ValueError("nudge_time needs HH:MM")
    if setting == "timezone" and value is not None and value not in _ZONES:
        raise ValueError("timezone needs an IANA zone")
    if setting in ("nudges_on", "nudges_off") and value is not None:
        raise ValueError("nudges_on/off take no value")
    return slots


def validate(data: object, today: date, *, plausible: bool = True) -> Intent:
    """Turn JSON-shaped data into an Intent, raising ValueError on anything off-contract.

    `plausible` also rejects dates more than ~2 years from today and numbers out of range
    (amounts and targets in (0, 1e15], counts whole from 1): fine for a model's answer, while
    a message may legitimately name "Jan 5 2019" and the parser keeps "$-5k" as written."""
    try:
        parsed = Parsed.model_validate(data)
    except ValidationError as exc:
        raise ValueError(str(exc)) from exc
    return Intent(parsed.intent, _check(parsed, today, plausible), parsed.confidence)


def json_schema() -> dict[str, Any]:
    """The JSON schema sent to the model as its structured-output format."""
    return Parsed.model_json_schema()

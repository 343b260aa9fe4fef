"""`/forecast history` and "forecast vs actual last quarter": the forecast read as a history."""

from __future__ import annotations

import re
from datetime import date

from nlp.intent import Intent
from nlp.periods import find_period

# "forecast history", "forecast vs actual", "forecast versus actuals", "forecast accuracy",
# "how accurate was my forecast": the forecast asked for as it was, not as it is.
_HISTORY = re.compile(
    r"\bforecast(?:s|ed)?\s+(?:history|accuracy|(?:vs\.?|versus|against|compared\s+(?:to|with))"
    r"\s+(?:the\s+)?actuals?)\b|\bhow\s+accurate\s+(?:was|were|is)\s+(?:my|our|the)\s+forecasts?\b",
    re.I,
)
_TEAM = re.compile(r"\b(?:my\s+)?team\b", re.I)


def forecast_history(text: str, today: date, command: str | None = None) -> Intent | None:
    """The history reading of a forecast question, or None when it is not one."""
    body = " ".join(text.split())
    if command is not None and command.strip().lower().lstrip("/") == "forecast":
        body = f"forecast {body}"
    if not _HISTORY.search(body):
        return None
    slots: dict[str, object] = {"view": "history"}
    period = find_period(body.lower(), today, "past")
    if period is not None:
        slots["period"] = period
    if _TEAM.search(body):
        slots["subject"] = "team"
    return Intent("forecast", slots, 0.9)

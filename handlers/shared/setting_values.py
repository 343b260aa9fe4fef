"""Setting values as people type them: times, quiet hours, zones, holiday calendars, days."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

from core.clock import parse_hhmm
from core.messages import Fact
from handlers.shared import weekdays
from handlers.shared.errors import UserError
from nlp.zones import find_time
from storage.models import Team, Workspace

DAYS = weekdays.DAYS


def working_days(text: str) -> str:
    """ "mon-fri", "sun-thu", "mon,tue,thu" or "1,2,3,4,5" -> "1,2,3,4,5" (ISO weekdays)."""
    return weekdays.parse(text)


def holiday_country(text: str) -> str | None:
    code = text.strip().upper()
    if code in ("", "NONE", "OFF"):
        return None
    if code not in holidays.list_supported_countries():
        raise UserError(f"I have no public-holiday calendar for {text!r}; use a code like RO.")
    return code


# A time of day as people say it: "7pm", "8:30 am", "noon" (find_time reads its value).
_SPOKEN_TIME = re.compile(r"\d{1,2}(?::\d{2})?\s*[ap]\.?m\.?|noon|midnight", re.IGNORECASE)


def hhmm(text: str) -> str:
    """ "16:00", and as people type it: "16", "8", "7pm", "8:30am", "noon"."""
    said = text.strip()
    if said.isdigit() and len(said) <= 2 and int(said) < 24:
        return f"{int(said):02d}:00"
    try:
        return parse_hhmm(said).strftime("%H:%M")
    except ValueError as exc:
        spoken = find_time(said) if _SPOKEN_TIME.fullmatch(said) else None
        if spoken is None:
            raise UserError(f"{text!r} is not a time like 16:00 (24-hour).") from exc
        return spoken


def quiet_hours(text: str) -> tuple[str, str]:
    """ "19:00-08:00" -> ("19:00", "08:00"); "off" (or equal bounds) means no quiet hours."""
    if text.strip().lower() in ("off", "none"):
        return "00:00", "00:00"
    start, dash, end = text.replace("–", "-").partition("-")
    if not dash:
        raise UserError(
            f"Give quiet hours as a start and an end, like `19:00-08:00`, not {text!r}."
        )
    return hhmm(start), hhmm(end)


def zone(text: str) -> str:
    try:
        ZoneInfo(text.strip())
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UserError(f"I don't know the time zone {text!r}; try e.g. Europe/Bucharest.") from exc
    return text.strip()


def leaderboard(text: str) -> tuple[int, str]:
    """ "fri 16:00" -> (5, "16:00")."""
    parts = text.split()
    if len(parts) != 2:
        raise UserError(f"Give the leaderboard as a day and time, like `fri 16:00`, not {text!r}.")
    return weekdays.day(parts[0]), hhmm(parts[1])


def apply_common(target: Workspace | Team, key: str, value: str) -> Fact | None:
    """The keys a workspace and a team both have; None for any other key."""
    if key == "holiday_country":
        target.holiday_country = holiday_country(value)
        return Fact("Holiday calendar", target.holiday_country or "none")
    if key == "timezone":
        target.timezone = zone(value)
        return Fact("Time zone", target.timezone)
    if key == "leaderboard":
        target.leaderboard_day, target.leaderboard_time = leaderboard(value)
        return Fact("Leaderboard", f"{DAYS[target.leaderboard_day - 1]} {target.leaderboard_time}")
    return None

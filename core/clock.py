"""Time: the injectable clock, wall-clock times of day, and quiet hours in a person's zone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The real time, aware UTC; everything else takes a Clock so tests can fix it."""
    return datetime.now(UTC)


@lru_cache(maxsize=256)
def parse_hhmm(text: str) -> time:
    """Parse "16:00" into time(16, 0); raises ValueError with a readable message."""
    hours, sep, minutes = text.strip().partition(":")
    if not sep or not hours.isdigit() or not minutes.isdigit() or len(minutes) != 2:
        raise ValueError(f"{text!r} is not a time like 16:00")
    value = int(hours), int(minutes)
    if not (0 <= value[0] < 24 and 0 <= value[1] < 60):
        raise ValueError(f"{text!r} is not a time of day")
    return time(*value)


@lru_cache(maxsize=512)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def local_moment(day: date, at: time, tz: str) -> datetime:
    """The UTC instant of a wall-clock time on a local day.

    In a DST gap the wall time does not exist; zoneinfo (fold=0) maps it forward by the
    gap, which is what a person expects of "16:00" on the day clocks jump.
    """
    return datetime.combine(day, at, _zone(tz)).astimezone(UTC)


def local_date(now: datetime, tz: str) -> date:
    return now.astimezone(_zone(tz)).date()


def in_quiet_hours(moment: datetime, tz: str, quiet_start: str, quiet_end: str) -> bool:
    """Quiet hours may wrap midnight (19:00-08:00); equal bounds mean none."""
    start, end = parse_hhmm(quiet_start), parse_hhmm(quiet_end)
    if start == end:
        return False
    wall = moment.astimezone(_zone(tz)).time()
    if start < end:
        return start <= wall < end
    return wall >= start or wall < end


# Any fixed day will do: quiet hours and a nudge time are both wall-clock times in the
# person's own zone, so comparing them needs no real date or zone.
_ANY_DAY = date(2000, 1, 3)


def quiet_conflict(at: str, quiet_start: str, quiet_end: str) -> str | None:
    """Why a nudge at `at` would never come (the scheduler skips it in quiet hours), with the
    window that works; None when it would come."""
    moment = datetime.combine(_ANY_DAY, parse_hhmm(at), UTC)
    if not in_quiet_hours(moment, "UTC", quiet_start, quiet_end):
        return None
    last = datetime.combine(_ANY_DAY, parse_hhmm(quiet_start)) - timedelta(minutes=1)
    return (
        f"{at} is inside quiet hours ({quiet_start}–{quiet_end}), so no nudge would come. "
        f"Pick a time between {quiet_end} and {last:%H:%M}"
    )

"""Pure calendar rules: when a nudge or leaderboard is due, in the recipient's own zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from handlers.periods import is_working_day, parse_working_days

# After downtime a delivery still goes out this long after its moment; older ones are skipped.
DEFAULT_GRACE = timedelta(hours=2)


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


@dataclass(frozen=True)
class NudgeRule:
    """Everything that decides a user's nudge moment, after user > workspace overrides."""

    tz: str
    nudge_time: str
    working_days: str
    country: str | None
    quiet_start: str
    quiet_end: str


@dataclass(frozen=True)
class Due:
    """A delivery's moment on a local day; `missed` when it is older than the grace window."""

    local_day: date
    moment: datetime
    missed: bool


@lru_cache(maxsize=4096)
def nudge_due(rule: NudgeRule, now: datetime, grace: timedelta) -> Due | None:
    """The nudge whose moment has come for this rule, else None (cached per rule).

    Today's once its moment has passed; before that, yesterday's if it is still within
    the grace window (a 23:30 nudge delayed past midnight keeps its own day).
    """
    today = local_date(now, rule.tz)
    days = parse_working_days(rule.working_days)
    at = parse_hhmm(rule.nudge_time)
    for day in (today, today - timedelta(days=1)):
        moment = local_moment(day, at, rule.tz)
        if moment > now:
            continue
        if not is_working_day(day, days, rule.country):
            return None
        if day == today or now - moment <= grace:
            return Due(day, moment, missed=now - moment > grace)
        return None
    return None


def leaderboard_due(tz: str, weekday: int, at: str, now: datetime, grace: timedelta) -> Due | None:
    """This week's leaderboard if today (team zone) is its ISO weekday and its time has come."""
    day = local_date(now, tz)
    if day.isoweekday() != weekday:
        return None
    moment = local_moment(day, parse_hhmm(at), tz)
    if moment > now:
        return None
    return Due(day, moment, missed=now - moment > grace)


def nudge_key(user_id: int, day: date) -> str:
    return f"nudge:{user_id}:{day.isoformat()}"


def leaderboard_key(team_id: int, day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"leaderboard:{team_id}:{year}-W{week:02d}"

"""Pure calendar rules: when a nudge, leaderboard or team post is due, in its own zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from core.clock import local_date, local_moment, parse_hhmm
from core.periods import is_working_day, parse_working_days

# After downtime a delivery still goes out this long after its moment; older ones are skipped.
DEFAULT_GRACE = timedelta(hours=2)


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


def team_post_due(
    tz: str, at: str, working_days: str, country: str | None, now: datetime, grace: timedelta
) -> Due | None:
    """A team channel post on a working day (not a holiday): the same calendar as a nudge."""
    return nudge_due(NudgeRule(tz, at, working_days, country, "00:00", "00:00"), now, grace)


def daily_key(team_id: int, day: date) -> str:
    return f"daily:{team_id}:{day.isoformat()}"


def afternoon_key(team_id: int, day: date) -> str:
    return f"afternoon:{team_id}:{day.isoformat()}"


def mention_key(team_id: int, day: date) -> str:
    return f"afternoon-mention:{team_id}:{day.isoformat()}"


def mention_key_for(afternoon: str) -> str:
    """The key of the names posted in the thread of the afternoon post `afternoon`."""
    return "afternoon-mention:" + afternoon.removeprefix("afternoon:")


def afternoon_key_of(mention: str) -> str:
    """The afternoon post whose thread the names in `mention` go into."""
    return "afternoon:" + mention.removeprefix("afternoon-mention:")


def channel_help_key(daily: str) -> str:
    """The manager's "add me to the channel" DM after the morning post `daily` failed."""
    return "channel-help:" + daily.removeprefix("daily:")

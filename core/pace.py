"""The one pace rule: where someone should be by now, counting working time actually elapsed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from core.periods import Period, is_working_day, working_days_in

# Within 10% of the pace line counts as on pace: a single slow morning is not "behind".
PACE_TOLERANCE = 0.9
# Early in a period 10% of a tiny line is nothing: at 09:30 on the 1st, $0 would be
# "behind". Half a working day of slack covers the start; later the 10% is the wider one.
GRACE_DAYS = 0.5
# The part of a working day that counts toward pace. Before 09:00 nothing of today is
# expected yet (nobody is behind at 08:30 on the 1st); after 17:00 the whole day is.
WORKDAY_START = time(9)
WORKDAY_END = time(17)


def day_fraction(wall: time) -> float:
    """How much of today's working hours have gone by at this wall-clock time (0.0-1.0)."""
    start = WORKDAY_START.hour * 60 + WORKDAY_START.minute
    end = WORKDAY_END.hour * 60 + WORKDAY_END.minute
    now = wall.hour * 60 + wall.minute + wall.second / 60
    return min(1.0, max(0.0, (now - start) / (end - start)))


def elapsed_working_days(
    period: Period, local_now: datetime, working_days: frozenset[int], country: str | None
) -> float:
    """Working days of the period gone by `local_now`: whole days before today, plus the
    part of today's working hours that has passed (if today is a working day)."""
    today = local_now.date()
    if today >= period.end:
        return float(working_days_in(period.start, period.end, working_days, country))
    if today < period.start:
        return 0.0
    whole = working_days_in(period.start, today, working_days, country)
    if is_working_day(today, working_days, country):
        return whole + day_fraction(local_now.time())
    return float(whole)


def remaining_working_days(
    period: Period, local_now: datetime, working_days: frozenset[int], country: str | None
) -> int:
    """Working days still ahead in the period; today counts until its working hours end."""
    today = local_now.date()
    first = today if local_now.time() < WORKDAY_END else today + timedelta(days=1)
    return working_days_in(max(first, period.start), period.end, working_days, country)


def days_so_far(
    period: Period, today: date, working_days: frozenset[int], country: str | None
) -> int:
    """Working days to divide a period's activity by: those up to and including today
    (today's activity is in the total, so today is in the divisor). At least 1."""
    end = min(period.end, today + timedelta(days=1))
    return max(1, working_days_in(period.start, end, working_days, country))


@dataclass(frozen=True)
class Progress:
    """One metric against its target for a period, and where the pace line is now."""

    metric: str
    target: int
    actual: int
    expected: float
    remaining_days: int
    period: Period
    # The line half a working day ago (GRACE_DAYS): at or above it is never "behind".
    grace_line: float = 0.0

    @property
    def ratio(self) -> float:
        return self.actual / self.target if self.target else 0.0

    @property
    def on_pace(self) -> bool:
        return self.actual >= min(self.expected * PACE_TOLERANCE, self.grace_line)

    @property
    def ahead(self) -> bool:
        """Strictly past the pace line (nothing is "ahead" of a line still at zero)."""
        return self.actual > self.expected and self.actual > 0

    @property
    def per_day_needed(self) -> float:
        return max(0, self.target - self.actual) / max(1, self.remaining_days)


def pace(
    metric: str,
    target: int,
    actual: int,
    period: Period,
    now: datetime,
    tz: str,
    working_days: frozenset[int],
    country: str | None,
) -> Progress:
    """Progress toward `target`, with the pace line at the working time elapsed in `tz`."""
    local_now = now.astimezone(ZoneInfo(tz))
    total = max(1, working_days_in(period.start, period.end, working_days, country))
    done = elapsed_working_days(period, local_now, working_days, country)
    remaining = remaining_working_days(period, local_now, working_days, country)
    grace = target * max(0.0, done - GRACE_DAYS) / total
    return Progress(metric, target, actual, target * done / total, remaining, period, grace)


def daily_goal(own: int | None, default: int) -> int:
    """A person's daily activity goal: their own when set (0 means none), else the default."""
    return own if own is not None else default

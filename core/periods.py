"""Calendar periods (week/month/quarter/year) in the asker's zone, and working-day pace."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from dateutil.relativedelta import relativedelta

KINDS = ("day", "week", "month", "quarter", "year")
_STEP = {
    "day": relativedelta(days=1),
    "week": relativedelta(weeks=1),
    "month": relativedelta(months=1),
    "quarter": relativedelta(months=3),
    "year": relativedelta(years=1),
}


@dataclass(frozen=True)
class Period:
    """[start, end) in local calendar days, with a label people recognise."""

    kind: str
    start: date
    end: date

    @property
    def label(self) -> str:
        if self.kind == "day":
            return self.start.strftime("%a %d %b")
        if self.kind == "week":
            return f"week of {self.start.strftime('%d %b')}"
        if self.kind == "month":
            return self.start.strftime("%B %Y")
        if self.kind == "quarter":
            return f"Q{(self.start.month - 1) // 3 + 1} {self.start.year}"
        return str(self.start.year)

    def utc_bounds(self, tz: str) -> tuple[datetime, datetime]:
        zone = ZoneInfo(tz)
        start = datetime.combine(self.start, time(), zone).astimezone(UTC)
        end = datetime.combine(self.end, time(), zone).astimezone(UTC)
        return start, end

    def shifted(self, steps: int) -> Period:
        delta = _STEP[self.kind] * steps
        return Period(self.kind, self.start + delta, self.end + delta)


def containing(kind: str, day: date) -> Period:
    if kind == "day":
        start = day
    elif kind == "week":
        start = day - timedelta(days=day.weekday())  # weeks start on Monday
    elif kind == "month":
        start = day.replace(day=1)
    elif kind == "quarter":
        start = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    elif kind == "year":
        start = date(day.year, 1, 1)
    else:
        raise ValueError(f"unknown period kind {kind!r}")
    return Period(kind, start, start + _STEP[kind])


# Written-out periods of the parse contract (version 2): "2026-10", "2026-Q3", "2025",
# "2026-W48" (ISO week).
_WRITTEN = re.compile(r"^(\d{4})(?:-(?:(\d{2})|Q([1-4])|W(\d{2})))?$")


def named(name: str, today: date) -> Period:
    """Resolve a contract period name ("this_quarter", "last_week", "2026-10", "2026-Q3",
    "2025", "2026-W48") against today; ValueError for anything else."""
    if name == "today":
        return containing("day", today)
    if name == "yesterday":
        return containing("day", today - timedelta(days=1))
    written = _WRITTEN.match(name)
    if written:
        return _written(*written.groups())
    when, _, kind = name.partition("_")
    if kind not in KINDS or when not in ("this", "last", "next"):
        raise ValueError(f"unknown period {name!r}")
    base = containing(kind, today)
    return base.shifted({"this": 0, "last": -1, "next": 1}[when])


def _written(year: str, month: str | None, quarter: str | None, week: str | None) -> Period:
    y = int(year)
    if not 1900 <= y <= 2999:
        raise ValueError(f"year {year} is out of range")
    if month is not None:
        if not 1 <= int(month) <= 12:
            raise ValueError(f"no month {month}")
        return containing("month", date(y, int(month), 1))
    if quarter is not None:
        return containing("quarter", date(y, 3 * int(quarter) - 2, 1))
    if week is not None:
        try:
            return containing("week", date.fromisocalendar(y, int(week), 1))
        except ValueError:
            raise ValueError(f"{year} has no week {week}") from None
    return containing("year", date(y, 1, 1))


def local_today(now: datetime, tz: str) -> date:
    return now.astimezone(ZoneInfo(tz)).date()


@lru_cache(maxsize=256)
def _holiday_calendar(country: str, year: int) -> frozenset[date]:
    try:
        return frozenset(holidays.country_holidays(country, years=year).keys())
    except NotImplementedError:
        return frozenset()


def is_working_day(day: date, working_days: frozenset[int], country: str | None) -> bool:
    if day.isoweekday() not in working_days:
        return False
    return not (country and day in _holiday_calendar(country, day.year))


def working_days_in(
    start: date, end: date, working_days: frozenset[int], country: str | None
) -> int:
    """Working days in [start, end)."""
    count, day = 0, start
    while day < end:
        count += is_working_day(day, working_days, country)
        day += timedelta(days=1)
    return count


def parse_working_days(text: str) -> frozenset[int]:
    return frozenset(int(part) for part in text.split(",") if part.strip())

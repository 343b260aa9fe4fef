"""Period names and bounds at their edges, with the reason a bad name is refused.
Written to kill the mutants that tests/core/test_periods.py let live (docs/testing.md)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from core.periods import Period, containing, local_today, named, working_days_in

TODAY = date(2026, 11, 18)  # a Wednesday
WEEKDAYS = frozenset({1, 2, 3, 4, 5})


@pytest.mark.parametrize(
    ("name", "kind", "start", "end"),
    [
        ("today", "day", date(2026, 11, 18), date(2026, 11, 19)),
        ("yesterday", "day", date(2026, 11, 17), date(2026, 11, 18)),
        ("next_month", "month", date(2026, 12, 1), date(2027, 1, 1)),
        ("next_week", "week", date(2026, 11, 23), date(2026, 11, 30)),
        ("last_quarter", "quarter", date(2026, 7, 1), date(2026, 10, 1)),
        ("this_year", "year", date(2026, 1, 1), date(2027, 1, 1)),
        ("1900", "year", date(1900, 1, 1), date(1901, 1, 1)),
        ("2999-12", "month", date(2999, 12, 1), date(3000, 1, 1)),
        ("2026-01", "month", date(2026, 1, 1), date(2026, 2, 1)),
        ("2026-Q1", "quarter", date(2026, 1, 1), date(2026, 4, 1)),
        ("2026-W01", "week", date(2025, 12, 29), date(2026, 1, 5)),
    ],
)
def test_names_resolve_to_their_kind_and_days(name: str, kind: str, start: date, end: date) -> None:
    assert named(name, TODAY) == Period(kind, start, end)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("1899", "year 1899 is out of range"),
        ("3000", "year 3000 is out of range"),
        ("2026-00", "no month 00"),
        ("2026-13", "no month 13"),
        ("2027-W53", "2027 has no week 53"),
        ("this_fortnight", "unknown period 'this_fortnight'"),
        ("someday_week", "unknown period 'someday_week'"),
        ("Today", "unknown period 'Today'"),
        ("NEXT_month", "unknown period 'NEXT_month'"),
    ],
)
def test_bad_names_say_why(name: str, reason: str) -> None:
    with pytest.raises(ValueError) as refused:
        named(name, TODAY)
    assert str(refused.value) == reason


def test_utc_bounds_are_local_midnights_in_utc() -> None:
    start, end = containing("day", date(2026, 11, 18)).utc_bounds("America/New_York")
    assert start == datetime(2026, 11, 18, 5, 0, tzinfo=UTC) and start.tzinfo is UTC
    assert end == datetime(2026, 11, 19, 5, 0, tzinfo=UTC) and end.tzinfo is UTC
    # Across the end of summer time the local day is 25 hours long.
    start, end = containing("day", date(2026, 11, 1)).utc_bounds("America/New_York")
    assert (start.hour, end.hour, (end - start).total_seconds()) == (4, 5, 25 * 3600)


def test_working_days_count_the_countrys_holidays() -> None:
    assert working_days_in(date(2026, 12, 21), date(2026, 12, 28), WEEKDAYS, None) == 5
    assert working_days_in(date(2026, 12, 21), date(2026, 12, 28), WEEKDAYS, "US") == 4
    assert working_days_in(date(2026, 12, 21), date(2026, 12, 21), WEEKDAYS, "US") == 0


def test_an_unknown_kind_says_so_and_today_is_the_zones_day() -> None:
    with pytest.raises(ValueError) as refused:
        containing("fortnight", TODAY)
    assert str(refused.value) == "unknown period kind 'fortnight'"
    three_am_utc = datetime(2026, 11, 18, 3, 0, tzinfo=UTC)
    assert local_today(three_am_utc, "America/Los_Angeles") == date(2026, 11, 17)
    assert local_today(three_am_utc, "Asia/Tokyo") == date(2026, 11, 18)

"""The pace rule at its edges: before and after a period, at 17:00 sharp, on holidays, to the
second. Written to kill the mutants that tests/core/test_pace.py let live (docs/testing.md)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from core.pace import (
    PACE_TOLERANCE,
    Progress,
    day_fraction,
    days_so_far,
    elapsed_working_days,
    pace,
    remaining_working_days,
)
from core.periods import containing

WEEKDAYS = frozenset({1, 2, 3, 4, 5})
DECEMBER = containing("month", date(2026, 12, 1))  # 23 weekdays; 22 with US holidays
JANUARY = containing("month", date(2027, 1, 1))


def at(day: int, hour: int, minute: int = 0, month: int = 12, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_minutes_and_seconds_of_the_hour_count() -> None:
    assert day_fraction(time(10, 30)) == pytest.approx(90 / 480, rel=1e-9)
    assert day_fraction(time(13, 0, 30)) == pytest.approx(240.5 / 480, rel=1e-9)
    assert day_fraction(time(16, 59, 59)) < 1.0


def test_after_the_period_the_whole_target_is_expected() -> None:
    # 1 Jan 2027 is the day the period ends; a Friday, so a working day without a country.
    for now in (at(1, 18, month=1, year=2027), at(5, 9, month=1, year=2027)):
        p = pace("calls", 230, 0, DECEMBER, now, "UTC", WEEKDAYS, None)
        assert p.expected == pytest.approx(230) and p.remaining_days == 0
    days = elapsed_working_days(DECEMBER, at(1, 18, month=1, year=2027), WEEKDAYS, "US")
    assert days == 22.0


def test_before_the_period_nothing_is_expected_and_on_its_first_day_the_line_moves() -> None:
    early = pace("calls", 230, 0, JANUARY, at(15, 13), "UTC", WEEKDAYS, None)
    assert early.expected == 0.0 and early.remaining_days == 21
    first = pace("calls", 230, 0, DECEMBER, at(1, 13), "UTC", WEEKDAYS, None)
    assert first.expected == pytest.approx(230 * 0.5 / 23)


def test_a_holiday_adds_nothing_even_during_its_working_hours() -> None:
    # Fri 25 Dec, 13:00, US holidays: 18 working days are done, none of today.
    p = pace("calls", 220, 0, DECEMBER, at(25, 13), "UTC", WEEKDAYS, "US")
    assert p.expected == pytest.approx(220 * 18 / 22)


def test_the_days_left_skip_holidays_and_today_is_over_at_17_sharp() -> None:
    assert remaining_working_days(DECEMBER, at(3, 16, 59), WEEKDAYS, None) == 21
    assert remaining_working_days(DECEMBER, at(3, 17), WEEKDAYS, None) == 20
    p = pace("calls", 220, 0, DECEMBER, at(21, 18), "UTC", WEEKDAYS, "US")
    assert p.remaining_days == 7  # 22, 23, 24, 28, 29, 30, 31
    assert days_so_far(DECEMBER, date(2026, 12, 28), WEEKDAYS, "US") == 19
    assert days_so_far(DECEMBER, date(2027, 2, 1), WEEKDAYS, None) == 23


def test_a_one_day_period_has_its_whole_line_in_that_day() -> None:
    day = containing("day", date(2026, 12, 3))
    p = pace("calls", 10, 4, day, at(3, 13), "UTC", WEEKDAYS, None)
    assert p.expected == pytest.approx(5.0) and p.remaining_days == 1
    weekend = containing("day", date(2026, 12, 5))
    assert pace("calls", 10, 0, weekend, at(5, 13), "UTC", WEEKDAYS, None).expected == 0.0


def test_progress_reads_ratio_ahead_and_what_is_needed_per_day() -> None:
    p = Progress("calls", 200, 50, 40.0, 5, DECEMBER, grace_line=35.0)
    assert (p.ratio, p.on_pace, p.ahead, p.per_day_needed) == (0.25, True, True, 30.0)
    level = Progress("calls", 200, 40, 40.0, 0, DECEMBER, grace_line=35.0)
    assert level.on_pace and not level.ahead and level.per_day_needed == 160.0
    done = Progress("calls", 0, 0, 0.0, 3, DECEMBER)
    assert (done.ratio, done.on_pace, done.ahead, done.per_day_needed) == (0.0, True, False, 0.0)
    over = Progress("calls", 10, 12, 5.0, 2, DECEMBER, grace_line=4.0)
    assert over.per_day_needed == 0.0


def test_the_tolerance_is_ninety_percent_of_the_line_unless_the_grace_line_is_lower() -> None:
    assert PACE_TOLERANCE == 0.9
    line = 1000.0
    assert Progress("revenue", 2000, 900, line, 5, DECEMBER, grace_line=line).on_pace
    assert not Progress("revenue", 2000, 899, line, 5, DECEMBER, grace_line=line).on_pace
    # Early in a period the grace line (half a day back) is the lower one.
    assert Progress("calls", 230, 15, 20.0, 5, DECEMBER, grace_line=15.0).on_pace
    assert not Progress("calls", 230, 14, 20.0, 5, DECEMBER, grace_line=15.0).on_pace


def test_the_grace_line_is_half_a_working_day_behind_the_line() -> None:
    # Evening of Wed 2 Dec: two days gone, so the grace line is at one and a half.
    p = pace("calls", 230, 0, DECEMBER, at(2, 18), "UTC", WEEKDAYS, None)
    assert p.expected == pytest.approx(20.0) and p.grace_line == pytest.approx(15.0)
    start = pace("calls", 230, 0, DECEMBER, at(1, 10), "UTC", WEEKDAYS, None)
    assert start.grace_line == 0.0

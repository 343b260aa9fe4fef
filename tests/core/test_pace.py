"""The pace rule on its own: the line moves with working hours, and 90% of it is on pace."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from core.pace import daily_goal, day_fraction, days_so_far, pace
from core.periods import containing

WEEKDAYS = frozenset({1, 2, 3, 4, 5})
DECEMBER = containing("month", date(2026, 12, 1))  # 23 weekdays


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(
    ("wall", "fraction"),
    [
        (time(0), 0.0),
        (time(8, 59), 0.0),
        (time(9), 0.0),
        (time(13), 0.5),
        (time(17), 1.0),
        (time(23, 59), 1.0),
        (time(10), 0.125),
    ],
)
def test_the_working_day_runs_from_nine_to_five(wall: time, fraction: float) -> None:
    assert day_fraction(wall) == fraction


def test_nobody_is_expected_to_have_done_anything_before_the_first_working_hour() -> None:
    p = pace("revenue", 4_500_000, 0, DECEMBER, at(1, 8, 30), "UTC", WEEKDAYS, None)
    assert p.expected == 0 and p.on_pace and not p.ahead
    assert p.remaining_days == 23


def test_the_line_counts_whole_days_and_the_part_of_today_gone() -> None:
    # Thu 3 Dec 13:00: Tue and Wed are done, half of Thursday.
    p = pace("calls", 230, 0, DECEMBER, at(3, 13), "UTC", WEEKDAYS, None)
    assert p.expected == pytest.approx(230 * 2.5 / 23)
    # Evening: today is over, so tomorrow is the first day left.
    evening = pace("calls", 230, 0, DECEMBER, at(3, 18), "UTC", WEEKDAYS, None)
    assert evening.expected == pytest.approx(230 * 3 / 23) and evening.remaining_days == 20


def test_a_weekend_adds_nothing_to_the_line() -> None:
    friday_night = pace("calls", 230, 0, DECEMBER, at(4, 20), "UTC", WEEKDAYS, None)
    sunday = pace("calls", 230, 0, DECEMBER, at(6, 15), "UTC", WEEKDAYS, None)
    assert friday_night.expected == sunday.expected == pytest.approx(230 * 4 / 23)


def test_the_line_is_in_the_persons_own_zone() -> None:
    # 14:00 UTC is 09:00 in New York (nothing of today yet) and 16:00 in Bucharest.
    ny = pace("calls", 230, 0, DECEMBER, at(2, 14), "America/New_York", WEEKDAYS, None)
    buc = pace("calls", 230, 0, DECEMBER, at(2, 14), "Europe/Bucharest", WEEKDAYS, None)
    assert ny.expected == pytest.approx(10.0) and buc.expected == pytest.approx(230 * 1.875 / 23)


def test_holidays_are_not_working_days() -> None:
    # With US holidays, 25 Dec is off: 22 working days; by the evening of the 31st, all 22.
    p = pace("calls", 220, 0, DECEMBER, at(31, 22), "UTC", WEEKDAYS, "US")
    assert p.expected == pytest.approx(220) and p.remaining_days == 0


@pytest.mark.parametrize(("actual", "on_pace"), [(89, False), (90, True), (91, True)])
def test_within_ten_percent_of_the_line_is_on_pace(actual: int, on_pace: bool) -> None:
    # By the evening of Mon 21 Dec, 15 of 23 days are gone; a target of 230 puts the
    # line at exactly 150, so 89/90/91% of it are 133.5/135/136.5.
    p = pace(
        "calls", 230, round(150 * actual / 100 - 0.01), DECEMBER, at(21, 18), "UTC", WEEKDAYS, None
    )
    assert p.expected == pytest.approx(150)
    assert p.on_pace is on_pace


def test_average_days_include_today() -> None:
    assert days_so_far(DECEMBER, date(2026, 12, 1), WEEKDAYS, None) == 1
    assert days_so_far(DECEMBER, date(2026, 12, 8), WEEKDAYS, None) == 6
    assert (
        days_so_far(containing("month", date(2026, 11, 1)), date(2026, 12, 8), WEEKDAYS, None) == 21
    )


@pytest.mark.parametrize(("own", "default", "goal"), [(None, 20, 20), (0, 20, 0), (5, 20, 5)])
def test_a_daily_goal_of_zero_means_none_not_the_default(
    own: int | None, default: int, goal: int
) -> None:
    assert daily_goal(own, default) == goal


def test_a_slow_first_morning_is_not_behind_but_a_slow_first_day_is() -> None:
    # 10:30 on Tue 1 Dec: 3/16 of a day gone; nothing logged is still within half a day.
    morning = pace("calls", 230, 0, DECEMBER, at(1, 10, 30), "UTC", WEEKDAYS, None)
    assert morning.expected > 0 and morning.on_pace
    # The evening of the 2nd: two days gone, the grace line is at 1.5 days (15 calls).
    evening = pace("calls", 230, 14, DECEMBER, at(2, 18), "UTC", WEEKDAYS, None)
    assert not evening.on_pace
    assert pace("calls", 230, 18, DECEMBER, at(2, 18), "UTC", WEEKDAYS, None).on_pace

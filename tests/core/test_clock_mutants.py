"""Times of day and quiet hours at their edges: 23:59, the first and last quiet minute, a
window across midnight, a local day in another zone. Kills the mutants in docs/testing.md."""

from __future__ import annotations

import time as time_module
from datetime import UTC, date, datetime, time

import pytest

from core.clock import (
    in_quiet_hours,
    local_date,
    local_moment,
    parse_hhmm,
    quiet_conflict,
    system_clock,
)


@pytest.mark.parametrize(
    ("text", "parsed"),
    [("16:00", time(16)), (" 9:05 ", time(9, 5)), ("0:00", time(0)), ("23:59", time(23, 59))],
)
def test_times_of_day_are_read(text: str, parsed: time) -> None:
    assert parse_hhmm(text) == parsed


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1600", "'1600' is not a time like 16:00"),
        ("16:0", "'16:0' is not a time like 16:00"),
        ("16:000", "'16:000' is not a time like 16:00"),
        ("ab:00", "'ab:00' is not a time like 16:00"),
        ("16:xx", "'16:xx' is not a time like 16:00"),
        ("24:00", "'24:00' is not a time of day"),
        ("12:60", "'12:60' is not a time of day"),
    ],
)
def test_what_is_not_a_time_of_day_says_why(text: str, reason: str) -> None:
    with pytest.raises(ValueError) as refused:
        parse_hhmm(text)
    assert str(refused.value) == reason


def utc(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, 18, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(
    ("moment", "quiet"),
    [
        (utc(18, 59), False),
        (utc(19, 0), True),
        (utc(23, 59), True),
        (utc(0, 0), True),
        (utc(7, 59), True),
        (utc(8, 0), False),
        (utc(12, 0), False),
    ],
)
def test_quiet_hours_across_midnight(moment: datetime, quiet: bool) -> None:
    assert in_quiet_hours(moment, "UTC", "19:00", "08:00") is quiet


@pytest.mark.parametrize(
    ("moment", "quiet"),
    [(utc(11, 59), False), (utc(12, 0), True), (utc(13, 59), True), (utc(14, 0), False)],
)
def test_quiet_hours_within_a_day(moment: datetime, quiet: bool) -> None:
    assert in_quiet_hours(moment, "UTC", "12:00", "14:00") is quiet


def test_quiet_hours_are_in_the_persons_zone_and_equal_bounds_mean_none() -> None:
    # 13:00 UTC is 08:00 in New York: still quiet there until 08:00, so not quiet any more.
    assert in_quiet_hours(utc(12, 59), "America/New_York", "19:00", "08:00")
    assert not in_quiet_hours(utc(13, 0), "America/New_York", "19:00", "08:00")
    assert not in_quiet_hours(utc(3, 0), "UTC", "08:00", "08:00")


def test_local_moments_and_days_are_in_the_zone() -> None:
    assert local_moment(date(2026, 11, 18), time(16), "Europe/Bucharest") == utc(14)
    assert local_moment(date(2026, 11, 18), time(16), "Europe/Bucharest").tzinfo is UTC
    assert local_date(utc(3), "America/Los_Angeles") == date(2026, 11, 17)
    assert local_date(utc(3), "Asia/Tokyo") == date(2026, 11, 18)


def test_the_system_clock_is_aware_utc() -> None:
    assert system_clock().tzinfo is UTC


def test_a_nudge_time_inside_quiet_hours_says_which_window_works() -> None:
    assert quiet_conflict("16:00", "19:00", "08:00") is None
    assert quiet_conflict("18:59", "19:00", "08:00") is None
    assert quiet_conflict("08:00", "19:00", "08:00") is None
    assert quiet_conflict("16:00", "16:00", "16:00") is None
    assert quiet_conflict("19:00", "19:00", "08:00") == (
        "19:00 is inside quiet hours (19:00–08:00), so no nudge would come. "
        "Pick a time between 08:00 and 18:59"
    )
    assert quiet_conflict("07:30", "00:00", "09:00") == (
        "07:30 is inside quiet hours (00:00–09:00), so no nudge would come. "
        "Pick a time between 09:00 and 23:59"
    )


def test_a_nudge_time_check_does_not_depend_on_the_servers_zone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time_module.tzset()
    try:
        # Read as Tokyo time, 12:00 would be 03:00 UTC (quiet) and 23:00 14:00 UTC (not).
        assert quiet_conflict("12:00", "19:00", "08:00") is None
        assert quiet_conflict("23:00", "19:00", "08:00") is not None
    finally:
        monkeypatch.undo()
        time_module.tzset()

"""The sanity limits on one message, at their exact edges and with the sentence people read."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.shared.errors import UserError
from handlers.shared.limits import (
    MAX_AMOUNT,
    check_activity_day,
    check_amount,
    check_close_date,
    check_count,
    check_minutes,
    check_name,
    parse_day,
)

TODAY = date(2026, 11, 18)


def refused(call: object, *args: object) -> str:
    assert callable(call)
    with pytest.raises(UserError) as caught:
        call(*args)
    return str(caught.value)


def test_counts_from_1_to_200() -> None:
    assert check_count(1, "calls") == 1
    assert check_count(200, "calls") == 200
    bad = "The number of calls must be a whole number of at least 1."
    for count in (0, -3, True, 2.0, "3", None):
        assert refused(check_count, count, "calls") == bad
    assert refused(check_count, 201, "calls") == (
        "201 calls in one log looks like a typo; I take up to 200 at a time."
    )
    assert refused(check_count, 5000, "emails").startswith("5,000 emails in one log")


def test_minutes_from_1_to_a_working_day() -> None:
    assert check_minutes(None) is None
    assert check_minutes(1) == 1
    assert check_minutes(720) == 720
    bad = "A duration must be a positive number of minutes, like `45 min` or `1h`."
    for minutes in (0, -5, True, 4.5, "45"):
        assert refused(check_minutes, minutes) == bad
    assert refused(check_minutes, 721) == (
        "721 minutes is longer than a working day; please check it."
    )
    assert refused(check_minutes, 1500).startswith("1,500 minutes")


def test_activity_days_from_a_year_ago_to_today() -> None:
    assert check_activity_day(TODAY, TODAY) == TODAY
    oldest = date(2025, 11, 17)  # 366 days back
    assert check_activity_day(oldest, TODAY) == oldest
    assert refused(check_activity_day, date(2026, 11, 19), TODAY) == (
        "Thu 19 Nov 2026 hasn't happened yet, so I can't log activity on it."
    )
    with pytest.raises(UserError) as future:
        check_activity_day(date(2026, 11, 19), TODAY)
    assert future.value.hint == "Log it on the day, or say `yesterday`, `on Monday`, `Nov 3`."
    assert refused(check_activity_day, date(2025, 11, 16), TODAY) == (
        "16 Nov 2025 is more than a year ago; I only log the last 12 months."
    )


def test_amounts_above_zero_up_to_the_limit() -> None:
    assert check_amount(0.01) == 0.01
    assert check_amount(MAX_AMOUNT) == MAX_AMOUNT
    assert check_amount(24_500) == 24_500
    assert check_amount(1) == 1
    bad = "The amount must be a number, like `$24k` or `24,500`."
    for amount in (True, "24k", None, float("nan")):
        assert refused(check_amount, amount) == bad
    for amount in (0, -1, 0.0):
        assert refused(check_amount, amount).startswith("A deal amount must be more than zero.")
    assert refused(check_amount, MAX_AMOUNT + 1) == (
        f"{MAX_AMOUNT + 1:,} is over my limit of {MAX_AMOUNT:,} for one deal; please check it."
    )


def test_names_are_trimmed_and_at_most_120_characters() -> None:
    assert check_name(None, "account") is None
    assert check_name("  Acme Corp ", "account") == "Acme Corp"
    assert check_name("x" * 120, "account") == "x" * 120
    for name in ("", "   ", 42):
        assert refused(check_name, name, "account") == "The account name is empty."
    assert refused(check_name, " " + "x" * 121, "deal") == (
        "That deal name is 121 characters; keep it under 120."
    )


def test_days_are_read_as_iso_dates() -> None:
    assert parse_day(None, "close date") is None
    assert parse_day("", "close date") is None
    assert parse_day("2026-11-18", "close date") == TODAY
    assert parse_day(TODAY, "close date") == TODAY
    assert refused(parse_day, "next Tuesday", "close date") == (
        "I couldn't read the close date 'next Tuesday'; use a date like 2026-11-18."
    )


def test_close_dates_up_to_five_calendar_years_away() -> None:
    assert check_close_date(None, TODAY) is None
    for day in (date(2031, 12, 31), date(2021, 1, 1), TODAY):
        assert check_close_date(day, TODAY) == day
    assert refused(check_close_date, date(2032, 1, 1), TODAY) == (
        "A close date of 01 Jan 2032 can't be right; "
        "say when you expect it to close, like `closing end of quarter`."
    )
    assert refused(check_close_date, date(2020, 12, 31), TODAY).startswith(
        "A close date of 31 Dec 2020"
    )

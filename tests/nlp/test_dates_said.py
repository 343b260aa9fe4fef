"""Dates as reps say them, resolved against the day they say it (contract: "Relative dates").

Activity dates look back (a call already made); close dates look ahead (a deal not yet won).
"""

from __future__ import annotations

from datetime import date

import pytest

from nlp.dates import find_dates
from nlp.parser import CLARIFY_BELOW, parse

WED = date(2026, 11, 18)
FRI = date(2026, 11, 20)
SAT = date(2026, 11, 21)


def back(text: str, today: date = WED) -> list[str]:
    """The days an activity message names."""
    return [h.value.isoformat() for h in find_dates(text, today)]


def ahead(text: str, today: date = WED) -> list[str]:
    """The days a deal's close date names."""
    return [h.value.isoformat() for h in find_dates(text, today, forward=True)]


def unreal(text: str, today: date = WED) -> tuple[list[str], list[str]]:
    """The days found, and the words written as a day that does not exist."""
    bad: list[tuple[int, int]] = []
    days = [h.value.isoformat() for h in find_dates(text, today, bad=bad)]
    return days, [text[s:e] for s, e in bad]


# --- a month and a day ---


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("nov 3, 2025", "2025-11-03"),  # the year said wins over "the most recent Nov 3"
        ("3 march 2027", "2027-03-03"),
        ("november 3", "2026-11-03"),
        ("september 30", "2026-09-30"),
        ("nov 18", "2026-11-18"),  # today itself
    ],
)
def test_a_month_and_day_for_an_activity(text: str, day: str) -> None:
    assert back(text) == [day]


@pytest.mark.parametrize(
    ("text", "today", "day"),
    [
        ("3 nov", WED, "2027-11-03"),  # Nov 3 has passed: next year's
        ("closing jan 1", WED, "2027-01-01"),
        ("jan 10", date(2027, 1, 20), "2028-01-10"),
        ("nov 18", WED, "2026-11-18"),  # closing today is still ahead
    ],
)
def test_a_month_and_day_for_a_close_date(text: str, today: date, day: str) -> None:
    assert ahead(text, today) == [day]


def test_numeric_dates_are_month_first_unless_the_workspace_says_otherwise() -> None:
    assert back("11/3") == ["2026-11-03"]
    assert [h.value.isoformat() for h in find_dates("11/3", WED, dmy=True)] == ["2026-03-11"]


# --- "the 12th" ---


def test_the_nth_is_this_months_or_the_one_before() -> None:
    assert back("on the 12th", date(2026, 11, 5)) == ["2026-10-12"]
    assert back("on the 12th", date(2026, 11, 12)) == ["2026-11-12"]
    assert ahead("on the 12th", date(2026, 11, 12)) == ["2026-11-12"]
    assert ahead("on the 12th", date(2026, 11, 13)) == ["2026-12-12"]


# --- ends of periods ---


@pytest.mark.parametrize(
    ("text", "today", "day"),
    [
        ("end of year", WED, "2026-12-31"),
        ("eoy", WED, "2026-12-31"),
        ("by the end of next year", WED, "2027-12-31"),
        ("end of next month", date(2026, 12, 10), "2027-01-31"),  # across the new year
        ("eow", WED, "2026-11-20"),  # reps mean the working week: Friday
        ("eow", FRI, "2026-11-20"),
        ("eow", SAT, "2026-11-27"),
        ("end of next week", WED, "2026-11-27"),
        ("end of next week", SAT, "2026-12-04"),
    ],
)
def test_the_end_of_a_period(text: str, today: date, day: str) -> None:
    assert ahead(text, today) == [day]


@pytest.mark.parametrize(
    ("text", "today", "day"),
    [
        ("closing in q3 '27", WED, "2027-09-30"),
        ("closing in q3 27", WED, "2027-09-30"),
        ("in q1 2028", WED, "2028-03-31"),  # not the coming Q1: the year is said
        ("in q4", date(2026, 12, 31), "2026-12-31"),  # the last day of Q4 is still Q4
        ("in q4", date(2027, 1, 1), "2027-12-31"),
    ],
)
def test_a_quarter_means_its_last_day(text: str, today: date, day: str) -> None:
    assert ahead(text, today) == [day]


# --- days counted from today ---


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("the day after tomorrow", "2026-11-20"),
        ("this morning", "2026-11-18"),
        ("a week ago", "2026-11-11"),
        ("an hour ago", None),  # not a day
        ("in a week", "2026-11-25"),
    ],
)
def test_days_counted_from_today(text: str, day: str | None) -> None:
    assert back(text) == ([day] if day else [])


# --- weekdays ---


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("next friday", "2026-11-20"),
        ("coming monday", "2026-11-23"),
        ("this coming friday", "2026-11-20"),
        ("this  coming friday", "2026-11-20"),  # spaces as typed
        ("next wednesday", "2026-11-25"),  # said on a Wednesday: a week on
        ("coming wednesday", "2026-11-25"),
    ],
)
def test_next_and_coming_weekdays_are_ahead_wherever_they_are_said(text: str, day: str) -> None:
    assert back(text) == [day]
    assert ahead(text) == [day]


@pytest.mark.parametrize("text", ["last friday", "past friday", "this past friday"])
def test_a_past_weekday_is_behind_even_for_a_close_date(text: str) -> None:
    assert ahead(text) == ["2026-11-13"]
    assert back(text) == ["2026-11-13"]


def test_a_bare_weekday_said_on_that_day() -> None:
    # "closing wednesday" said on a Wednesday without "today": next week's.
    assert ahead("closing wednesday") == ["2026-11-25"]
    # "today, wednesday": today itself, both ways.
    assert ahead("closes today, wednesday") == ["2026-11-18", "2026-11-18"]
    assert back("today, on wednesday") == ["2026-11-18", "2026-11-18"]
    assert back("today, this wednesday") == ["2026-11-18", "2026-11-18"]
    # Without "today", a bare Wednesday for an activity is last week's.
    assert back("on wednesday") == ["2026-11-11"]


@pytest.mark.parametrize("mod", ["next", "coming", "this coming"])
def test_next_wednesday_said_on_a_wednesday_is_a_week_on_even_beside_today(mod: str) -> None:
    assert ahead(f"not today: {mod} wednesday") == ["2026-11-18", "2026-11-25"]


# --- several dates in one message ---


def test_every_date_in_a_message_is_found() -> None:
    assert back("nov 3 and nov 5") == ["2026-11-03", "2026-11-05"]
    assert back("met them on the 3rd of march and on the 5th") == ["2026-03-03", "2026-11-05"]


# --- days that do not exist ---


@pytest.mark.parametrize(
    ("text", "days", "unreal_words"),
    [
        ("feb the 30th", [], ["feb the 30th"]),  # not read again as "the 30th"
        ("feb 30 and feb 3", ["2026-02-03"], ["feb 30"]),
        ("feb 30, yesterday", ["2026-11-17"], ["feb 30"]),
        ("2/30", [], ["2/30"]),
        ("4/31", [], ["4/31"]),
        ("31/4", [], ["31/4"]),  # reads only as April 31
        ("5/45", [], []),  # no month has a 45th: no date, a ratio
        ("aug 32", [], []),
    ],
)
def test_days_that_do_not_exist_are_collected(
    text: str, days: list[str], unreal_words: list[str]
) -> None:
    assert unreal(text) == (days, unreal_words)


def test_a_day_that_does_not_exist_needs_no_list_to_go_into() -> None:
    assert find_dates("feb 30", WED) == []


@pytest.mark.parametrize(
    "text", ["3 calls with Acme on 2/30", "3 calls with Acme on 4/31", "demo with Acme 31/4"]
)
def test_a_numeric_day_that_does_not_exist_is_asked_not_logged_today(text: str) -> None:
    got = parse(text, today=WED)
    assert got.name == "log_activity" and got.note == "bad_date"
    assert "date" not in got.slots and got.confidence < CLARIFY_BELOW
    assert got.slots["items"][0]["count"] in (1, 3)  # "31/4" is no count of 4 demos


# --- numbers with a slash or a dot ---


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("12/5", "2025-12-05"),  # month first: December 5, the most recent one
        ("13/5", "2026-05-13"),  # no 13th month: only one reading
        ("11/3/2025", "2025-11-03"),  # the year said wins over this month's Nov 3
        ("11/3/25", "2025-11-03"),
    ],
)
def test_numeric_dates_read_month_first(text: str, day: str) -> None:
    assert unreal(text) == ([day], [])


def test_numeric_dates_read_day_first_where_the_workspace_writes_them_so() -> None:
    text, bad = "3.11.24, 30.02", list[tuple[int, int]]()
    days = find_dates(text, WED, dmy=True, bad=bad)
    assert [h.value.isoformat() for h in days] == ["2024-11-03"]
    assert [text[s:e] for s, e in bad] == ["30.02"]  # February has no 30th
    assert unreal("30.02") == ([], [])  # month first, "30.02" is a number, not a date


@pytest.mark.parametrize("text", ["open 24/7", "booked 0/5 demos", "hit 13/13", "5/32 seats"])
def test_numbers_with_a_slash_that_are_no_date_are_not_asked_about(text: str) -> None:
    assert unreal(text) == ([], [])

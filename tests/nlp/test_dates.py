"""Relative dates against several --today values (contract section "Relative dates")."""

from __future__ import annotations

from datetime import date

import pytest

from nlp.dates import find_dates
from nlp.parser import CLARIFY_BELOW, parse

WED = date(2026, 11, 18)
MON = date(2027, 1, 4)  # a Monday in January: "last Friday" and "Dec 30" cross the year
EOQ = date(2026, 3, 31)  # a Tuesday that ends a month and a quarter
LEAP = date(2028, 2, 29)


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("yesterday", WED, "2026-11-17"),
        ("yday", MON, "2027-01-03"),
        ("the day before yesterday", WED, "2026-11-16"),
        ("2 days ago", MON, "2027-01-02"),
        ("three days ago", EOQ, "2026-03-28"),
        ("on monday", WED, "2026-11-16"),
        ("monday", MON, "2026-12-28"),
        ("last friday", MON, "2027-01-01"),
        ("last friday", WED, "2026-11-13"),
        ("thurs", WED, "2026-11-12"),
        ("tues", EOQ, "2026-03-24"),
        ("Nov 3", WED, "2026-11-03"),
        ("Dec 30", MON, "2026-12-30"),
        ("3rd of March", EOQ, "2026-03-03"),
        ("Feb 29", LEAP, "2028-02-29"),
        ("2026-10-01", WED, "2026-10-01"),
    ],
)
def test_activity_dates_look_back(text: str, today: date, expected: str) -> None:
    assert [h.value.isoformat() for h in find_dates(text.lower(), today)] == [expected]


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("end of month", WED, "2026-11-30"),
        ("eom", EOQ, "2026-03-31"),
        ("end of quarter", WED, "2026-12-31"),
        ("end of quarter", MON, "2027-03-31"),
        ("end of next month", WED, "2026-12-31"),
        ("next tuesday", WED, "2026-11-24"),
        ("next friday", WED, "2026-11-20"),
        ("next monday", MON, "2027-01-11"),
        ("friday", MON, "2027-01-08"),
        ("Dec 15", WED, "2026-12-15"),
        ("Nov 3", WED, "2027-11-03"),
        ("Jan 10", MON, "2027-01-10"),
        ("in 2 weeks", WED, "2026-12-02"),
        ("tomorrow", EOQ, "2026-04-01"),
        ("closing next month", WED, "2026-12-31"),
        ("next quarter", WED, "2027-03-31"),
        ("closing in Q1", WED, "2027-03-31"),
        ("in Q4", WED, "2026-12-31"),
        ("by q3 2027", WED, "2027-09-30"),
        ("closing in January", WED, "2027-01-31"),
        ("by November", WED, "2026-11-30"),
        ("in march", EOQ, "2026-03-31"),
    ],
)
def test_close_dates_look_forward(text: str, today: date, expected: str) -> None:
    hits = find_dates(text.lower(), today, forward=True)
    assert [h.value.isoformat() for h in hits] == [expected]


def test_weekday_today_only_when_said() -> None:
    wed = find_dates("wednesday", WED)[0].value
    assert wed == date(2026, 11, 11)
    assert find_dates("today (wednesday)", WED)[-1].value == WED


def test_sat_alone_is_not_saturday() -> None:
    assert find_dates("sat down with acme", WED) == []


def test_days_that_do_not_exist_are_no_date_and_are_asked_about() -> None:
    bad: list[tuple[int, int]] = []
    assert find_dates("feb 30", WED, bad=bad) == [] and bad == [(0, 6)]
    got = parse("3 calls feb 30", today=WED)
    assert "date" not in got.slots  # not today: the day written does not exist
    assert (got.note, got.confidence < CLARIFY_BELOW) == ("bad_date", True)


def test_activity_date_defaults_to_today() -> None:
    got = parse("5 calls w/ Acme", today=MON)
    assert got.slots["date"] == "2027-01-04"


def test_close_date_needs_a_close_word() -> None:
    got = parse("Dunder Mifflin qualified yesterday", today=WED)
    assert "close_date" not in got.slots
    got = parse("Acme in legal, expected to close Jan 12", today=MON)
    assert got.slots["close_date"] == "2027-01-12"


@pytest.mark.parametrize(
    ("text", "today", "back", "ahead"),
    [
        ("on the 12th", WED, "2026-11-12", "2026-12-12"),
        ("the 31st", date(2027, 3, 30), "2027-01-31", "2027-03-31"),
    ],
)
def test_day_of_month(text: str, today: date, back: str, ahead: str) -> None:
    assert find_dates(text, today)[0].value.isoformat() == back
    assert find_dates(text, today, forward=True)[0].value.isoformat() == ahead


@pytest.mark.parametrize("text", ["next month", "in Q1", "in January", "met them in march"])
def test_whole_periods_are_never_activity_days(text: str) -> None:
    assert find_dates(text.lower(), WED) == []

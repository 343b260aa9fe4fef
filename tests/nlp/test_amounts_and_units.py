"""Money, durations, counts and periods in the notations reps use."""

from __future__ import annotations

from datetime import date

import pytest

from nlp.amounts import find_money
from nlp.durations import find_durations
from nlp.parser import parse
from nlp.periods import find_period

WED = date(2026, 11, 18)


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("$24k", 24000, "USD"),
        ("24,500", 24500, None),
        ("1.2M", 1_200_000, None),
        ("€8.5k", 8500, "EUR"),
        ("£3,000", 3000, "GBP"),
        ("¥2,400,000", 2_400_000, "JPY"),
        ("USD 12000", 12000, "USD"),
        ("45k CAD", 45000, "CAD"),
        ("40 grand", 40000, None),
        ("forty grand", 40000, None),
        ("half a mil", 500_000, None),
        ("300 bucks", 300, "USD"),
        ("2.5 million", 2_500_000, None),
        ("30k€", 30000, "EUR"),
        ("30 000 €", 30000, "EUR"),
        ("30.000 €", 30000, "EUR"),
        ("2,5k €", 2500, "EUR"),
        ("EUR30k", 30000, "EUR"),
        ("A$50k", 50000, "AUD"),
        ("a million bucks", 1_000_000, "USD"),
        ("$2.5MM", 2_500_000, "USD"),
    ],
)
def test_money(text: str, value: float, currency: str | None) -> None:
    (hit,) = find_money(text)
    assert (hit.value, hit.currency) == (value, currency)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("45 min", 45),
        ("1h", 60),
        ("1h15", 75),
        ("1h 15m", 75),
        ("an hour and a half", 90),
        ("half an hour", 30),
        ("2.5 hours", 150),
        ("90 mins", 90),
        ("a 20-minute call", 20),
        ("two hours", 120),
        ("an hour-long", 60),
        ("a quarter of an hour", 15),
        ("2 hrs 30 mins", 150),
    ],
)
def test_durations(text: str, minutes: int) -> None:
    assert [d.minutes for d in find_durations(text, text.lower())] == [minutes]


def test_capital_m_is_millions_not_minutes() -> None:
    assert find_durations("2.5M", "2.5m") == []
    assert find_durations("5M", "5m") == []


@pytest.mark.parametrize(
    ("text", "today", "period"),
    [
        ("this qtr", WED, "this_quarter"),
        ("q4", WED, "this_quarter"),
        ("q1", WED, "next_quarter"),
        ("q3", WED, "last_quarter"),
        ("q4", date(2027, 1, 4), "last_quarter"),
        ("mtd", WED, "this_month"),
        ("ytd", WED, "this_year"),
        ("qtd", WED, "this_quarter"),
        ("for december", WED, "next_month"),
        ("in october", WED, "last_month"),
        ("last wk", WED, "last_week"),
        ("next year", WED, "next_year"),
        ("today", WED, "today"),
        ("yday", WED, "yesterday"),
        ("rn", WED, None),
    ],
)
def test_periods(text: str, today: date, period: str | None) -> None:
    assert find_period(text, today) == period


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("three calls and an email", [("call", 3), ("email", 1)]),
        ("a couple of demos", [("demo", 2)]),
        ("a few emails", [("email", 3)]),
        ("rang them twice", [("call", 2)]),
        ("emailed acme x3", [("email", 3)]),
        ("cold calls: 25", [("call", 25)]),
        ("walkthrough + 2 calls", [("demo", 1), ("call", 2)]),
        ("twenty-one dials", [("call", 21)]),
        ("a dozen emails", [("email", 12)]),
        ("2 site visits and a POC kickoff", [("meeting", 2), ("demo", 1)]),
        ("4x calls", [("call", 4)]),
        ("called them four times", [("call", 4)]),
    ],
)
def test_item_counts(text: str, items: list[tuple[str, int]]) -> None:
    got = parse(text, today=WED)
    assert got.name == "log_activity"
    assert [(i["activity"], i["count"]) for i in got.slots["items"]] == items

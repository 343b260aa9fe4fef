"""How money and counts read: whole units with a symbol, a short form for tables."""

from __future__ import annotations

import pytest

from core.money import fmt, fmt_count, fmt_short, to_minor


@pytest.mark.parametrize(
    ("minor", "currency", "shown"),
    [
        (2_400_000, "USD", "$24,000"),
        (195_652, "USD", "$1,957"),  # never "$1,956.52": answers speak in whole units
        (250, "USD", "$3"),  # half a unit rounds up, as people round (babel alone says $2)
        (-195_650, "USD", "-$1,957"),
        (-40, "USD", "$0"),  # not "-$0"
        (850_000, "EUR", "€8,500"),
        (2_400_000, "JPY", "¥2,400,000"),  # the yen has no minor unit
        (1_234_567, "KWD", "KWD1,235"),  # three decimals, still whole units
        (2_598_225.5, "USD", "$25,982"),  # pace figures are fractional
    ],
)
def test_an_amount_reads_in_whole_units_with_its_symbol(
    minor: float, currency: str, shown: str
) -> None:
    assert fmt(minor, currency) == shown


@pytest.mark.parametrize(
    ("minor", "shown"),
    [
        (2_400_000, "$24K"),
        (1_950_000, "$19.5K"),
        (120_000_000, "$1.2M"),
        (125_000_000, "$1.3M"),  # half up, not babel's half to even ($1.2M)
        (99_995_000, "$1M"),  # not "$1000K"
        (950_000, "$9,500"),  # small amounts stay whole
        (0, "$0"),
        (-2_400_000, "-$24K"),
    ],
)
def test_the_short_form_is_for_tables(minor: int, shown: str) -> None:
    assert fmt_short(minor, "USD") == shown


def test_counts_are_whole_with_thousands_separators_and_the_right_noun() -> None:
    assert fmt_count(2_400_000.0) == "2,400,000"
    assert fmt_count(12.5) == "13"
    assert fmt_count(1, "open deal") == "1 open deal"
    assert fmt_count(3, "open deal") == "3 open deals"
    assert fmt_count(0, "deal") == "0 deals"
    assert fmt_count(1, "activity", "activities") == "1 activity"
    assert fmt_count(20, "activity", "activities") == "20 activities"


def test_what_is_stored_comes_back_the_same() -> None:
    assert fmt(to_minor(24_000, "USD"), "USD") == "$24,000"
    assert fmt(to_minor(8_500, "EUR"), "EUR") == "€8,500"

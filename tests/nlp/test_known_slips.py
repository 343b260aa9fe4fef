"""Known parser slips from the floor: company names, doers, fuzzy close dates, pace questions."""

from __future__ import annotations

from datetime import date

import pytest

from nlp.parser import parse

TUE = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("text", "account"),
    [
        ("Total Wine signed 20k", "Total Wine"),
        ("Total Wine is in legal", "Total Wine"),
        ("Total Wine 20k closing in Q1", "Total Wine"),
        ("closed Total Wine for 20k", "Total Wine"),
        ("Quick Lane signed", "Quick Lane"),
        ("Sun Life signed 20k", "Sun Life"),
        ("Early Warning signed 20k", "Early Warning"),
        ("Total Quality Logistics signed 20k", "Total Quality Logistics"),
    ],
)
def test_a_company_opening_with_a_common_word_is_kept_whole(text: str, account: str) -> None:
    got = parse(text, today=TUE)
    assert got.name == "log_deal"
    assert got.slots["account"] == account


def test_total_wine_is_the_account_of_a_log_too() -> None:
    got = parse("3 calls with Total Wine", today=TUE)
    assert got.slots["account"] == "Total Wine"


@pytest.mark.parametrize(
    ("text", "account"),
    [
        ("Total: 3 calls with Acme", "Acme"),  # a tally word, then the log
        ("quick one, Globex closed 5k", "Globex"),
        ("Quick update: Acme signed 20k", "Acme"),
    ],
)
def test_the_same_words_as_chatter_still_name_nobody(text: str, account: str) -> None:
    assert parse(text, today=TUE).slots["account"] == account

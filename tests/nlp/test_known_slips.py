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


@pytest.mark.parametrize(
    ("text", "account", "doer"),
    [
        ("Ben closed Initech for 24k", "Initech", "Ben"),
        ("Ben Carter signed Globex 40k", "Globex", "Ben Carter"),
        ("fyi Rita won Hooli!", "Hooli", "Rita"),
        ("Ben lost Globex to Salesforce", "Globex", "Ben"),
    ],
)
def test_a_name_in_front_of_closed_is_who_closed_it(text: str, account: str, doer: str) -> None:
    got = parse(text, today=TUE)
    assert got.name == "log_deal"
    assert got.slots["account"] == account
    assert got.scope == doer  # someone else's deal: the router refuses it, as for "@ben closed"


def test_the_deal_command_reads_the_doer_the_same_way() -> None:
    got = parse("Ben closed Initech 24k", today=TUE, command="/deal")
    assert (got.slots["account"], got.scope) == ("Initech", "Ben")


@pytest.mark.parametrize(
    ("text", "scope"),
    [("@ben closed Initech for 24k", "@ben"), ("<@U07> closed Initech", "<@U07>")],
)
def test_a_mentioned_doer_is_unchanged(text: str, scope: str) -> None:
    got = parse(text, today=TUE)
    assert (got.slots["account"], got.scope) == ("Initech", scope)


@pytest.mark.parametrize(
    ("text", "account"),
    [
        ("We closed Initech for 24k", "Initech"),
        ("Finally closed Initech 20k", "Initech"),
        ("Officially signed Initech", "Initech"),  # an adverb in front: no doer
        ("Initech signed NDA", "Initech"),  # no name after the verb: the name in front is it
        ("Acme signed Friday for 20k", "Acme"),
        ("Initech closed for 24k", "Initech"),
    ],
)
def test_the_speaker_closing_is_still_their_own_deal(text: str, account: str) -> None:
    got = parse(text, today=TUE)
    assert got.slots["account"] == account
    assert got.scope is None

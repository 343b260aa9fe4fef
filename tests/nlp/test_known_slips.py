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


@pytest.mark.parametrize(
    ("text", "close"),
    [
        ("Acme 20k closing mid jan", "2027-01-15"),
        ("Globex 40k closes mid-January", "2027-01-15"),
        ("Initech 30k, close date end of feb", "2027-02-28"),
        ("Hooli 50k closing early march", "2027-03-01"),
        ("Hooli 50k closing late march", "2027-03-31"),  # a deadline: met by the last day
        ("Hooli 50k closing beginning of april", "2027-04-01"),
        ("Hooli 50k closing by end-Feb", "2027-02-28"),
        ("Hooli 50k closing mid dec", "2026-12-15"),  # still ahead this month
        ("Hooli 50k closing mid jan 2028", "2028-01-15"),
        ("Hooli 50k closing early next month", "2027-01-01"),
        ("Hooli 50k closing mid-month", "2026-12-15"),
        ("Acme pushed to mid jan", "2027-01-15"),
        ("update Acme close date to mid jan", "2027-01-15"),
    ],
)
def test_a_part_of_a_month_is_a_close_date(text: str, close: str) -> None:
    got = parse(text, today=TUE)
    assert got.name == "log_deal"
    assert got.slots["close_date"] == close


def test_a_part_of_a_month_already_past_is_next_years() -> None:
    got = parse("Hooli 50k closing mid dec", today=date(2026, 12, 20))
    assert got.slots["close_date"] == "2027-12-15"


@pytest.mark.parametrize(
    ("text", "close"),
    [("closing mid jan", "2027-01-15"), ("close date end of feb", "2027-02-28")],
)
def test_the_deal_command_reads_them_too(text: str, close: str) -> None:
    got = parse(f"Acme {text}", today=TUE, command="/deal")
    assert got.slots["close_date"] == close


def test_a_part_of_a_month_is_no_day_an_activity_happened() -> None:
    # Vague for a log: the day stays today rather than a guessed 15th.
    got = parse("had a call with Acme mid jan", today=TUE)
    assert got.slots.get("date") != "2027-01-15"


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("how many more calls do I need today", "today"),
        ("how many more demos do I need this week?", "this_week"),
        ("how many calls do I still need today", "today"),
        ("how many calls have I got left today", "today"),
        ("how many calls do I have left today", "today"),
    ],
)
def test_what_is_still_needed_is_the_pace_to_goal(text: str, period: str) -> None:
    # check_quota answers attainment, pace and what is left per day; team_stats only counts.
    got = parse(text, today=TUE)
    assert got.name == "check_quota"
    assert got.slots["period"] == period


def test_what_the_team_still_needs_is_the_teams_pace() -> None:
    got = parse("how many more meetings do we need this week", today=TUE)
    assert (got.name, got.slots.get("subject")) == ("check_quota", "team")


@pytest.mark.parametrize(
    "text",
    [
        "how many calls did I make today",  # a count, not what is left
        "how did I do on calls today",
        "how many more calls does Ben need today",  # check_quota would answer for the asker
    ],
)
def test_counts_and_other_people_are_not_the_askers_pace(text: str) -> None:
    assert parse(text, today=TUE).name != "check_quota"

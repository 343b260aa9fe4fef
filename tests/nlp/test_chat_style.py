"""How reps really type: abbreviations, typos, emoji shorthand, mentions as people."""

from __future__ import annotations

from datetime import date

import pytest

from nlp.parser import parse

WED = date(2026, 11, 18)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("pipline for the team", "pipeline_summary"),
        ("forcast this quarter", "forecast"),
        ("leaderbord", "leaderboard"),
        ("how's my qouta looking", "check_quota"),
        ("meetign with Acme", "log_activity"),
        ("dmeo for Acme", "log_activity"),
        ("emial to Acme", "log_activity"),
        ("calld Vega Retail 2x", "log_activity"),
        ("mtg w Orion Freight yday", "log_activity"),
        ("bookings qtd", "team_stats"),
    ],
)
def test_typos_and_abbreviations(text: str, name: str) -> None:
    assert parse(text, today=WED).name == name


def test_emoji_shorthand() -> None:
    got = parse("📞 x5 w/ Acme", today=WED)
    assert got.slots["items"] == [{"activity": "call", "count": 5}]
    got = parse("🤝 with Initech yday", today=WED)
    assert got.slots["items"] == [{"activity": "meeting", "count": 1}]
    assert got.slots["date"] == "2026-11-17"


def test_mention_as_contact_is_verbatim() -> None:
    got = parse("call w/ <@U024BE7LH> from Acme", today=WED)
    assert got.slots["contact"] == "<@U024BE7LH>"
    assert got.slots["account"] == "Acme"


def test_number_words_and_grand() -> None:
    got = parse("closed Borealis for forty grand", today=WED)
    assert got.slots["amount"] == 40000
    got = parse("twenty-two dials and a couple emails", today=WED)
    assert got.slots["items"] == [
        {"activity": "call", "count": 22},
        {"activity": "email", "count": 2},
    ]


@pytest.mark.parametrize(
    ("text", "name", "subject"),
    [
        ("<@U0BOT123> 12 dials this morning", "log_activity", None),
        ("<@U0BOT123> how am i tracking vs quota", "check_quota", None),
        ("<@U0BOT123> EMEA pipeline q4", "pipeline_summary", "EMEA"),
        ("<@U03KLM9PQ> quota status this month", "check_quota", "<@U03KLM9PQ>"),
        ("<@U0BOT123> undo", "undo", None),
    ],
)
def test_leading_mention_addresses_the_bot_when_the_rest_says_so(
    text: str, name: str, subject: str | None
) -> None:
    got = parse(text, today=WED)
    assert (got.name, got.slots.get("subject")) == (name, subject)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("hey quotabot, help", "help"),
        ("ok so undo 🙏", "undo"),
        ("commands? thx", "help"),
        ("fyi contoso redlines back, still at USD 12000", "log_deal"),
    ],
)
def test_chatter_around_commands(text: str, name: str) -> None:
    assert parse(text, today=WED).name == name


def test_trailing_thanks_keeps_the_count() -> None:
    got = parse("call Acme 3 thx", today=WED)
    assert got.slots["items"] == [{"activity": "call", "count": 3}]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("nudge me at 9", "09:00"),
        ("nudge at 5", "17:00"),
        ("nudge me at 8 in the evening", "20:00"),
        ("nudge at 0930", "09:30"),
        ("nudges at 17h", "17:00"),
        ("nudge at 17h30", "17:30"),
        ("nudge at 5p", "17:00"),
        ("move my daily nudge to 4:30pm", "16:30"),
        ("nudge at 12am", "00:00"),
        ("nudge me at noon", "12:00"),
    ],
)
def test_nudge_times(text: str, value: str) -> None:
    assert parse(text, today=WED).slots == {"setting": "nudge_time", "value": value}


def test_generic_audiences_are_not_accounts() -> None:
    for text in ("sent 6 emails to prospects today", "called 4 leads", "emailed 3 customers"):
        intent = parse(text, today=date(2026, 11, 23))
        assert intent.name == "log_activity" and "account" not in intent.slots, text


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        (
            "Hooli 25k closing in Q1",
            {"account": "Hooli", "amount": 25000, "close_date": "2027-03-31"},
        ),
        (
            "Stark Industries 80k expected to close in January",
            {"account": "Stark Industries", "amount": 80000, "close_date": "2027-01-31"},
        ),
        (
            "Initech $12,000 closing next Friday",
            {"account": "Initech", "amount": 12000, "currency": "USD", "close_date": "2026-11-27"},
        ),
    ],
)
def test_terse_forecast_lines_are_open_deals(text: str, slots: dict[str, object]) -> None:
    intent = parse(text, today=date(2026, 11, 23))
    assert (intent.name, intent.slots) == ("log_deal", slots)
    assert intent.confidence >= 0.75


def test_closing_today_is_not_guessed_as_an_open_deal() -> None:
    intent = parse("closing 25k today with Acme", today=date(2026, 11, 23))
    assert not (
        intent.name == "log_deal" and intent.confidence >= 0.75 and "stage" not in intent.slots
    )


@pytest.mark.parametrize("text", ["5 calls last week with Globex", "12 calls this week"])
def test_a_log_naming_a_period_but_no_day_is_asked_about(text: str) -> None:
    intent = parse(text, today=date(2026, 11, 23))
    assert intent.name == "log_activity" and intent.confidence < 0.75


@pytest.mark.parametrize(
    ("text", "zone"),
    [("switch me to London time", "Europe/London"), ("I am on Tokyo time now", "Asia/Tokyo")],
)
def test_city_time_sets_the_zone(text: str, zone: str) -> None:
    intent = parse(text, today=date(2026, 11, 23))
    assert (intent.name, intent.slots) == ("settings", {"setting": "timezone", "value": zone})


@pytest.mark.parametrize(
    "text", ["got to Acme on time", "meeting moved to lunch time with Acme", "switch to sales time"]
)
def test_time_phrases_that_are_not_places_change_no_setting(text: str) -> None:
    assert parse(text, today=date(2026, 11, 23)).name != "settings"

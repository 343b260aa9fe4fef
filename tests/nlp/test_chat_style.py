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

"""Slash commands are strong hints; the text after them goes through the same parser."""

from __future__ import annotations

from datetime import date

import pytest

from nlp.parser import CLARIFY_BELOW, parse

WED = date(2026, 11, 18)


def test_log_command_reads_terse_text() -> None:
    got = parse("call Acme 3", today=WED, command="/log")
    assert got.name == "log_activity"
    assert got.slots == {
        "items": [{"activity": "call", "count": 3}],
        "account": "Acme",
        "date": "2026-11-18",
    }
    assert got.confidence >= CLARIFY_BELOW


def test_log_command_with_leading_account() -> None:
    got = parse("Borealis Bank 2 demos yesterday", today=WED, command="/log")
    assert got.name == "log_activity"
    assert got.slots["account"] == "Borealis Bank"
    assert got.slots["date"] == "2026-11-17"


@pytest.mark.parametrize(
    ("command", "text", "name"),
    [
        ("/quota", "", "check_quota"),
        ("/quota", "this month", "check_quota"),
        ("/quota", "set mine to 200k for q1", "set_quota"),
        ("/pipeline", "", "pipeline_summary"),
        ("/pipeline", "EMEA", "pipeline_summary"),
        ("/forecast", "q4", "forecast"),
        ("/team", "last week", "team_stats"),
        ("/leaderboard", "calls", "leaderboard"),
        ("/goal", "team demos 30 this month", "set_quota"),
        ("/quotabot", "help", "help"),
        ("/quotabot", "", "help"),
        ("/quotabot", "settings nudges off", "settings"),
        ("/quotabot", "undo", "undo"),
        ("/deal", "Acme 20k proposal", "log_deal"),
    ],
)
def test_command_hints(command: str, text: str, name: str) -> None:
    assert parse(text, today=WED, command=command).name == name


def test_command_slots() -> None:
    got = parse("settings nudges off", today=WED, command="/quotabot")
    assert got.slots == {"setting": "nudges_off"}
    got = parse("Acme 20k proposal", today=WED, command="/deal")
    assert got.slots == {"account": "Acme", "amount": 20000, "stage": "proposal"}
    got = parse("team demos 30 this month", today=WED, command="/goal")
    assert got.slots == {"subject": "team", "metric": "demos", "target": 30, "period": "this_month"}
    got = parse("leaderboard calls", today=WED, command="/leaderboard")
    assert got.slots == {"metric": "calls"}


def test_unknown_command_is_ignored() -> None:
    assert parse("3 calls w/ Acme", today=WED, command="/weird").name == "log_activity"


def test_empty_log_command_asks() -> None:
    got = parse("", today=WED, command="/log")
    assert not (got.is_write and got.confidence >= CLARIFY_BELOW)

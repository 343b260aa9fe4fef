"""Contract version 2: named periods, people without a mention, numeric dates, attainment,
lost_reason, future bookings that are not logs."""

from __future__ import annotations

import io
import json
from datetime import date
from typing import Any

import pytest

from bot.parse_cmd import run_parse
from nlp.parser import CLARIFY_BELOW, parse
from nlp.schema import validate

DEC = date(2026, 12, 1)  # a Tuesday in Q4
WED = date(2026, 11, 18)


@pytest.mark.parametrize(
    ("text", "today", "intent", "period"),
    [
        ("how did I do in October?", DEC, "check_quota", "2026-10"),
        ("how did I do in November?", DEC, "check_quota", "last_month"),
        ("quota attainment for December", DEC, "check_quota", "this_month"),
        ("what was my attainment in Q2", DEC, "check_quota", "2026-Q2"),
        ("how did i do vs quota in q3", WED, "check_quota", "last_quarter"),
        ("team stats for March", DEC, "team_stats", "2026-03"),
        ("leaderboard for september", DEC, "leaderboard", "2026-09"),
        ("how did the team do in 2024", DEC, "team_stats", "2024"),
        ("how did the team do in 2025", DEC, "team_stats", "last_year"),
        ("team calls in week 45", DEC, "team_stats", "2026-W45"),
        ("set my quota for March to 90k", DEC, "set_quota", "2027-03"),
        ("set my quota for January to 90k", DEC, "set_quota", "next_month"),
        ("set my quota to 200k for Q2", DEC, "set_quota", "2027-Q2"),
        ("set my quota for December to 80k", DEC, "set_quota", "this_month"),
        ("set <@U02ABC> quota to 150k for Q1", WED, "set_quota", "next_quarter"),
        ("pipeline for q1", WED, "pipeline_summary", "next_quarter"),
        ("forecast for March", DEC, "forecast", "2027-03"),
    ],
)
def test_named_periods(text: str, today: date, intent: str, period: str) -> None:
    got = parse(text, today=today)
    assert (got.name, got.slots.get("period")) == (intent, period)


@pytest.mark.parametrize(
    ("text", "intent", "subject"),
    [
        ("how is alice doing?", "team_stats", "alice"),
        ("how's Ben Carter tracking this month", "check_quota", "Ben Carter"),
        ("what's alice's pipeline", "pipeline_summary", "alice"),
        ("Ben Carter's numbers this week", "team_stats", "Ben Carter"),
        ("is ben on track?", "check_quota", "ben"),
        ("pipeline for dana this quarter", "pipeline_summary", "dana"),
        ("how many calls did priya make this week", "team_stats", "priya"),
        ("set Ben Carter quota to 50k next month", "set_quota", "Ben Carter"),
        ("set alice's call target to 300 this week", "set_quota", "alice"),
        ("forecast for @maya", "forecast", "maya"),
        ("how is the team doing", "team_stats", "team"),
        ("how did we do last quarter", "team_stats", "team"),
        ("how am I doing this week?", "check_quota", None),
    ],
)
def test_people_named_without_a_mention(text: str, intent: str, subject: str | None) -> None:
    got = parse(text, today=DEC)
    assert (got.name, got.slots.get("subject")) == (intent, subject)


@pytest.mark.parametrize(
    ("command", "text", "slots"),
    [
        (
            "/goal",
            "@ben 20 activities a day",
            {"subject": "ben", "metric": "activities", "target": 20, "period": "today"},
        ),
        ("/goal", "Greta 1", {"subject": "Greta", "metric": "revenue", "target": 1}),
        ("/quota", "alice", {"subject": "alice"}),
    ],
)
def test_slash_commands_name_people(command: str, text: str, slots: dict[str, Any]) -> None:
    assert parse(text, today=DEC, command=command).slots == slots


@pytest.mark.parametrize(
    ("text", "order", "day"),
    [
        ("demo with Acme on 11/27", "mdy", "2026-11-27"),
        ("demo with Acme on 27/11", "mdy", "2026-11-27"),  # only one reading
        ("demo with Acme on 27/11", "dmy", "2026-11-27"),
        ("demo with Acme on 11/10", "dmy", "2026-10-11"),
        ("demo with Acme on 11/10", "mdy", "2026-11-10"),
        ("demo with Acme on 29.11", "dmy", "2026-11-29"),
        ("2 calls w/ Initech 11/30/2026", "mdy", "2026-11-30"),
        ("2 calls w/ Initech 30.11.26", "dmy", "2026-11-30"),
    ],
)
def test_numeric_dates(text: str, order: str, day: str) -> None:
    got = parse(text, today=DEC, date_order=order)
    assert got.name == "log_activity"
    assert got.slots["date"] == day
    assert got.slots["items"][0]["count"] in (1, 2)  # the date is no count


def test_numeric_close_dates_look_ahead() -> None:
    got = parse("Globex in legal, close date 1/15", today=DEC)
    assert got.slots["close_date"] == "2027-01-15"
    got = parse("Globex in legal, close date 15/1", today=DEC, date_order="dmy")
    assert got.slots["close_date"] == "2027-01-15"


@pytest.mark.parametrize("text", ["2.5k calls budget", "open 24/7", "$3.10 per call"])
def test_numbers_that_are_not_dates(text: str) -> None:
    assert parse(text, today=DEC).slots.get("date") in (None, DEC.isoformat())


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("leaderboard % of quota this quarter", "attainment"),
        ("fair leaderboard this month", "attainment"),
        ("leaderboard by attainment", "attainment"),
        ("leaderboard revenue q4", "revenue"),
    ],
)
def test_attainment_metric(text: str, metric: str) -> None:
    got = parse(text, today=WED)
    assert (got.name, got.slots.get("metric")) == ("leaderboard", metric)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("lost Hooli - went with Salesforce", "went with Salesforce"),
        ("Initech is dead, no budget", "no budget"),
        ("lost Acme to Salesforce", "lost to Salesforce"),
        ("lost the Umbrella deal because legal wouldn't sign off", "legal wouldn't sign off"),
        ("Acme Corp went with a competitor for €8.5k", None),
        ("Acme went with HubSpot for €8.5k", "went with HubSpot"),
        ("lost Globex, 40k", None),
        ("Hooli lost 😭", None),
    ],
)
def test_lost_reason(text: str, reason: str | None) -> None:
    got = parse(text, today=DEC)
    assert got.name == "log_deal" and got.slots["stage"] == "lost"
    assert got.slots.get("lost_reason") == reason


@pytest.mark.parametrize(
    "text",
    ["booked a demo for next Thursday", "mtg w Orion Freight tmrw", "demo w/ Acme in 2 days"],
)
def test_future_bookings_are_not_logs(text: str) -> None:
    got = parse(text, today=DEC)
    assert got.name == "unknown" and got.note == "planned"
    assert got.to_json() == {"intent": "unknown", "slots": {}, "confidence": got.confidence}


def test_done_beside_a_plan_logs_the_done_part_and_asks() -> None:
    got = parse("called Acme and booked a demo for next Thursday", today=DEC)
    assert got.name == "log_activity"
    assert got.slots["items"] == [{"activity": "call", "count": 1}]
    assert got.slots["date"] == DEC.isoformat()
    assert got.confidence < CLARIFY_BELOW


def test_schema_accepts_v2_values() -> None:
    ok = validate({"intent": "check_quota", "slots": {"period": "2026-Q3"}, "confidence": 0.8}, DEC)
    assert ok.slots == {"period": "2026-Q3"}
    deal = {"account": "Hooli", "stage": "lost", "lost_reason": "no budget"}
    assert validate({"intent": "log_deal", "slots": deal, "confidence": 0.8}, DEC).slots == deal
    board = {"metric": "attainment", "period": "2026-W48"}
    assert validate({"intent": "leaderboard", "slots": board, "confidence": 0.8}, DEC).slots
    with pytest.raises(ValueError):
        validate({"intent": "check_quota", "slots": {"period": "2026-13"}, "confidence": 1}, DEC)


def test_quotabot_parse_date_order() -> None:
    out = io.StringIO()
    code = run_parse(
        "demo w/ Acme 10/11",
        jsonl=False,
        today=DEC,
        no_llm=True,
        stdin=io.StringIO(),
        stdout=out,
        date_order="dmy",
    )
    assert code == 0
    assert json.loads(out.getvalue())["slots"]["date"] == "2026-11-10"
    bad = run_parse(
        "x", jsonl=False, today=DEC, no_llm=True, stdin=io.StringIO(), stdout=out, date_order="ymd"
    )
    assert bad == 2


@pytest.mark.parametrize(
    ("text", "today", "slots"),
    [
        ("team calls in week 48", DEC, {"period": "last_week"}),
        ("how did I do in week 50", date(2027, 1, 6), {"period": "2026-W50"}),
        (
            "set my call goal for week 2 to 50",
            DEC,
            {"metric": "calls", "target": 50, "period": "2027-W02"},
        ),
    ],
)
def test_iso_weeks(text: str, today: date, slots: dict[str, Any]) -> None:
    got = parse(text, today=today)
    assert {k: got.slots.get(k) for k in slots} == slots

"""Issue 11: bookings keep their log for a reminder; deal names, edits and the lost view."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from nlp.parser import CLARIFY_BELOW, parse

WED = date(2026, 11, 18)
TUE = date(2027, 3, 9)


def test_a_booking_alone_keeps_its_slots_for_a_reminder() -> None:
    got = parse("booked a meeting with Zephyr for next tuesday", today=WED)
    assert (got.name, got.note) == ("unknown", "planned")
    assert got.planned == {
        "items": [{"activity": "meeting", "count": 1}],
        "account": "Zephyr",
        "date": "2026-11-24",
    }
    assert got.to_json() == {"intent": "unknown", "slots": {}, "confidence": got.confidence}


def test_done_beside_a_booking_is_logged_today_and_the_booking_planned() -> None:
    got = parse("followed up with Initech via email and booked a demo for thursday", today=WED)
    assert got.confidence < CLARIFY_BELOW  # done beside a plan: asked, as before
    assert got.slots == {
        "items": [{"activity": "email", "count": 1}],
        "account": "Initech",
        "date": "2026-11-18",
    }
    assert got.planned == {
        "items": [{"activity": "demo", "count": 1}],
        "account": "Initech",
        "date": "2026-11-19",  # the coming Thursday, not last week's
    }
    assert "planned" not in json.dumps(got.to_json())


def test_a_booking_names_its_own_account() -> None:
    got = parse("called Acme yesterday and booked a demo with Globex for Friday", today=WED)
    assert got.slots["items"] == [{"activity": "call", "count": 1}]
    assert got.slots["date"] == "2026-11-17"
    assert got.planned is not None
    assert (got.planned["account"], got.planned["date"]) == ("Globex", "2026-11-20")


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("booked a demo with Acme on thursday", "2026-11-19"),
        ("set up a call with Acme on friday", "2026-11-20"),
        ("scheduled a demo with Acme for the 25th", "2026-11-25"),
        ("booked a demo for 11/25 with Acme", "2026-11-25"),
    ],
)
def test_the_day_booked_for_is_ahead(text: str, day: str) -> None:
    got = parse(text, today=WED)
    assert (got.name, got.note) == ("unknown", "planned")
    assert got.planned is not None and got.planned["date"] == day


@pytest.mark.parametrize(
    "text",
    [
        "had a demo with Acme on thursday",
        "met Acme on thursday",
        "booked 3 meetings yesterday",
        "3 calls w/ Acme",
    ],
)
def test_done_activities_have_no_plan(text: str) -> None:
    got = parse(text, today=WED)
    assert got.name == "log_activity" and got.planned is None


@pytest.mark.parametrize(
    ("text", "account", "name"),
    [
        ("new opp Acme renewal 20k", "Acme", "renewal"),
        ("new deal Globex expansion for 40k", "Globex", "expansion"),
        ("opened a new deal Corvid Labs pilot for €8k", "Corvid Labs", "pilot"),
        ("new opp Acme renewal", "Acme", "renewal"),
        ("new opp Acme looks promising", "Acme", None),
        ("create a new opportunity for Sunpath Solar worth 90k", "Sunpath Solar", None),
        ("closed Acme renewal for 20k", "Acme", None),  # only a new deal is named
    ],
)
def test_deal_names(text: str, account: str, name: str | None) -> None:
    got = parse(text, today=WED)
    assert got.slots["account"] == account and got.slots.get("deal_name") == name


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        ("update cyberdyne amount to 38k", {"account": "cyberdyne", "amount": 38000}),
        ("update globex stage to negotiation", {"account": "globex", "stage": "negotiation"}),
        (
            "change initech close date to march 31",
            {"account": "initech", "close_date": "2027-03-31"},
        ),
        ("Soylent Labs now €18k", {"account": "Soylent Labs", "amount": 18000, "currency": "EUR"}),
        (
            "Verdant Labs is now $52k",
            {"account": "Verdant Labs", "amount": 52000, "currency": "USD"},
        ),
    ],
)
def test_edits_name_the_account_and_what_changed(text: str, slots: dict[str, Any]) -> None:
    got = parse(text, today=TUE)
    assert (got.name, got.slots) == ("log_deal", slots)
    assert got.confidence >= CLARIFY_BELOW


def test_now_about_the_speaker_is_no_deal() -> None:
    assert parse("I'm now at $40k", today=TUE).name != "log_deal"


@pytest.mark.parametrize(
    ("text", "command", "slots"),
    [
        ("lost this quarter", "/pipeline", {"stage": "lost", "period": "this_quarter"}),
        ("won last quarter", "/pipeline", {"stage": "won", "period": "last_quarter"}),
        ("in negotiation", "/pipeline", {}),  # open stages are the pipeline itself
        ("pipeline lost this quarter", None, {"stage": "lost", "period": "this_quarter"}),
    ],
)
def test_pipeline_views_of_closed_deals(
    text: str, command: str | None, slots: dict[str, Any]
) -> None:
    got = parse(text, today=WED, command=command)
    assert (got.name, got.slots) == ("pipeline_summary", slots)

"""Generated messages (seeded): many names x counts x dates x amounts x periods x `today`
values, with expectations computed independently here, to catch rules that only fit the
dev lines."""

from __future__ import annotations

import calendar
import random
from datetime import date, timedelta
from typing import Any

import pytest

from nlp.parser import parse

COMPANIES = [
    "Acme Corp", "Borealis Bank", "Zentrix", "Harlow & Finch", "Nordhavn Shipping", "Quill & Co",
    "Pixelcraft", "Arbor Energy", "Skyview Dental", "Moxie Brands", "Lumio", "Granite Peak Resort",
]  # fmt: skip
PEOPLE = ["Jane Doe", "Marco", "Priya Nair", "Tom", "Ana Lima", "Kenji Sato"]
NOUNS = {"call": "calls", "email": "emails", "meeting": "meetings", "demo": "demos"}
NUMBER_WORDS = {2: "two", 3: "three", 5: "five"}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
ROUNDS = 300


def _today(rng: random.Random) -> date:
    return date(2026, 1, 1) + timedelta(days=rng.randint(0, 730))


def _activity_date(rng: random.Random, today: date) -> tuple[str, date]:
    kind = rng.choice(["none", "yday", "weekday", "last", "ago", "month_day"])
    if kind == "none":
        return "", today
    if kind == "yday":
        return rng.choice([" yesterday", " yday"]), today - timedelta(days=1)
    if kind == "ago":
        n = rng.randint(2, 6)
        return f" {n} days ago", today - timedelta(days=n)
    if kind in ("weekday", "last"):
        wd = rng.randint(0, 6)
        back = (today.weekday() - wd) % 7 or 7
        return (" on " if kind == "weekday" else " last ") + WEEKDAYS[wd], today - timedelta(back)
    day = today - timedelta(days=rng.randint(1, 40))
    return f" {MONTHS[day.month - 1]} {day.day}", day


def _activity_case(rng: random.Random) -> tuple[str, date, dict[str, Any]]:
    today = _today(rng)
    parts, items = [], []
    for kind in rng.sample(list(NOUNS), rng.choice([1, 1, 2])):
        count = rng.choice([1, 2, 3, 5, 12])
        if count == 1:
            parts.append(f"{'an' if kind == 'email' else 'a'} {kind}")
        else:
            said = NUMBER_WORDS.get(count, str(count)) if rng.random() < 0.4 else str(count)
            parts.append(f"{said} {NOUNS[kind]}")
        items.append({"activity": kind, "count": count})
    company = rng.choice(COMPANIES)
    person = rng.choice([*PEOPLE, None, None])
    said_date, day = _activity_date(rng, today)
    who = f"{person} at {company}" if person else company
    text = " and ".join(parts) + f" {rng.choice(['with', 'w/', 'to'])} {who}{said_date}"
    slots: dict[str, Any] = {"items": items, "account": company}
    if person:
        slots["contact"] = person
    slots["date"] = day.isoformat()
    return text, today, slots


STAGES = {
    "won": ["closed {c}", "signed {c}", "won {c}", "{c} signed", "booked {c}"],
    "lost": ["lost {c}", "{c} went with a competitor", "{c} is dead"],
    "proposal": ["sent a proposal to {c}", "sent pricing to {c}", "sent {c} a quote"],
    "prospecting": ["new opp: {c}", "new deal with {c}", "opened a new opportunity for {c}"],
    "qualification": ["qualified {c}", "{c} is qualified", "moved {c} to qualified"],
    "negotiation": ["{c} is in legal", "{c} in redlines", "negotiating with {c}"],
}
AMOUNTS: list[tuple[str, int, str | None]] = [
    ("$24k", 24000, "USD"), ("€8.5k", 8500, "EUR"), ("£3,000", 3000, "GBP"),
    ("USD 12000", 12000, "USD"), ("45k", 45000, None), ("1.2M", 1_200_000, None),
    ("24,500", 24500, None), ("40 grand", 40000, None),
]  # fmt: skip


def _close(rng: random.Random, today: date) -> tuple[str, date | None]:
    kind = rng.choice(["none", "eom", "next", "month_day"])
    if kind == "none":
        return "", None
    if kind == "eom":
        last = calendar.monthrange(today.year, today.month)[1]
        return ", closing end of month", today.replace(day=last)
    if kind == "next":
        wd = rng.randint(0, 4)
        ahead = (wd - today.weekday()) % 7 or 7
        return f", should close next {WEEKDAYS[wd]}", today + timedelta(days=ahead)
    day = today + timedelta(days=rng.randint(1, 60))
    return f", close date {MONTHS[day.month - 1]} {day.day}", day


def _deal_case(rng: random.Random) -> tuple[str, date, dict[str, Any]]:
    today = _today(rng)
    stage = rng.choice(list(STAGES))
    company = rng.choice(COMPANIES)
    text = rng.choice(STAGES[stage]).format(c=company)
    slots: dict[str, Any] = {"account": company}
    if rng.random() < 0.8:
        said, value, currency = rng.choice(AMOUNTS)
        text += rng.choice([", ", " for ", " - "]) + said
        slots["amount"] = value
        if currency:
            slots["currency"] = currency
    slots["stage"] = stage
    if stage not in ("won", "lost"):
        said_close, day = _close(rng, today)
        text += said_close
        if day:
            slots["close_date"] = day.isoformat()
    return text, today, slots


@pytest.mark.parametrize(
    ("name", "make"), [("log_activity", _activity_case), ("log_deal", _deal_case)]
)
def test_generated_logs(name: str, make: Any) -> None:
    rng = random.Random(20261118)
    misses = []
    for _ in range(ROUNDS):
        text, today, slots = make(rng)
        got = parse(text, today=today)
        if (got.name, got.slots) != (name, slots):
            misses.append((today.isoformat(), text, got.name, got.slots, slots))
    assert misses == []

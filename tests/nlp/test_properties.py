"""Property tests: any text gives a valid contract object, quickly, and never raises."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.parser import parse
from nlp.schema import validate

WED = date(2026, 11, 18)
COMMANDS = st.sampled_from([None, "/log", "/deal", "/quota", "/pipeline", "/forecast", "/team",
                            "/leaderboard", "/goal", "/quotabot", "/nope", ""])  # fmt: skip
WORDS = (
    "3 calls demo w/ Acme Corp closed $24k €8.5k yesterday last friday Nov 3 quota q1 "
    "<@U024BE7LH> <#C024BE7LR|sales> team EMEA pipeline forecast set to 150k nudge 9am tz "
    "PST undo help 😩 🚀 x2 twice 1h15 a couple of lost signed new opp: , . ! ? - : ( )"
)
SALESY = st.lists(st.sampled_from(WORDS.split(" ")), max_size=30).map(" ".join)
DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


def _assert_valid(text: str, today: date, command: str | None) -> None:
    got = parse(text, today=today, command=command)
    data = json.loads(json.dumps(got.to_json()))
    again = validate(data, today, plausible=False)  # the pydantic contract schema accepts it
    assert again.name == got.name
    assert 0.0 <= got.confidence <= 1.0


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=400), DAYS, COMMANDS)
def test_any_text(text: str, today: date, command: str | None) -> None:
    _assert_valid(text, today, command)


@settings(max_examples=400, deadline=None)
@given(SALESY, DAYS, COMMANDS)
def test_sales_shaped_noise(text: str, today: date, command: str | None) -> None:
    _assert_valid(text, today, command)


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=2000))
def test_binary_looking_text(raw: bytes) -> None:
    _assert_valid(raw.decode("latin-1"), WED, None)


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"[$€]?[0-9]{1,20}(\.[0-9]{1,3})?[kKmM]?", fullmatch=True), COMMANDS)
def test_any_number_stays_in_contract(number: str, command: str | None) -> None:
    for template in ("closed Acme for {}", "set my quota to {}", "{} calls", "{}"):
        _assert_valid(template.format(number), WED, command)


def test_far_years_are_still_valid() -> None:
    _assert_valid("met Acme on Jan 5 2019", WED, None)
    _assert_valid("Acme closing 2031-01-01, $5k", WED, None)


def test_huge_input() -> None:
    text = "lorem ipsum dolor " * 600 + " 3 calls w/ Acme " + "sit amet " * 600
    assert len(text) > 10_000
    _assert_valid(text, WED, None)
    _assert_valid("9" * 20_000, WED, None)
    _assert_valid("$" + "9" * 5000 + "k", WED, "/deal")


def test_rtl_emoji_and_control_characters() -> None:
    for text in [
        "שלום, 3 שיחות עם אקמה",
        "مرحبا closed Acme $5k",
        "🔥🔥🔥🚀",
        "\u202e3 calls w/ Acme\u202c",
        "\x00\x01\x02 demo\x1b[31m w/ Globex",
        "\ud800 broken surrogate",
        "👨‍👩‍👧‍👦" * 500,
    ]:
        _assert_valid(text, WED, None)

"""Issue 11: amounts, currencies, counts and dates reach the handlers as written, or noted."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, localcontext
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.amounts import find_money
from nlp.intent import BAD_VALUES
from nlp.llm import _ANSWERED
from nlp.numbers import numeral, word_to_int
from nlp.parser import CLARIFY_BELOW, parse
from nlp.schema import validate

WED = date(2026, 11, 18)
TUE = date(2027, 3, 9)


def _asks(text: str, today: date = WED, command: str | None = None) -> Any:
    got = parse(text, today=today, command=command)
    assert got.confidence < CLARIFY_BELOW, got
    return got


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("$-5k", -5000),
        ("-$24k", -24000),
        ("€-12k", -12000),
        ("$1e9", 1_000_000_000),
        ("$2.5e6", 2_500_000),
        ("1e4 EUR", 10_000),
        ("$999999999999999999", 999_999_999_999_999_999),
        ("$12345678901234567890", 12_345_678_901_234_567_890),
        ("$1.2Mn", 1_200_000),
    ],
)
def test_amounts_are_kept_as_written(written: str, value: int) -> None:
    (money,) = find_money(written)
    assert (money.value, money.readable) == (value, True)
    got = parse(f"closed Acme for {written}", today=WED)
    assert got.slots["amount"] == value and got.note is None
    assert (got.confidence < CLARIFY_BELOW) == (value < 0)  # negatives are asked about


@pytest.mark.parametrize(
    "written", ["$1e309", "$NaN", "$inf", "$Infinity", "€nan", "$∞", "∞ EUR", "1e400 USD", "$10^6"]
)
def test_unreadable_amounts_are_noted_never_a_number(written: str) -> None:
    got = _asks(f"closed Acme for {written}")
    assert got.name == "log_deal" and got.note == "bad_amount"
    assert "amount" not in got.slots and got.slots["stage"] == "won"


def test_an_unreadable_amount_stays_asked_after_a_slash_command() -> None:
    got = _asks("Acme won $NaN", command="/deal")
    assert got.note == "bad_amount"
    assert _asks("set my quota to $inf").note == "bad_amount"


@pytest.mark.parametrize(
    "text", ["closed Acme for $0", "closed Acme for $0.001", "set my quota to -50k"]
)
def test_zero_and_negative_values_are_kept_and_asked(text: str) -> None:
    got = _asks(text)
    assert got.slots.get("amount", got.slots.get("target")) in (0, -50000)


def test_plain_digit_runs_are_still_no_money() -> None:
    assert find_money("ticket 55512345678901234") == []
    assert find_money("for inf") == [] and find_money("Ann Nan") == []


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("closed Acme for 5k BTC", "BTC"),
        ("closed Acme for 5000 XYZ", "XYZ"),
        ("won Veridian Labs 40k ETH", "ETH"),
        ("closed Acme for 12000 usd", "USD"),
        ("closed Acme for $5k", "USD"),
        ("closed Kestrel Bio for 60k ARR", None),
        ("closed Acme for 20k MRR", None),
        ("closed Acme for 5k btc", None),  # lower case: a word, not a code
    ],
)
def test_currency_codes_are_kept_as_written(text: str, currency: str | None) -> None:
    assert parse(text, today=WED).slots.get("currency") == currency


def test_a_company_before_an_amount_is_no_currency() -> None:
    assert parse("closed IBM 50k", today=WED).slots == {
        "account": "IBM",
        "amount": 50000,
        "stage": "won",
    }


@pytest.mark.parametrize(
    ("said", "value"),
    [("-3", -3), ("3.5", 3.5), ("1e3", 1000), ("1,200", 1200), ("3,5", 3.5), ("3.0", 3)],
)
def test_numerals(said: str, value: float) -> None:
    assert numeral(said) == value


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("twenty five", 25),
        ("three hundred", 300),
        ("a hundred", 100),
        ("one hundred and twenty", 120),
        ("fifteen hundred", 1500),
        ("two thousand four hundred", 2400),
        ("a thousand", 1000),
    ],
)
def test_number_words_up_to_the_thousands(words: str, value: int) -> None:
    assert word_to_int(words) == value
    got = parse(f"{words} calls", today=WED)
    assert got.slots["items"] == [{"activity": "call", "count": value}] and got.note is None


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("-3 calls", -3),
        ("3.5 calls", 3.5),
        ("logged 2.5 meetings w/ Acme", 2.5),
        ("1e999 calls", None),
    ],
)
def test_odd_counts_are_kept_and_asked_never_one(text: str, count: float | None) -> None:
    got = _asks(text)
    assert got.name == "log_activity" and got.note == "bad_count"
    assert got.slots["items"][0]["count"] == count


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("1e3 calls", 1000),
        ("made two thousand dials", 2000),
        ("two thousand four hundred calls", 2400),
        ("2 thousand calls", 2000),
        ("made 1.5k calls today", 1500),
        ("1,200 dials today", 1200),
    ],
)
def test_large_counts_are_read_whole(text: str, count: int) -> None:
    got = parse(text, today=WED)
    assert got.slots["items"][0]["count"] == count and got.note is None


@pytest.mark.parametrize(
    "text",
    [
        "3 calls with Acme on Feb 30",
        "demo with Acme on April 31",
        "met Acme 31 June",
        "2 emails 2027-02-29",
    ],
)
def test_days_that_do_not_exist_are_not_today(text: str) -> None:
    got = _asks(text, TUE)
    assert got.name == "log_activity" and got.note == "bad_date"
    assert "date" not in got.slots


def test_a_deal_closing_on_no_real_day_is_asked() -> None:
    got = _asks("Nimbus 40k closing Feb 30", TUE)
    assert got.note == "bad_date" and "close_date" not in got.slots


def test_leap_days_resolve_to_the_nearest_leap_year() -> None:
    assert parse("call with Acme on Feb 29", today=TUE).slots["date"] == "2024-02-29"
    assert parse("Acme 40k closing Feb 29", today=TUE).slots["close_date"] == "2028-02-29"


def test_the_schema_takes_odd_values_from_the_parser_but_not_from_a_model() -> None:
    deal = {"intent": "log_deal", "slots": {"account": "Acme", "amount": -5000}, "confidence": 0.5}
    assert validate(deal, WED, plausible=False).slots["amount"] == -5000
    with pytest.raises(ValueError):
        validate(deal, WED)
    log = {"intent": "log_activity", "slots": {"items": [{"activity": "call", "count": 3.5}]}}
    assert validate({**log, "confidence": 0.5}, WED, plausible=False).name == "log_activity"
    with pytest.raises(ValueError):
        validate({**log, "confidence": 0.5}, WED)
    named = {"account": "Acme", "deal_name": "renewal", "stage": "prospecting"}
    assert validate({"intent": "log_deal", "slots": named, "confidence": 0.9}, WED).slots == named


def test_odd_values_and_plans_are_not_re_guessed_by_a_model() -> None:
    assert set(BAD_VALUES) | {"planned"} <= _ANSWERED


def test_a_dash_between_words_is_no_minus_sign() -> None:
    got = parse("qualified the Pearson Hardman opp - 65k, close date Dec 1", today=WED)
    assert got.slots["amount"] == 65000 and got.confidence >= CLARIFY_BELOW
    assert parse("closed Acme - 5k", today=WED).slots["amount"] == 5000


@pytest.mark.parametrize("text", ["closed Acme for minus 5k", "closed Acme for negative $5k"])
def test_a_minus_written_out_is_kept(text: str) -> None:
    assert _asks(text).slots["amount"] == -5000


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.sampled_from(["$", "€", "", "USD "]),
    st.from_regex(
        r"[-+]?(?:nan|inf|NaN|[0-9]{1,3}e[0-9]{1,4}|[0-9]{1,25}(?:\.[0-9]{1,2})?)[kM]?",
        fullmatch=True,
    ),
)
def test_an_amount_is_as_written_or_noted_never_a_guess(symbol: str, number: str) -> None:
    got = parse(f"closed Acme for {symbol}{number}", today=WED)
    amount = got.slots.get("amount")
    if got.note == "bad_amount":
        assert amount is None and got.confidence < CLARIFY_BELOW
    elif amount is not None:
        digits = number.lstrip("+-").rstrip("kM").lower()
        scale = {"k": 1000, "M": 1_000_000}.get(number[-1], 1)
        with localcontext(prec=200):
            expected = Decimal(digits) * scale * (-1 if number.startswith("-") else 1)
            # Exact, cents aside; past 2**53 cents a JSON number (a double) keeps ~16 digits.
            tolerance = max(Decimal("0.01"), abs(expected) * Decimal("1e-15"))
            assert abs(Decimal(amount) - expected) < tolerance
        assert (got.confidence < CLARIFY_BELOW) == (amount <= 0)

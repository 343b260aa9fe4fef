"""Amounts as reps write them: what each one is worth, in which currency, and which words it
covers (the rest of the message is read for the account, so the span matters)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from nlp.amounts import Money, find_money
from nlp.parser import CLARIFY_BELOW, parse

WED = date(2026, 11, 18)


def read(text: str) -> list[tuple[str, int | float, str | None, bool, bool]]:
    """Each amount found: the words it covers, its value, currency, explicit, readable."""
    return [
        (text[m.start : m.end], m.value, m.currency, m.explicit, m.readable)
        for m in find_money(text)
    ]


def one(text: str) -> Money:
    (money,) = find_money(text)
    return money


# --- what marks a number as money ---


@pytest.mark.parametrize(
    ("text", "covered", "currency"),
    [
        ("$500", "$500", "USD"),
        ("USD 500", "USD 500", "USD"),
        ("500 dollars", "500 dollars", "USD"),
        ("500 quid", "500 quid", "GBP"),
        ("500 CHF", "500 CHF", "CHF"),
    ],
)
def test_a_symbol_a_code_or_a_currency_word_marks_money(
    text: str, covered: str, currency: str
) -> None:
    assert read(text) == [(covered, 500, currency, True, True)]


def test_a_scale_alone_marks_money_and_a_bare_number_does_not() -> None:
    assert read("40k") == [("40k", 40000, None, True, True)]
    assert read("40") == [("40", 40, None, False, True)]


def test_marked_amounts_of_any_size_are_kept_for_the_handler_to_judge() -> None:
    # A plain 19-digit number is a digit run (an id, a phone number); marked, it is money.
    huge = 5_000_000_000_000_000_000
    assert read("$5000000000000000000") == [("$5000000000000000000", huge, "USD", True, True)]
    assert read("5000000000000000000 USD")[0][1:3] == (huge, "USD")
    assert read("5000000000000000000 dollars")[0][1:3] == (huge, "USD")
    assert read("5000000000000000000") == []


def test_plain_numbers_up_to_the_sanity_bound_are_numbers_and_past_it_digit_runs() -> None:
    assert read("1,000,000,000,000,000") == [("1,000,000,000,000,000", 10**15, None, False, True)]
    assert read("1,000,000,000,000,001") == []
    assert read("0") == [("0", 0, None, False, True)]  # nothing said is no money, but a number


def test_a_digit_run_does_not_hide_the_amount_after_it() -> None:
    assert read("ticket 55512345678901234 is for $5k") == [("$5k", 5000, "USD", True, True)]


# --- codes: before the number, after it, or glued to a word ---


def test_a_word_glued_to_a_number_is_a_token_not_an_amount() -> None:
    assert read("ref abc123, $5k") == [("$5k", 5000, "USD", True, True)]
    assert read("ref abc-5k") == []


def test_a_three_letter_name_before_an_amount_is_left_out_of_it() -> None:
    # "closed IBM 30k€": IBM is the account, 30k€ the amount.
    assert read("IBM 30k€") == [("30k€", 30000, "EUR", True, True)]
    assert read("ABC 5k") == [("5k", 5000, None, True, True)]


@pytest.mark.parametrize(
    ("text", "covered", "value", "currency", "explicit"),
    [
        ("5k BTC", "5k BTC", 5000, "BTC", True),  # a scale: money, whatever the code
        ("150 BTC", "150 BTC", 150, "BTC", True),
        ("100 BTC", "100 BTC", 100, "BTC", True),  # from 100 up a code makes it money
        ("99 BTC", "99", 99, None, False),  # "99 NPS", "20 SQL": too small to be sure
        ("5k Btc", "5k", 5000, None, True),  # not written as a code
        ("5k B2B", "5k", 5000, None, True),
        ("60k ARR", "60k", 60000, None, True),  # a known non-currency
        ("5000 EOD", "5000", 5000, None, False),
    ],
)
def test_an_upper_case_code_after_an_amount_is_kept_as_written(
    text: str, covered: str, value: int, currency: str | None, explicit: bool
) -> None:
    assert read(text) == [(covered, value, currency, explicit, True)]


# --- numbers: exponents, decimals, exactness ---


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("$1e5", 100_000),
        ("$1E5", 100_000),
        ("$1e+5", 100_000),
        ("$1e+300", 10**300),  # exact, however large: the handler refuses it, not the parser
        ("$2.5", 2.5),
        ("€8.5k", 8500),
    ],
)
def test_exponents_and_decimals_are_read_exactly(text: str, value: int | float) -> None:
    money = one(text)
    assert (money.value, money.readable) == (value, True)
    assert isinstance(money.value, int) is isinstance(value, int)


def test_an_exponent_past_any_float_is_no_number_and_a_tiny_one_is_zero() -> None:
    assert read("$1e1000") == [("$1e1000", 0, "USD", True, False)]
    assert read("$1e-1000") == [("$1e-1000", 0, "USD", True, True)]
    got = parse("closed Acme for $1e-1000", today=WED)
    assert got.slots["amount"] == 0 and got.confidence < CLARIFY_BELOW  # $0 is asked about


@pytest.mark.parametrize(
    ("said", "amount"),
    [
        ("$24k", "24000"),
        ("forty grand", "40000"),
        ("$99.99", "99.99"),
        ("$12.345", "12.35"),  # to the cent
    ],
)
def test_the_amount_in_the_parse_output_is_whole_or_to_the_cent(said: str, amount: str) -> None:
    got = parse(f"closed Acme for {said}", today=WED)
    assert json.dumps(got.slots["amount"]) == amount


# --- money written but no number ---


@pytest.mark.parametrize(
    ("text", "covered", "currency"),
    [
        ("$5kish", "$5", "USD"),
        ("USD 5kish", "USD 5", "USD"),
        ("$10^6", "$10", "USD"),
    ],
)
def test_money_run_into_letters_is_unreadable(text: str, covered: str, currency: str) -> None:
    assert read(text)[0] == (covered, 0, currency, True, False)


def test_an_unreadable_amount_does_not_hide_the_next_one() -> None:
    assert read("€5kish, then $3k") == [
        ("€5", 0, "EUR", True, False),
        ("$3k", 3000, "USD", True, True),
    ]


@pytest.mark.parametrize(
    ("said", "covered", "amount", "currency"),
    [
        ("won $5k for Acme", "$5k", 5000, "USD"),
        ("won USD 5k for Acme", "USD 5k", 5000, "USD"),
        ("won €12k for Globex", "€12k", 12000, "EUR"),
        ("won 5k for Acme", "5k", 5000, None),
    ],
)
def test_the_word_after_an_amount_is_left_for_the_account(
    said: str, covered: str, amount: int, currency: str | None
) -> None:
    # "for" after "$5k" is three letters, like a code: it is not part of the amount.
    assert read(said)[0][:3] == (covered, amount, currency)
    got = parse(said, today=WED)
    assert got.slots["account"] == said.split()[-1]
    assert (got.slots["amount"], got.slots.get("currency")) == (amount, currency)
    assert got.confidence >= CLARIFY_BELOW


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        ("$NaN", "$NaN"),
        ("∞ EUR", "∞ EUR"),
        ("usd nan", "usd nan"),
        ("XYZ NaN", "XYZ NaN"),
    ],
)
def test_not_a_number_written_as_money_is_unreadable(text: str, covered: str) -> None:
    assert read(text) == [(covered, 0, None, True, False)]


def test_not_a_number_after_an_ordinary_word_is_no_money() -> None:
    assert read("EOD nan") == []
    assert read("for inf, then $NaN") == [("$NaN", 0, None, True, False)]
    assert read("2 deals: $NaN") == [("2", 2, None, False, True), ("$NaN", 0, None, True, False)]


# --- signs ---


def test_a_minus_word_at_the_start_of_the_message_is_kept() -> None:
    assert read("minus 5k") == [("5k", -5000, None, True, True)]
    assert read("negative $5k") == [("$5k", -5000, "USD", True, True)]


def test_a_minus_sign_after_a_code_is_kept() -> None:
    assert read("USD -5k") == [("USD -5k", -5000, "USD", True, True)]
    assert read("EUR-5k") == [("EUR-5k", -5000, "EUR", True, True)]


# --- amounts in words ---


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("forty grand", 40000, None),
        ("Forty Grand", 40000, None),  # capitals, as at the start of a sentence or a title
        ("two thousand dollars", 2000, "USD"),
        ("Two Thousand", 2000, None),
        ("half a mil", 500_000, None),
        ("five k", 5000, None),
        ("FIVE K", 5000, None),
    ],
)
def test_amounts_in_words(text: str, value: int, currency: str | None) -> None:
    assert read(text) == [(text, value, currency, True, True)]


def test_amounts_in_words_beside_numbers() -> None:
    assert read("2 deals: $5k and forty grand") == [
        ("2", 2, None, False, True),
        ("$5k", 5000, "USD", True, True),
        ("forty grand", 40000, None, True, True),
    ]


def test_a_deal_said_in_title_case_keeps_its_amount() -> None:
    got = parse("closed Acme for Forty Grand", today=WED)
    assert got.slots.get("amount") == 40000

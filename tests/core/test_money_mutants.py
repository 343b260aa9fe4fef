"""Minor units both ways, for currencies with 0, 2 and 3 decimals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.money import fmt_short, from_minor, to_minor


@pytest.mark.parametrize(
    ("minor", "currency", "amount"),
    [
        (2_450_050, "USD", Decimal("24500.50")),
        (-199, "EUR", Decimal("-1.99")),
        (24_500, "JPY", Decimal("24500")),
        (1_234_567, "BHD", Decimal("1234.567")),
    ],
)
def test_minor_units_read_back_as_the_amount(minor: int, currency: str, amount: Decimal) -> None:
    assert from_minor(minor, currency) == amount
    assert to_minor(amount, currency) == minor


def test_the_short_form_starts_at_ten_thousand_whole_units_in_any_currency() -> None:
    assert fmt_short(999_949, "USD") == "$9,999"
    assert fmt_short(999_999, "USD") == "$10K"  # $9,999.99 reads as $10,000 whole
    assert fmt_short(1_000_000, "USD") == "$10K"
    assert fmt_short(9_999, "JPY") == "¥9,999"
    assert fmt_short(1_250_000, "JPY") == "¥1.3M"

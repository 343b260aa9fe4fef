"""Minor units both ways, for currencies with 0, 2 and 3 decimals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.money import from_minor, to_minor


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

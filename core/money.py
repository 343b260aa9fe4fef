"""Money: integer minor units in storage, locale-aware display via babel."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_compact_currency, format_currency, get_currency_precision


def to_minor(amount: float | int | Decimal, currency: str) -> int:
    digits = get_currency_precision(currency)
    return int((Decimal(str(amount)) * (10**digits)).quantize(Decimal(1)))


def from_minor(minor: int, currency: str) -> Decimal:
    return Decimal(minor) / Decimal(10 ** get_currency_precision(currency))


def fmt(minor: int, currency: str) -> str:
    """$24,000 — whole units when there are no cents, as sales people write it."""
    value = from_minor(minor, currency)
    pattern = "¤#,##0" if value == value.to_integral_value() else None
    return format_currency(
        value, currency, format=pattern, locale="en_US", currency_digits=pattern is None
    )


def fmt_short(minor: int, currency: str) -> str:
    """$24K, $1.2M: for tables and charts."""
    value = from_minor(minor, currency)
    if abs(value) < 10_000:
        return fmt(minor, currency)
    return format_compact_currency(value, currency, locale="en_US", fraction_digits=1)

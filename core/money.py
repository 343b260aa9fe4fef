"""Numbers as people read them: money (stored in integer minor units) and counts, via babel."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from babel.numbers import (
    format_compact_currency,
    format_currency,
    format_decimal,
    get_currency_precision,
)

LOCALE = Locale.parse("en_US")
# The locale's currency pattern without decimals: answers speak in whole units ("$1,957").
WHOLE = "¤#,##0"
# Below this many whole units the short form is the full amount: "$9,500" reads better than
# "$9.5K", and the full figure still fits a table cell.
SHORT_FROM = 10_000
# The short form's precision: one decimal of its unit ($19.5K, $1.2M).
SHORT_DIGITS = 1

Amount = int | float | Decimal


def to_minor(amount: Amount, currency: str) -> int:
    digits = get_currency_precision(currency)
    return int((Decimal(str(amount)) * (10**digits)).quantize(Decimal(1)))


def from_minor(minor: int, currency: str) -> Decimal:
    return Decimal(minor) / Decimal(10 ** get_currency_precision(currency))


def _whole(minor: Amount, currency: str) -> Decimal:
    """Minor units (pace figures may be fractional) to whole units, half away from zero;
    babel itself rounds half to even, which would show $2.50 as $2."""
    units = Decimal(minor) / Decimal(10 ** get_currency_precision(currency))
    # `+ 0` turns a rounded -0 into 0, so nobody reads "-$0".
    return units.quantize(Decimal(1), ROUND_HALF_UP) + 0


def fmt(minor: Amount, currency: str) -> str:
    """$24,000: whole units with the currency symbol, never cents ("$1,957", not "$1,956.52")."""
    return format_currency(
        _whole(minor, currency), currency, format=WHOLE, locale=LOCALE, currency_digits=False
    )


def fmt_short(minor: Amount, currency: str) -> str:
    """$24K, $1.2M: for tables and charts; small amounts stay whole ("$9,500")."""
    units = _whole(minor, currency)
    if abs(units) < SHORT_FROM:
        return fmt(minor, currency)
    # Round half up at the precision shown, in the unit babel will pick, so $999,950 is
    # "$1M" (babel alone says "$1000K") and $1,250,000 is "$1.3M" (babel: "$1.2M").
    scale = Decimal(1000) ** (units.adjusted() // 3)
    step = Decimal(1).scaleb(-SHORT_DIGITS)
    rounded = (units / scale).quantize(step, ROUND_HALF_UP) * scale
    return format_compact_currency(rounded, currency, locale=LOCALE, fraction_digits=SHORT_DIGITS)


def fmt_count(n: float, noun: str = "", plural: str = "") -> str:
    """A count as people say it: "2,400", "1 open deal", "3 open deals", "1 activity".

    Whole numbers only (a count has no decimals); `plural` defaults to `noun` + "s".
    """
    whole = int(Decimal(str(n)).quantize(Decimal(1), ROUND_HALF_UP))
    figure = format_decimal(whole, locale=LOCALE)
    if not noun:
        return figure
    one = LOCALE.plural_form(abs(whole)) == "one"
    return f"{figure} {noun if one else plural or noun + 's'}"

"""One field at a time: dates, counts, money, stages, periods; a BadValue says what is wrong."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.numbers import get_currency_precision

from core.periods import Period, named
from core.sales import ACTIVITY_KINDS, METRICS, STAGES
from storage.transfer.errors import BadValue

MAX_COUNT = 10_000
MAX_MINUTES = 12 * 60
MAX_TEXT = 2000
# Past this no amount is a deal (a trillion in minor units, as in chat).
MAX_MINOR = 1_000_000_000_000
ROLES = ("rep", "manager", "admin", "former")
_WRITTEN = re.compile(r"^\d{4}(-(\d{2}|Q[1-4]|W\d{2}))?$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


def day(text: str, column: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadValue(f"{column} {text!r} is not a date like 2026-11-27") from None


def moment(text: str, column: str) -> datetime:
    """An ISO date or date-time; without a zone it is UTC, a bare date is its midnight."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise BadValue(
            f"{column} {text!r} is not a date like 2026-11-27 (or 2026-11-27T14:30Z)"
        ) from None
    if len(text) == 10:
        value = datetime.combine(value.date(), time())
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def whole(text: str, column: str, least: int, most: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise BadValue(f"{column} {text!r} is not a whole number") from None
    if not least <= value <= most:
        raise BadValue(f"{column} {value} is out of range ({least} to {most:,})")
    return value


def kind(text: str) -> str:
    key = text.lower().removesuffix("s")
    if key not in ACTIVITY_KINDS:
        raise BadValue(f"kind {text!r} is not one of {', '.join(ACTIVITY_KINDS)}")
    return key


def stage(text: str) -> str:
    key = text.lower().replace("closed_", "").replace("closed ", "")
    if key not in STAGES:
        raise BadValue(f"stage {text!r} is not one of {', '.join(STAGES)}")
    return key


def metric(text: str) -> str:
    key = text.lower()
    if key not in METRICS:
        raise BadValue(f"metric {text!r} is not one of {', '.join(METRICS)}")
    return key


def currency(text: str, default: str) -> str:
    code = text.upper() or default
    if not _CURRENCY.match(code):
        raise BadValue(f"currency {text!r} is not a three-letter code like USD")
    return code


def money(text: str, code: str, column: str) -> int:
    """An amount in whole units ("24000", "24000.50") as minor units of `code`."""
    try:
        amount = Decimal(text.replace("_", ""))
    except InvalidOperation:
        raise BadValue(f"{column} {text!r} is not an amount like 24000 or 24000.50") from None
    minor = amount * 10 ** get_currency_precision(code)
    if minor != minor.to_integral_value() or not amount.is_finite():
        raise BadValue(f"{column} {text!r} has more decimals than {code} has")
    if not 0 <= minor <= MAX_MINOR:
        raise BadValue(f"{column} {text} is out of range")
    return int(minor)


def period(text: str) -> Period:
    if not _WRITTEN.match(text):
        raise BadValue(f"period {text!r} is not like 2027-Q1, 2027-01, 2027-W05 or 2027")
    try:
        return named(text, date(2000, 1, 1))
    except ValueError as exc:
        raise BadValue(f"period {text!r}: {exc}") from None


def role(text: str) -> str:
    key = text.lower() or "rep"
    if key not in ROLES:
        raise BadValue(f"role {text!r} is not one of rep, manager, admin")
    return key


def zone(text: str, default: str) -> str:
    if not text:
        return default
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise BadValue(f"timezone {text!r} is not a zone like Europe/Paris") from None
    return text


def short(text: str, column: str, most: int = MAX_TEXT) -> str | None:
    if len(text) > most:
        raise BadValue(f"{column} is longer than {most} characters")
    return text or None

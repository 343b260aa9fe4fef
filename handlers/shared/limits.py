"""Sanity limits on what one message may record: a typo should not become 5,000 calls."""

from __future__ import annotations

import math
from datetime import date, timedelta

from handlers.shared.errors import UserError

MAX_COUNT = 200
# Past MAX_COUNT a day is asked about (handlers/shared/bounds.py); past this, refused.
HARD_COUNT = 10_000
MAX_MINUTES = 12 * 60
# Past this no amount is a deal: refused. Far-from-usual amounts below it are asked about.
MAX_AMOUNT = 1_000_000_000_000
MAX_NAME = 120
MAX_REASON = 200
BACKDATE_DAYS = 366
# A close date further than this is not a plan: refused. Over a year away is asked about.
CLOSE_DATE_YEARS = 5


def check_count(count: object, what: str, most: int = MAX_COUNT) -> int:
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        raise UserError(f"The number of {what} must be a whole number of at least 1.")
    if count > most:
        raise UserError(
            f"{count:,} {what} in one log looks like a typo; I take up to {most:,} at a time."
        )
    return count


def check_minutes(minutes: object) -> int | None:
    if minutes is None:
        return None
    if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes < 1:
        raise UserError("A duration must be a positive number of minutes, like `45 min` or `1h`.")
    if minutes > MAX_MINUTES:
        raise UserError(f"{minutes:,} minutes is longer than a working day; please check it.")
    return minutes


def check_activity_day(day: date, today: date) -> date:
    if day > today:
        raise UserError(
            f"{day:%a %d %b %Y} hasn't happened yet, so I can't log activity on it.",
            hint="Log it on the day, or say `yesterday`, `on Monday`, `Nov 3`.",
        )
    if day < today - timedelta(days=BACKDATE_DAYS):
        raise UserError(f"{day:%d %b %Y} is more than a year ago; I only log the last 12 months.")
    return day


def check_amount(amount: object) -> float | int:
    if not isinstance(amount, int | float) or isinstance(amount, bool) or not math.isfinite(amount):
        raise UserError("The amount must be a number, like `$24k` or `24,500`.")
    if amount <= 0:
        raise UserError("A deal amount must be more than zero.")
    if amount > MAX_AMOUNT:
        raise UserError(
            f"{amount:,.0f} is over my limit of {MAX_AMOUNT:,} for one deal; please check it."
        )
    return amount


def check_name(name: object, what: str) -> str | None:
    if name is None:
        return None
    if not isinstance(name, str) or not name.strip():
        raise UserError(f"The {what} name is empty.")
    name = name.strip()
    if len(name) > MAX_NAME:
        raise UserError(f"That {what} name is {len(name)} characters; keep it under {MAX_NAME}.")
    return name


def check_close_date(day: date | None, today: date) -> date | None:
    if day is not None and abs(day.year - today.year) > CLOSE_DATE_YEARS:
        raise UserError(
            f"A close date of {day:%d %b %Y} can't be right; "
            f"say when you expect it to close, like `closing end of quarter`."
        )
    return day


def parse_day(value: object, what: str) -> date | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise UserError(
            f"I couldn't read the {what} {value!r}; use a date like 2026-11-18."
        ) from exc

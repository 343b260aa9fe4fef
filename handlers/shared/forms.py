"""The "Log activity" and "Log deal" forms, and turning a submission into an Intent."""

from __future__ import annotations

import re
from datetime import date, datetime

from core.actions import FormId
from core.messages import Field, Form, Reply
from core.periods import local_today
from core.sales import ACTIVITY_KINDS, STAGES
from handlers.shared.errors import FormError
from handlers.shared.limits import MAX_AMOUNT, MAX_COUNT, MAX_MINUTES, MAX_NAME, check_activity_day
from nlp.intent import Intent

ACTIVITY_FORM = Form(
    form_id=FormId.LOG_ACTIVITY,
    title="Log activity",
    fields=(
        Field("kind", "Kind", "choice", choices=ACTIVITY_KINDS, required=True, value="call"),
        Field("count", "How many", "number", required=True, value="1"),
        Field("account", "Account"),
        Field("date", "Date", "date"),
        Field("duration_min", "Duration (minutes)", "number"),
        Field("notes", "Notes"),
    ),
)
DEAL_FORM = Form(
    form_id=FormId.LOG_DEAL,
    title="Log deal",
    fields=(
        Field("account", "Account", required=True),
        Field("stage", "Stage", "choice", choices=STAGES, required=True, value="prospecting"),
        Field("amount", "Amount", "number"),
        Field("close_date", "Expected close date", "date"),
    ),
)
FORMS = {form.form_id: form for form in (ACTIVITY_FORM, DEAL_FORM)}


def log_form(form_id: str) -> Reply:
    form = FORMS[form_id]
    return Reply(text=f"{form.title}: fill in the form.", form=form)


def _whole(text: str, low: int, high: int, name: str, errors: dict[str, str]) -> int | None:
    cleaned = text.strip().replace(",", "")
    if not cleaned:
        return None
    if not re.fullmatch(r"\d+", cleaned) or not low <= int(cleaned) <= high:
        errors[name] = f"Enter a whole number from {low} to {high:,}."
        return None
    return int(cleaned)


def _day(text: str, name: str, errors: dict[str, str]) -> date | None:
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        errors[name] = "Enter a date as YYYY-MM-DD."
        return None


def intent_from_form(form_id: str, fields: dict[str, str], now: datetime, tz: str) -> Intent:
    errors: dict[str, str] = {}
    today = local_today(now, tz)
    get = {k: (v or "").strip() for k, v in fields.items()}.get
    account = get("account", "")
    if len(account) > MAX_NAME:
        errors["account"] = f"Keep the account name under {MAX_NAME} characters."
    if form_id == FormId.LOG_ACTIVITY:
        kind = get("kind", "")
        if kind not in ACTIVITY_KINDS:
            errors["kind"] = "Choose call, email, meeting or demo."
        count = _whole(get("count", "1") or "1", 1, MAX_COUNT, "count", errors)
        day = _day(get("date", ""), "date", errors) or today
        try:
            check_activity_day(day, today)
        except Exception as exc:
            errors["date"] = str(exc)
        minutes = _whole(get("duration_min", ""), 1, MAX_MINUTES, "duration_min", errors)
        if errors:
            raise FormError(errors)
        slots: dict[str, object] = {
            "items": [{"activity": kind, "count": count or 1}],
            "date": day.isoformat(),
        }
        if account:
            slots["account"] = account
        if minutes:
            slots["duration_min"] = minutes
        if get("notes", ""):
            slots["notes"] = get("notes", "")[:2000]
        return Intent("log_activity", slots)
    if form_id == FormId.LOG_DEAL:
        if not account:
            errors["account"] = "Which account is this deal with?"
        stage = get("stage", "")
        if stage not in STAGES:
            errors["stage"] = "Choose a stage."
        amount = _whole(get("amount", ""), 1, MAX_AMOUNT, "amount", errors)
        close = _day(get("close_date", ""), "close_date", errors)
        if errors:
            raise FormError(errors)
        deal: dict[str, object] = {"account": account, "stage": stage}
        if amount:
            deal["amount"] = amount
        if close:
            deal["close_date"] = close.isoformat()
        return Intent("log_deal", deal)
    raise FormError({"form": "This form is no longer available."})

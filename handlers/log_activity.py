"""Log calls, emails, meetings and demos; echo what was saved with an Undo button."""

from __future__ import annotations

from typing import cast

from sqlalchemy import Table, insert

from core.actions import ActionId, FormId
from core.messages import Button, Fact, Reply
from core.pace import daily_goal
from core.sales import ACTIVITY_KINDS
from handlers.contract import Registrar
from handlers.shared.accounts import ITEM_ACCOUNTS, Resolved, resolve_account, resolve_each
from handlers.shared.asks import Doubt, confirmed
from handlers.shared.audit import audit
from handlers.shared.bounds import activities_on, count_doubts
from handlers.shared.context import Context
from handlers.shared.corrections import CORRECTION, last_log, merged, names, take_back
from handlers.shared.describe import items_text, items_with
from handlers.shared.errors import UserError
from handlers.shared.forms import log_form
from handlers.shared.history import new_batch
from handlers.shared.limits import (
    HARD_COUNT,
    check_activity_day,
    check_count,
    check_minutes,
    check_name,
    parse_day,
)
from handlers.shared.reminders import REMIND, offer, schedule
from nlp.intent import Intent
from storage.direct import Direct
from storage.models import Activity, User

# Built once, on the table (no unit of work): the log path's hot insert (issue 18's profile).
_NEW_ACTIVITY = Direct(insert(cast(Table, Activity.__table__)))


async def handle_log_activity(intent: Intent, ctx: Context) -> Reply:
    slots = intent.slots
    raw_items = slots.get("items") or []
    if not raw_items:
        return log_form(FormId.LOG_ACTIVITY)
    items: list[dict[str, object]] = []
    for item in raw_items:
        kind = item.get("activity") if isinstance(item, dict) else None
        if kind not in ACTIVITY_KINDS:
            raise UserError("I can log calls, emails, meetings and demos.")
        count = check_count(item.get("count", 1), f"{kind}s", most=HARD_COUNT)
        items.append({"activity": kind, "count": count})
    day = parse_day(slots.get("date"), "date") or ctx.today
    minutes = check_minutes(slots.get("duration_min"))
    account_name = check_name(slots.get("account"), "account")
    contact = check_name(slots.get("contact"), "contact")
    notes = slots.get("notes") if isinstance(slots.get("notes"), str) else None
    if day > ctx.today:  # a booking, not a log: "booked a demo for Thursday"
        what = items_text(items) + (f" with {account_name}" if account_name else "")
        if slots.get(REMIND) is True:
            return await schedule(ctx, day, what, again=f"{what} today")
        return offer(intent, day, what)
    day = check_activity_day(day, ctx.today)
    fixing = await last_log(ctx) if slots.get(CORRECTION) in ("same_day", "new_day") else None
    kept = False
    if fixing:  # "oops that was 4 calls not 3": the last log, taken back and said again
        await take_back(ctx, fixing)
        day = fixing.day if slots[CORRECTION] == "same_day" else day
        contact = contact or fixing.contact
        fixed = merged(fixing.rows, items, account_name)
        # Naming one of the log's accounts corrects its items; another account moves the log.
        kept = not account_name or any(names(r, account_name) for r in fixing.rows)
        items = [{"activity": r.kind, "count": r.count} for r in fixed]
    by_kind: dict[str, int] = {}
    for i in items:
        by_kind[str(i["activity"])] = by_kind.get(str(i["activity"]), 0) + int(str(i["count"]))
    # Read once, in this transaction: the day's total before this log, for the doubt and
    # for the reply's "Activities today" (issue 18: the log path read it twice).
    logged = await activities_on(ctx, day)
    if not confirmed(intent):
        doubts = count_doubts(by_kind, logged, day)
        if doubts:
            raise Doubt(doubts)

    each = await _item_accounts(intent, ctx, len(items))
    whole = account_name if not each and not kept else None  # one account for the whole log
    resolved = await resolve_account(intent, ctx, whole) if whole else None
    account = resolved.account if resolved else None
    summary = items_text(items) + (f" with {account.name}" if account else "")
    if each:
        summary = items_with(items, [r.account.name if r else None for r in each])
    item_account = [r.account.id if r else None for r in each] if each else None
    if fixing and kept:  # the corrected log's accounts stay
        summary = items_with(items, [r.account for r in fixed])
        item_account = [r.account_id for r in fixed]
    batch_id = await new_batch(ctx, "activity", summary)
    rows = [
        {
            "workspace_id": ctx.actor.workspace_id,
            "user_id": ctx.actor.user_id,
            "batch_id": batch_id,
            "account_id": item_account[index] if item_account else account.id if account else None,
            "kind": str(item["activity"]),
            "count": int(str(item["count"])),
            "occurred_on": day,
            # One duration in a message belongs to the (first) thing it describes.
            "duration_min": minutes if index == 0 else None,
            "contact": contact,
            "notes": notes,
            "source": ctx.source,
            "created_at": ctx.now,
            "deleted_at": None,
        }
        for index, item in enumerate(items)
    ]
    await _NEW_ACTIVITY.many(ctx.session, rows)
    audit(ctx, "log_activity", batch=batch_id, items=items, day=day, account=account_name)
    await ctx.session.flush()

    when = "today" if day == ctx.today else f"{day:%a %d %b}"
    done_today = logged + sum(by_kind.values())
    user = await ctx.session.get(User, ctx.actor.user_id)
    goal = daily_goal(user.daily_activity_goal if user else None, ctx.workspace.daily_activity_goal)
    facts = [Fact("Logged", f"{summary} ({when})")]
    if minutes:
        facts.append(Fact("Duration", f"{minutes} min"))
    if contact:
        facts.append(Fact("Contact", contact))
    # A daily goal of 0 means none: show the count, not "5 of 0".
    progress = (
        f"{done_today} of {goal}" + (" ✅" if done_today >= goal else "")
        if goal
        else str(done_today)
    )
    facts.append(
        Fact("Activities " + ("today" if day == ctx.today else f"on {day:%d %b}"), progress)
    )
    done = f"✅ Logged {summary} for {when}."
    if fixing:
        done = f"✏️ Corrected: {summary} for {when} (was {fixing.batch.summary})."
    return Reply(
        text=done,
        facts=tuple(facts),
        notes=tuple(
            dict.fromkeys(r.note for r in (each or [resolved]) if r is not None and r.note)
        ),
        buttons=(
            Button("Undo", ActionId.UNDO, str(batch_id), style="danger"),
            Button("Log another", ActionId.LOG_ANOTHER),
        ),
    )


async def _item_accounts(intent: Intent, ctx: Context, count: int) -> list[Resolved | None]:
    """Each item's account when the message named one per item ("3 calls to Acme, 2 emails
    to Globex"), else an empty list."""
    names = intent.slots.get(ITEM_ACCOUNTS)
    if not isinstance(names, list) or len(names) != count or not any(names):
        return []
    return await resolve_each(intent, ctx, [check_name(n, "account") for n in names])


def register(router: Registrar) -> None:
    router.add(
        "log_activity",
        handle_log_activity,
        access="self",
        summary="Log calls, emails, meetings and demos",
        examples=("3 calls and a demo w/ Acme yesterday", "/log 2 emails Globex"),
    )

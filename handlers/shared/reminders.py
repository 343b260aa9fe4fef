"""Future bookings: not logged as done; offered, and kept, as a reminder on that day."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import select

from core.actions import ActionId
from core.messages import Button, Reply
from handlers.shared.context import Context
from nlp.intent import Intent
from storage.models import Delivery

# The outbox kind the scheduler sends on the day (scheduler/content.py renders it with
# `build_reminder`).
KIND = "reminder"
REMIND = "remind"


def offer(intent: Intent, day: date, what: str) -> Reply:
    """ "Thu 19 Nov hasn't happened yet": nothing saved, a reminder on the day offered."""
    slots = {**intent.slots, REMIND: True}
    return Reply(
        text=(
            f"{day:%a %d %b} hasn't happened yet, so I haven't logged {what} as done. "
            f"Want a reminder that day to log it?"
        ),
        buttons=(
            Button(
                f"Remind me {day:%a %d %b}",
                ActionId.CHOOSE,
                json.dumps({"intent": intent.name, "slots": slots}),
                style="primary",
            ),
        ),
    )


def _due(ctx: Context, day: date) -> datetime:
    hh, mm = (int(x) for x in (ctx.workspace.nudge_time or "16:00").split(":"))
    local = datetime.combine(day, time(hh, mm), ZoneInfo(ctx.actor.tz))
    return local.astimezone(UTC)


async def schedule(ctx: Context, day: date, what: str, again: str) -> Reply:
    """Queue the reminder once (the key makes a second press a no-op)."""
    due = _due(ctx, day)
    key = f"{KIND}:{ctx.actor.user_id}:{day.isoformat()}:{again}"[:200]
    found = await ctx.session.scalar(select(Delivery.id).where(Delivery.idempotency_key == key))
    if found is None:
        ctx.session.add(
            Delivery(
                workspace_id=ctx.actor.workspace_id,
                idempotency_key=key,
                kind=KIND,
                user_id=ctx.actor.user_id,
                platform=ctx.workspace.platform,
                conversation=ctx.actor.external_id,
                due_at=due,
                next_attempt_at=due,
                status="pending",
                payload=json.dumps({"what": what, "again": again}),
                created_at=ctx.now,
            )
        )
    local = due.astimezone(ZoneInfo(ctx.actor.tz))
    return Reply(text=f"⏰ I'll remind you on {local:%a %d %b} at {local:%H:%M} to log {what}.")


def build_reminder(payload: str | None) -> Reply:
    """The message the scheduler sends on the day."""
    data = json.loads(payload or "{}")
    what, again = str(data.get("what", "it")), str(data.get("again", ""))
    hint = f" Say `{again}` once it's done." if again else ""
    return Reply(text=f"⏰ Today's the day: {what}. Did it happen?{hint}")

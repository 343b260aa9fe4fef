"""A meeting or demo booked for later is not logged as done: the bot says so and offers a
reminder on that day, an outbox delivery kept once (issue 11)."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

from sqlalchemy import select

from bot.adapters.console.notifier import ConsoleNotifier
from bot.app import make_tick
from bot.services import Services
from core.actions import ActionId
from handlers.shared.reminders import build_reminder
from scheduler.dispatcher import DispatchConfig
from scheduler.pacing import Pacer
from storage.models import Activity, Delivery
from tests.support.clock import FakeClock
from tests.support.dialog import Chat
from tests.support.world import counts, make_world

# What the contract asks the parser for "booked a demo with Initech for thursday" (said on
# Wed 18 Nov): the coming Thursday. Today's parser reads last Thursday (issue 12).
BOOKED = json.dumps(
    {
        "intent": "log_activity",
        "slots": {
            "items": [{"activity": "demo", "count": 1}],
            "account": "Initech",
            "date": "2026-11-19",
        },
    }
)


async def test_a_future_demo_is_not_logged_and_a_reminder_is_offered(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    before = await counts(services)

    offered = await chat.press("rita", ActionId.CHOOSE, BOOKED)

    assert offered.text == (
        "Thu 19 Nov hasn't happened yet, so I haven't logged 1 demo with Initech as done. "
        "Want a reminder that day to log it?"
    )
    assert [b.label for b in offered.buttons] == ["Remind me Thu 19 Nov"]
    assert await counts(services) == before

    kept = await chat.press("rita", ActionId.CHOOSE, offered.buttons[0].value)
    again = await chat.press("rita", ActionId.CHOOSE, offered.buttons[0].value)

    # Rita is in New York: the workspace's 16:00 nudge time is 21:00 UTC.
    assert kept.text == "⏰ I'll remind you on Thu 19 Nov at 16:00 to log 1 demo with Initech."
    assert again.text == kept.text
    async with services.sessions() as session:
        [reminder] = (await session.scalars(select(Delivery))).all()
        activities = (await session.scalars(select(Activity))).all()
    assert activities == []
    assert (reminder.kind, reminder.status, reminder.conversation) == (
        "reminder",
        "pending",
        "rita",
    )
    assert reminder.due_at == datetime(2026, 11, 19, 21, 0, tzinfo=UTC)
    sent = build_reminder(reminder.payload)
    assert sent.text == (
        "⏰ Today's the day: 1 demo with Initech. Did it happen? "
        "Say `1 demo with Initech today` once it's done."
    )


async def test_a_booked_meeting_is_not_logged(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    before = await counts(services)

    reply = await chat.say("rita", "booked a meeting with Zephyr for next tuesday")

    # Not logged as done: the bot says so and offers to remind Rita that day.
    assert reply.text.startswith("Tue 24 Nov hasn't happened yet")
    assert [b.label for b in reply.buttons] == ["Remind me Tue 24 Nov"]
    assert await counts(services) == before


async def test_the_scheduler_sends_the_reminder_on_the_day_once(
    services: Services, clock: FakeClock
) -> None:
    await make_world(services)
    chat = Chat(services)
    offered = await chat.press("rita", ActionId.CHOOSE, BOOKED)
    await chat.press("rita", ActionId.CHOOSE, offered.buttons[0].value)
    out = io.StringIO()
    services.notifiers = {"console": ConsoleNotifier(out)}
    tick = make_tick(services, DispatchConfig(), Pacer(per_channel=1000.0, per_workspace=1e5))

    await tick(at=datetime(2026, 11, 19, 20, 59, tzinfo=UTC))  # a minute early
    assert "Today's the day" not in out.getvalue()
    clock.now = datetime(2026, 11, 19, 21, 0, tzinfo=UTC)
    await tick(at=clock.now)
    await tick(at=datetime(2026, 11, 19, 21, 5, tzinfo=UTC))
    assert out.getvalue().count("⏰ Today's the day: 1 demo with Initech.") == 1
    async with services.sessions() as session:
        [reminder] = (
            await session.scalars(select(Delivery).where(Delivery.kind == "reminder"))
        ).all()
    assert reminder.status == "sent"

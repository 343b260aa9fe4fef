"""A meeting or demo booked for later is not logged as done: the bot says so and offers a
reminder on that day, an outbox delivery kept once (issue 11)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import select

from bot.services import Services
from core.actions import ActionId
from handlers.shared.reminders import build_reminder
from storage.models import Activity, Delivery
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

    assert reply.text.startswith("That's still ahead, so I haven't logged it.")
    assert await counts(services) == before

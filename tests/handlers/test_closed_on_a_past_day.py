"""A rep says a deal closed on an earlier day: it counts in that day's month, not today's."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from bot.services import Services
from storage.models import Deal
from tests.support.dialog import Chat
from tests.support.world import make_world


async def closed_days(services: Services) -> list[tuple[str, date | None, date | None]]:
    """(stage, close date, day closed_at falls on) of every deal."""
    async with services.sessions() as session:
        deals = (await session.scalars(select(Deal).order_by(Deal.id))).all()
        return [(d.stage, d.close_date, d.closed_at.date() if d.closed_at else None) for d in deals]


async def test_closed_last_month_counts_in_last_month(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)

    reply = await chat.say("rita", "closed Initech for $24k on Oct 30")

    assert reply.ok
    assert ("Close date", "30 Oct 2026") in [(f.label, f.value) for f in reply.facts]
    assert await closed_days(services) == [("won", date(2026, 10, 30), date(2026, 10, 30))]
    october = await chat.text("rita", "how did I do last month?")
    assert "$24,000" in october
    november = await chat.text("rita", "how am I doing this month?")
    assert "$24,000" not in november


async def test_lost_yesterday_and_closed_today_keep_their_days(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)

    await chat.say("rita", "lost Globex yesterday, no budget")
    await chat.say("rita", "closed Hooli for 10k")

    assert await closed_days(services) == [
        ("lost", date(2026, 11, 17), date(2026, 11, 17)),
        ("won", date(2026, 11, 18), date(2026, 11, 18)),
    ]


async def test_a_deal_won_before_its_expected_close_closes_today(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "new opp Acme 40k closing end of quarter")

    reply = await chat.say("rita", "closed Acme")

    assert ("Close date", "18 Nov 2026") in [(f.label, f.value) for f in reply.facts]
    assert await closed_days(services) == [("won", date(2026, 11, 18), date(2026, 11, 18))]

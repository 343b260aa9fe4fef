"""Values the parser could not read get a clear sentence, never a "save it?" question."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.services import Services
from storage.models import Delivery, PendingAction
from tests.support.dialog import Chat
from tests.support.world import counts, make_world


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("closed Acme for $NaN", "I couldn't read that amount."),
        ("closed Acme for $inf", "I couldn't read that amount."),
        ("closed Acme for $1e309", "I couldn't read that amount."),
        ("3.5 calls with Acme", "A count is a whole number"),
        ("-3 calls with Acme", "A count is a whole number"),
        ("2 calls with Acme on Feb 30", "That date doesn't exist."),
    ],
)
async def test_an_unreadable_value_is_explained_and_nothing_is_kept(
    services: Services, text: str, said: str
) -> None:
    await make_world(services)
    before = await counts(services)
    reply = await Chat(services).say("rita", text)
    assert reply.text.startswith(said) and not reply.ok
    assert not reply.buttons  # no Yes/No: there is nothing to confirm
    assert await counts(services) == before
    async with services.sessions() as session:
        pending = await session.scalar(select(func.count()).select_from(PendingAction))
    assert pending == 0


async def test_a_booking_for_later_offers_a_reminder_instead_of_a_log(
    services: Services,
) -> None:
    await make_world(services)
    chat = Chat(services)
    before = await counts(services)
    offered = await chat.say("rita", "booked a meeting with Zephyr for next tuesday")
    assert "hasn't happened yet" in offered.text
    assert [b.label for b in offered.buttons] == ["Remind me Tue 24 Nov"]
    await chat.press("rita", offered.buttons[0].action_id, offered.buttons[0].value)
    assert (await counts(services))["activities"] == before["activities"]
    async with services.sessions() as session:
        kinds = (await session.scalars(select(Delivery.kind))).all()
    assert kinds == ["reminder"]

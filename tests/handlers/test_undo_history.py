"""Undo respects history: a deal change that later changes built on is undone with them
after asking, or refused when someone else's change built on it; never a stale snapshot."""

from __future__ import annotations

from sqlalchemy import select

from bot.services import Services
from core.actions import ActionId
from storage.models import Deal, LogBatch
from tests.support.dialog import Chat
from tests.support.world import counts, make_world


async def the_deal(services: Services) -> tuple[str, int | None, bool]:
    async with services.sessions() as session:
        deal = (await session.scalars(select(Deal))).one()
        return deal.stage, deal.amount_minor, deal.deleted_at is not None


async def undone(services: Services) -> list[bool]:
    async with services.sessions() as session:
        rows = await session.scalars(select(LogBatch.undone_at).order_by(LogBatch.id))
        return [at is not None for at in rows]


async def test_undoing_an_older_move_asks_before_undoing_the_win_on_top(
    services: Services,
) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "new opp Globex 40k")
    moved = await chat.say("rita", "Globex moved to negotiation")
    await chat.say("rita", "closed Globex for $45k")
    before = await counts(services)

    asked = await chat.press("rita", ActionId.UNDO, moved.buttons[0].value)

    assert asked.text == (
        "Later changes build on that one (Globex deal (Closed-won)). Undoing it alone would "
        "overwrite them. Undo it too?"
    )
    assert [b.label for b in asked.buttons] == ["Undo all 2", "Keep everything"]
    assert await the_deal(services) == ("won", 4_500_000, False)  # the win is intact
    assert await counts(services) == before

    kept = await chat.press("rita", ActionId.CHOOSE, asked.buttons[1].value)
    assert kept.text == "OK, nothing undone."
    assert await the_deal(services) == ("won", 4_500_000, False)

    both = await chat.press("rita", ActionId.CHOOSE, asked.buttons[0].value)
    assert both.text == (
        "↩️ Undone 2 changes, newest first: Globex deal (Closed-won); Globex deal (Negotiation)."
    )
    assert await the_deal(services) == ("prospecting", 4_000_000, False)
    assert await undone(services) == [False, True, True]


async def test_undo_of_the_newest_change_needs_no_question(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "new opp Globex 40k")
    await chat.say("rita", "lost Globex - no budget")

    reply = await chat.say("rita", "undo")

    assert reply.text == "↩️ Undone: Globex deal (Closed-lost)."
    async with services.sessions() as session:
        deal = (await session.scalars(select(Deal))).one()
    assert (deal.stage, deal.lost_reason, deal.closed_at) == ("prospecting", None, None)


async def test_undoing_the_creation_under_later_changes_removes_the_deal_after_asking(
    services: Services,
) -> None:
    await make_world(services)
    chat = Chat(services)
    created = await chat.say("rita", "new opp Hooli 10k")
    await chat.say("rita", "update Hooli amount to 12k")

    asked = await chat.press("rita", ActionId.UNDO, created.buttons[0].value)
    done = await chat.press("rita", ActionId.CHOOSE, asked.buttons[0].value)

    assert done.ok and done.text.startswith("↩️ Undone 2 changes")
    assert await the_deal(services) == ("prospecting", 1_000_000, True)

"""A rep corrects the log they just made: the counts are replaced, not added again."""

from __future__ import annotations

from sqlalchemy import select

from bot.services import Services
from storage.models import Account, Activity
from tests.support.dialog import Chat
from tests.support.world import counts, make_world


async def live(services: Services) -> list[tuple[str, int, str | None, str]]:
    """(kind, count, account, day) of every live activity, in the order saved."""
    async with services.sessions() as session:
        rows = await session.execute(
            select(Activity.kind, Activity.count, Account.name, Activity.occurred_on)
            .outerjoin(Account, Account.id == Activity.account_id)
            .where(Activity.deleted_at.is_(None))
            .order_by(Activity.id)
        )
        return [(kind, n, name, str(day)) for kind, n, name, day in rows]


async def test_that_was_4_calls_replaces_the_3_just_logged(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "3 calls and 2 emails with Acme")

    reply = await chat.say("rita", "oops that was 4 calls not 3")

    assert reply.text == (
        "✏️ Corrected: 4 calls and 2 emails with Acme for today "
        "(was 3 calls and 2 emails with Acme)."
    )
    assert await live(services) == [
        ("call", 4, "Acme", "2026-11-18"),
        ("email", 2, "Acme", "2026-11-18"),
    ]


async def test_a_correction_keeps_the_day_of_the_log_it_corrects(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "demo w/ Globex yesterday")

    await chat.say("rita", "actually make that 2 demos")

    assert await live(services) == [("demo", 2, "Globex", "2026-11-17")]
    undone = await chat.say("rita", "undo")
    assert "2 demos with Globex" in undone.text
    assert await live(services) == []


async def test_nothing_to_correct_is_said_and_nothing_saved(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    before = await counts(services)

    reply = await chat.say("rita", "sorry, meant 2 emails")

    assert not reply.ok
    assert reply.text == (
        "I found no log of yours from the last 24 hours to correct. "
        "To log it as new, say it plainly, like `2 emails with Acme`."
    )
    assert await counts(services) == before


async def test_a_deal_amount_said_again_corrected_edits_that_deal(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "closed Hooli for 24k")

    reply = await chat.say("rita", "oops Hooli was 25k not 24k")

    assert reply.text == "✏️ Hooli: amount $24,000 → $25,000."
    assert (await counts(services))["deals"] == 1


async def test_a_correction_naming_one_of_the_accounts_changes_only_its_items(
    services: Services,
) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "2 calls w/ Acme and 1 w/ Globex")

    reply = await chat.say("rita", "make that 2 calls w/ Globex")

    assert reply.text.startswith("✏️ Corrected: 2 calls with Acme and 2 calls with Globex")
    assert await live(services) == [
        ("call", 2, "Acme", "2026-11-18"),
        ("call", 2, "Globex", "2026-11-18"),
    ]


async def test_a_correction_naming_another_account_moves_the_log(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "3 calls with Acme")

    await chat.say("rita", "oops that was 3 calls with Globex")

    assert await live(services) == [("call", 3, "Globex", "2026-11-18")]

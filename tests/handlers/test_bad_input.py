"""Every bad input gets a clear, friendly reply and writes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.services import Services
from storage.models import Account, Activity, LogBatch, User
from tests.support.dialog import Chat
from tests.support.world import counts, make_world

BAD = [
    ("", "didn't catch"),
    ("   ", "didn't catch"),
    ("logged 5000 calls with Acme", "typo"),
    ("closed Initech for -$24k", None),
    ("closed Initech for $9000000000000", "limit"),
    ("/log 0 calls Acme", None),
    ("2 calls with Acme on Dec 25 2030", None),
    ("x" * 10_000, "characters"),
    ("'; DROP TABLE activities; --", None),
    ("🔥🔥🔥💯", None),
    ("مرحبا كيف حالك", None),
]


async def logged(services: Services) -> list[tuple[int, str, int, str | None]]:
    """Every activity row: whose, what, how many, with which account."""
    async with services.sessions() as session:
        rows = await session.execute(
            select(Activity.user_id, Activity.kind, Activity.count, Account.name)
            .outerjoin(Account, Activity.account_id == Account.id)
            .order_by(Activity.id)
        )
        return [(user, kind, count, account) for user, kind, count, account in rows]


@pytest.mark.parametrize(("text", "says"), BAD)
async def test_bad_input_is_answered_and_writes_nothing(
    services: Services, text: str, says: str | None
) -> None:
    await make_world(services)
    before = await counts(services)
    reply = await Chat(services).say("rita", text)
    assert reply.text and "went wrong" not in reply.text
    if says:
        assert says in reply.text
    assert await counts(services) == before


async def test_control_characters_are_stripped_and_the_rest_is_an_ordinary_log(
    services: Services,
) -> None:
    world = await make_world(services)
    before = await counts(services)
    reply = await Chat(services).say("rita", "\x00\x1b[31m\x07 3 calls")
    assert "Logged 3 calls" in reply.text
    assert await logged(services) == [(world.users["rita"], "call", 3, None)]
    assert await counts(services) == {
        **before,
        "activities": before["activities"] + 1,
        "log_batches": before["log_batches"] + 1,
        "audit_log": before["audit_log"] + 1,
    }


async def test_sql_looking_account_names_are_just_text(services: Services) -> None:
    world = await make_world(services)
    reply = await Chat(services).say("rita", "2 calls with Robert'); DROP TABLE users;--")
    assert "went wrong" not in reply.text
    [(user, kind, count, account)] = await logged(services)
    assert (user, kind, count) == (world.users["rita"], "call", 2)
    assert account is not None and account.startswith("Robert")
    async with services.sessions() as session:  # every table still there, every person too
        assert await session.scalar(select(func.count()).select_from(User)) == len(world.users)


async def test_a_failing_handler_rolls_back_everything(services: Services) -> None:
    """A crash half-way through a write leaves no partial rows and a calm reply."""
    await make_world(services)
    original = services.router.routes["log_activity"]

    async def explode_after_writing(intent, ctx):  # type: ignore[no-untyped-def]
        await original.handler(intent, ctx)
        raise RuntimeError("disk on fire")

    services.router.routes["log_activity"] = original.__class__(
        "log_activity", explode_after_writing, original.access, original.summary, original.examples
    )
    before = await counts(services)
    reply = await Chat(services).say("rita", "3 calls with Acme")
    assert "nothing was saved" in reply.text
    assert await counts(services) == before
    async with services.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(LogBatch)) == 0

"""A manager names two reps in one quota message: no one's quota changes, least of all the
manager's own, and the reply says the names were not one person."""

from __future__ import annotations

import pytest

from bot.services import Services
from tests.support.dialog import Chat
from tests.support.world import counts, make_world


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("set rita and ron quota to 40k next month", "rita and ron"),
        ("set Rita and Ron's quota to 40k", "Rita and Ron"),
        ("set the quota for rita, ron to 40k", "rita, ron"),
    ],
)
async def test_two_names_set_no_quota_at_all(services: Services, typed: str, written: str) -> None:
    await make_world(services)
    chat = Chat(services)
    before = await counts(services)

    reply = await chat.say("mia", typed)

    assert not reply.ok
    assert reply.text == (
        f"'{written}' names more than one person; ask about or set one at a time, "
        "like `set @dana quota to 150k for Q1`."
    )
    assert await counts(services) == before


async def test_one_name_still_sets_that_quota(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)

    reply = await chat.say("mia", "set rita quota to 40k next month")

    assert reply.text.startswith("✅ Set Rita Rep's revenue quota for December 2026 to $40,000")

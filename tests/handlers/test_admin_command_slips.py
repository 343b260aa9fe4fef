"""An admin slips on a /quotabot command's grammar: the answer shows that command's forms,
not the whole help page, and nothing changes."""

from __future__ import annotations

import pytest

from bot.services import Services
from tests.support.dialog import Chat
from tests.support.world import counts, make_world


@pytest.mark.parametrize(
    ("typed", "topic", "example"),
    [
        ("/quotabot role @wes superuser", "role", "`/quotabot role @ben manager`"),
        ("/quotabot role @wes", "role", "`/quotabot role @ben manager`"),
        ("/quotabot team create", "team", "`/quotabot team create West`"),
    ],
)
async def test_a_slip_shows_only_that_commands_forms(
    services: Services, typed: str, topic: str, example: str
) -> None:
    await make_world(services)
    chat = Chat(services)
    before = await counts(services)

    reply = await chat.say("ada", typed)

    assert not reply.ok
    assert reply.text == f"I couldn't read that `/quotabot {topic}` command. It goes like this:"
    assert reply.table is not None
    tried = [row[1] for row in reply.table.rows]
    assert example in tried
    assert all(f"/quotabot {topic} " in t for t in tried)
    assert await counts(services) == before


async def test_a_bare_quotabot_still_shows_all_help(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)

    reply = await chat.say("ada", "/quotabot")

    assert reply.text == "Here's what I can do. Just type the way you'd tell a colleague."

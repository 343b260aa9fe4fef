"""An admin adds someone who is on another team: the reply says they left it."""

from __future__ import annotations

from bot.services import Services
from tests.support.dialog import Chat
from tests.support.world import make_world


async def test_adding_someone_from_another_team_says_they_moved(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)

    reply = await chat.say("ada", "/quotabot team East add @wes")

    assert reply.text == "➕ Added to East: Wes Rep."
    assert reply.notes == ("Wes Rep moved from West.",)
    people = await chat.text("ada", "/quotabot people")
    assert "Wes Rep       East" in people


async def test_adding_someone_without_a_team_says_nothing_more(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("ada", "/quotabot team create North")

    reply = await chat.say("ada", "/quotabot team North add @rita")
    again = await chat.say("ada", "/quotabot team North add @rita")

    assert reply.notes == ("Rita Rep moved from East.",)
    assert again.notes == ()

"""An admin changes scheduling settings from chat, through Router.handle like any message."""

from __future__ import annotations

from bot.services import Services
from storage.models import Team, Workspace
from tests.support.dialog import Chat
from tests.support.world import make_world


async def test_an_admin_changes_settings_from_chat_and_a_rep_cannot(services: Services) -> None:
    world = await make_world(services)
    chat = Chat(services)

    reply = await chat.say(
        "ada", "/quotabot settings workspace working-days mon-thu quiet-hours 20:00-07:00"
    )
    team_reply = await chat.say(
        "ada", "/quotabot settings team East channel #sales leaderboard fri 15:00"
    )
    refused = await chat.say("rita", "/quotabot settings workspace nudge-time 09:00")
    unknown = await chat.say("ada", "/quotabot settings team Nobody channel C1")

    assert reply.ok and [f.value for f in reply.facts] == ["mon, tue, wed, thu", "20:00-07:00"]
    assert team_reply.ok and [f.value for f in team_reply.facts] == ["sales", "fri 15:00"]
    assert not refused.ok and "admin" in refused.text
    assert not unknown.ok and "no team called 'Nobody'" in unknown.text
    async with services.sessions() as session:
        saved = await session.get(Workspace, world.workspace_id)
        east = await session.get(Team, world.east)
    assert saved is not None and saved.working_days == "1,2,3,4"
    assert saved.nudge_time == "16:00"  # the rep's attempt changed nothing
    assert east is not None and (east.channel, east.leaderboard_day) == ("sales", 5)

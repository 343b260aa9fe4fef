"""`/quotabot settings show` lists each team's channel reminders, for everyone to read."""

from __future__ import annotations

from bot.services import Services
from storage.models import Team
from tests.support.dialog import Chat
from tests.support.world import make_world


async def test_settings_show_lists_every_teams_reminders(services: Services) -> None:
    world = await make_world(services)
    async with services.sessions() as session, session.begin():
        session.add(Team(workspace_id=world.workspace_id, name="North", timezone="UTC"))
    chat = Chat(services)
    said = "/quotabot settings team East reminder 09:15 days mon-thu afternoon 16:30"
    assert (await chat.say("mia", said)).ok
    assert (await chat.say("mia", "/quotabot settings team East mention-missing on")).ok
    assert (await chat.say("walt", "/quotabot settings team West reminder off")).ok

    reply = await chat.say("rita", "/quotabot settings show")
    assert reply.ok and reply.table is not None, reply.text
    assert reply.table.columns == (
        "Team",
        "Channel",
        "Morning reminder",
        "Days",
        "Afternoon",
        "Mention missing",
    )
    assert reply.table.rows == (
        ("East", "C-EAST", "09:15 America/New_York", "Mon–Thu", "16:30", "on"),
        ("North", "none", "off (no channel)", "working days (Mon–Fri)", "off", "off"),
        ("West", "C-WEST", "off", "working days (Mon–Fri)", "off", "off"),
    )
    assert any("reminder days mon-thu" in note for note in reply.notes)

"""A team's channel reminders in chat: its manager sets and previews them; others cannot."""

from __future__ import annotations

from sqlalchemy import select

from bot.services import Services
from storage.models import Team
from tests.support.dialog import Chat
from tests.support.world import make_world


async def _east(services: Services) -> Team:
    async with services.sessions() as session:
        team = await session.scalar(select(Team).where(Team.name == "East"))
        assert team is not None
        return team


async def test_a_manager_sets_and_previews_their_own_teams_reminder(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    reply = await chat.say("mia", "/quotabot settings team East reminder 09:15")
    assert reply.ok and reply.text == "Team East reminders updated.", reply.text
    assert (await _east(services)).reminder_time == "09:15"

    preview = await chat.say("mia", "/quotabot reminder preview")
    assert preview.ok and "East" in (preview.title or preview.text)
    assert [b.label for b in preview.buttons] == ["Log activity", "My numbers"]


async def test_others_cannot_change_a_teams_reminder(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    for who, said in (
        (
            "walt",
            "You can set or preview a team's reminders for your own team only, not for team East.",
        ),
        ("rita", "Only managers and admins can set or preview a team's reminders."),
    ):
        reply = await chat.say(who, "/quotabot settings team East reminder 07:30")
        assert (reply.ok, reply.text) == (False, said)
    assert (await _east(services)).reminder_time is None
    assert (await chat.say("ada", "/quotabot settings team East reminder off")).ok
    assert (await _east(services)).reminder_enabled is False


async def test_a_reminder_inside_quiet_hours_is_refused(services: Services) -> None:
    await make_world(services)
    reply = await Chat(services).say("mia", "/quotabot settings team East reminder 07:00")
    assert not reply.ok and "quiet hours" in reply.text
    assert (await _east(services)).reminder_time is None

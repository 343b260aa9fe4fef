"""Team reminder settings from chat: time, off, afternoon, mentions; bad input changes nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.services import Services
from core.actions import ActionId
from storage.models import Delivery, Team, Workspace
from tests.support.dialog import Chat
from tests.support.world import make_world


async def east(services: Services, team_id: int) -> Team:
    async with services.sessions() as session:
        team = await session.get(Team, team_id)
    assert team is not None
    return team


async def test_admin_sets_the_reminder_the_afternoon_post_and_mentions(services: Services) -> None:
    world = await make_world(services)
    chat = Chat(services)
    reply = await chat.say(
        "ada", "/quotabot settings team East reminder 09:30 afternoon 16:30 mention-missing on"
    )
    assert reply.ok, reply.text
    facts = {f.label: f.value for f in reply.facts}
    assert facts["Daily reminder"] == "09:30"
    assert facts["Afternoon reminder"] == "16:30"
    assert facts["Name who has not logged"] == "on, in a thread under the afternoon post"
    team = await east(services, world.east)
    assert (team.reminder_enabled, team.reminder_time, team.afternoon_time) == (
        True,
        "09:30",
        "16:30",
    )
    assert team.mention_missing

    reply = await chat.say(
        "ada", "/quotabot settings team East reminder off afternoon-reminder off"
    )
    assert reply.ok, reply.text
    team = await east(services, world.east)
    assert (team.reminder_enabled, team.afternoon_time) == (False, None)
    assert team.reminder_time == "09:30"  # kept for when it is turned back on

    await chat.say("ada", "/quotabot settings team East reminder on")
    assert (await east(services, world.east)).reminder_enabled


async def test_bad_input_gets_a_clear_reply_and_changes_nothing(services: Services) -> None:
    world = await make_world(services)
    async with services.sessions() as session, session.begin():
        session.add(Team(workspace_id=world.workspace_id, name="North", timezone="UTC"))
    chat = Chat(services)
    cases = {
        "/quotabot settings team East reminder 25:00": "is not a time like 09:30",
        "/quotabot settings team East reminder 07:00": "inside quiet hours (19:00–08:00)",
        "/quotabot settings team East afternoon 21:00": "the post would never come",
        "/quotabot settings team East mention-missing maybe": "mention-missing on",
        "/quotabot settings team North reminder 08:30": "has no channel to post in",
    }
    for text, expected in cases.items():
        reply = await chat.say("ada", text)
        assert not reply.ok and expected in reply.text, (text, reply.text)
    team = await east(services, world.east)
    assert (team.reminder_enabled, team.reminder_time, team.afternoon_time) == (True, None, None)
    assert team.channel == "C-EAST" and not team.mention_missing

    # A rep and the manager of another team cannot; East's own manager can (issue 13).
    for who in ("rita", "walt"):
        reply = await chat.say(who, "/quotabot settings team East reminder off")
        assert not reply.ok
    assert (await east(services, world.east)).reminder_enabled
    assert (await chat.say("mia", "/quotabot settings team East reminder off")).ok
    assert not (await east(services, world.east)).reminder_enabled


async def test_my_numbers_under_the_post_answers_the_presser_privately(
    services: Services,
) -> None:
    await make_world(services)
    reply = await Chat(services).press("rita", ActionId.MY_NUMBERS)
    assert reply.ok and reply.private, reply.text


async def test_an_admin_previews_the_post_privately_and_nothing_is_sent(
    services: Services,
) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("ada", "/quotabot settings team East reminder 09:15")
    reply = await chat.say("ada", "/quotabot settings team East reminder preview")
    assert reply.ok and reply.private, reply.text
    assert reply.title == "East: Wednesday 18 Nov (preview, only you see this)"
    assert reply.notes[-1] == (
        "Posts in C-EAST at 09:15 (America/New_York) on working days (Mon–Fri)."
    )
    assert "Good morning, East!" in reply.text
    assert {f.label for f in reply.facts} >= {"Today's goal", "Pace"}
    assert [b.label for b in reply.buttons] == ["Log activity", "My numbers"]
    async with services.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Delivery)) == 0

    afternoon = await chat.say("ada", "/quotabot settings team East afternoon preview")
    assert afternoon.private and "logged" in afternoon.text


async def test_quiet_hours_that_would_cover_a_team_reminder_are_refused(
    services: Services,
) -> None:
    world = await make_world(services)
    chat = Chat(services)
    await chat.say("ada", "/quotabot settings team West reminder 08:30")
    reply = await chat.say("ada", "/quotabot settings workspace quiet-hours 19:00-09:00")
    assert not reply.ok
    assert "would cover the channel reminder of West (08:30)" in reply.text
    async with services.sessions() as session:
        ws = await session.get(Workspace, world.workspace_id)
    assert ws is not None and (ws.quiet_start, ws.quiet_end) == ("19:00", "08:00")

    await chat.say("ada", "/quotabot settings team West reminder 09:00")
    reply = await chat.say("ada", "/quotabot settings workspace quiet-hours 19:00-09:00")
    assert reply.ok, reply.text

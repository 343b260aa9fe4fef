"""`/quotabot team West sync …`: what a team follows, per platform and role; audited."""

from __future__ import annotations

import json

from sqlalchemy import select

from bot.services import Services
from storage.models import AuditEntry, ConversationReference, Team
from tests.support.dialog import Chat
from tests.support.world import World, make_world

GENERAL = "19:general@thread.tacv2"
OTHER = "19:other-team@thread.tacv2"


async def _source(services: Services, world: World) -> str | None:
    async with services.sessions() as session:
        team = await session.get(Team, world.west)
        assert team is not None
        return team.sync_source


async def _channels(services: Services, world: World, *keys: str) -> None:
    async with services.sessions() as session, session.begin():
        for key in keys:
            session.add(
                ConversationReference(
                    workspace_id=world.workspace_id,
                    platform="teams",
                    kind="channel",
                    key=key,
                    conversation_id=key,
                    service_url="https://smba.example/amer/",
                )
            )


async def test_slack_sources_are_stored_and_audited(services: Services) -> None:
    world = await make_world(services, platform="slack")
    chat = Chat(services, "slack")
    reply = await chat.say("ada", "/quotabot team West sync <#C0WEST|sales-west>")
    assert reply.text.startswith("🔄 West now follows <#C0WEST>: the first sync runs")
    assert await _source(services, world) == "channel:C0WEST"
    reply = await chat.say("ada", "/quotabot team West sync @west-reps")
    assert reply.text.startswith("🔄 West now follows @west-reps")
    reply = await chat.say("ada", "/quotabot team West sync off")
    assert reply.text == "⏹️ West no longer follows @west-reps; its members stay."
    assert await _source(services, world) is None
    async with services.sessions() as session:
        rows = await session.scalars(
            select(AuditEntry).where(AuditEntry.action == "team.sync").order_by(AuditEntry.id)
        )
        changes = [(d["before"], d["after"]) for d in (json.loads(r.detail) for r in rows)]
    assert changes == [
        (None, "channel:C0WEST"),
        ("channel:C0WEST", "usergroup:@west-reps"),
        ("usergroup:@west-reps", None),
    ]


async def test_managers_and_reps_cannot_and_nothing_is_stored(services: Services) -> None:
    world = await make_world(services, platform="slack")
    chat = Chat(services, "slack")
    for who in ("walt", "wes"):
        reply = await chat.say(who, "/quotabot team West sync #sales-west")
        assert reply.text == "Only a workspace admin can change that."
    assert await _source(services, world) is None


async def test_in_teams_the_roster_of_the_one_channel_or_the_teams_own(
    services: Services,
) -> None:
    world = await make_world(services, platform="teams")
    chat = Chat(services, "teams")
    reply = await chat.say("ada", "/quotabot team West sync roster")
    assert reply.text == "Add QuotaBot to the Teams team first, then ask again in its channel."
    await _channels(services, world, GENERAL)
    reply = await chat.say("ada", "/quotabot team West sync roster")
    assert reply.text.startswith("🔄 West now follows its Teams team's roster")
    assert await _source(services, world) == f"roster:{GENERAL}"

    # QuotaBot joins another Teams team: which roster is West's must be said.
    await _channels(services, world, OTHER)
    reply = await chat.say("ada", "/quotabot team West sync roster")
    assert reply.text.startswith("QuotaBot is in several Teams channels; say which is West's")
    async with services.sessions() as session, session.begin():
        team = await session.get(Team, world.west)
        assert team is not None
        team.channel = OTHER
    reply = await chat.say("ada", "/quotabot team West sync roster")
    assert reply.ok and await _source(services, world) == f"roster:{OTHER}"

"""scheduler/sync.py with a scripted directory: once a day, roles untouched, manager kept."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from bot.services import Services
from scheduler.sync import DirectoryError, Member, sync_due
from storage.models import Team, User
from tests.support.dialog import Chat
from tests.support.world import World, make_world

NOW = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)


class Scripted:
    """A directory that lists `people` for any source, counting the questions."""

    platform = "slack"

    def __init__(self, people: list[Member] | None = None, error: str | None = None) -> None:
        self.people = people or []
        self.error = error
        self.asked: list[tuple[str, str]] = []

    async def members(self, workspace: str, source: str) -> list[Member]:
        self.asked.append((workspace, source))
        await asyncio.sleep(0)  # let a second pass run meanwhile
        if self.error:
            raise DirectoryError(self.error)
        return list(self.people)


async def _follow(services: Services, team: int, source: str = "channel:C0WEST") -> None:
    async with services.sessions() as session, session.begin():
        await session.execute(update(Team).where(Team.id == team).values(sync_source=source))


async def _where(services: Services) -> dict[str, tuple[str, int | None]]:
    async with services.sessions() as session:
        return {u.external_id: (u.role, u.team_id) for u in await session.scalars(select(User))}


async def test_members_follow_the_source_and_no_role_changes(services: Services) -> None:
    world = await make_world(services, platform="slack")
    await _follow(services, world.west)
    # Ada (admin) and Rita (East) are in the channel; Wes left it; Walt manages West.
    # Mia, East's manager, is in it too: she keeps leading East.
    directory = Scripted(
        [Member("ada", "Ada"), Member("rita", "Rita"), Member("U0NEW", "Nia"), Member("mia", "")]
    )
    [result] = await sync_due(services.sessions, {"slack": directory}, NOW)
    assert directory.asked == [("acme", "channel:C0WEST")]
    assert (len(result.added), len(result.created), len(result.removed)) == (2, 1, 1)
    people = await _where(services)
    assert people["ada"] == ("admin", world.west)
    assert people["rita"] == ("rep", world.west)
    assert people["U0NEW"] == ("rep", world.west)
    assert people["wes"] == ("rep", None)
    assert people["walt"] == ("manager", world.west)  # the team's manager stays
    assert people["mia"] == ("manager", world.east)


async def test_two_passes_at_once_ask_the_directory_once_a_day(services: Services) -> None:
    world = await make_world(services, platform="slack")
    await _follow(services, world.west)
    directory = Scripted([Member("wes", "Wes")])
    dirs = {"slack": directory}
    await asyncio.gather(*(sync_due(services.sessions, dirs, NOW) for _ in range(3)))
    await sync_due(services.sessions, dirs, NOW + timedelta(hours=14))
    assert len(directory.asked) == 1
    await sync_due(services.sessions, dirs, NOW + timedelta(days=1))
    assert len(directory.asked) == 2


async def test_an_empty_or_failed_answer_changes_nothing(services: Services) -> None:
    world = await make_world(services, platform="slack")
    await _follow(services, world.west)
    before = await _where(services)
    [result] = await sync_due(services.sessions, {"slack": Scripted([])}, NOW)
    assert result.error == "the source lists nobody"
    later = NOW + timedelta(days=1)
    [result] = await sync_due(services.sessions, {"slack": Scripted(error="not_in_channel")}, later)
    assert result.error == "not_in_channel"
    assert await _where(services) == before


async def test_only_platforms_with_a_directory_are_synced(services: Services) -> None:
    world: World = await make_world(services)  # a console workspace
    await _follow(services, world.west)
    directory = Scripted([Member("wes", "Wes")])
    assert await sync_due(services.sessions, {"slack": directory}, NOW) == []
    assert directory.asked == []


async def test_the_command_is_for_admins_of_slack_workspaces(services: Services) -> None:
    await make_world(services, platform="slack")
    chat = Chat(services, "slack")
    reply = await chat.say("walt", "/quotabot team West sync #sales-west")
    assert reply.text == "Only a workspace admin can change that."
    reply = await chat.say("ada", "/quotabot team West sync <!channel>")
    assert reply.text.startswith("Name a Slack channel or user group to follow")
    reply = await chat.say("ada", "/quotabot team West sync off")
    assert reply.text == "West does not follow a channel or group."
    reply = await chat.say("ada", "/quotabot team Nowhere sync #sales")
    assert not reply.ok

    console = Chat(services, "console", "demo")
    await make_world(services, workspace="demo")
    reply = await console.say("ada", "/quotabot team West sync #sales-west")
    assert reply.text.startswith("Name a Slack channel or user group to follow")

"""Every people command refused the same careful way: a clear sentence, nothing written."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from bot.services import Services
from storage.models import Team, User, Workspace
from tests.support.dialog import Chat
from tests.support.world import World, counts, make_world

ADMIN_ONLY = "Only a workspace admin can change that."


async def _state(services: Services) -> tuple[Any, ...]:
    """Everything a people command could change, to prove a refusal changed none of it."""
    async with services.sessions() as session:
        people = [
            (u.external_id, u.role, u.team_id, u.name)
            for u in await session.scalars(select(User).order_by(User.id))
        ]
        teams = [(t.name, t.manager_id) for t in await session.scalars(select(Team))]
        ws = [(w.currency, w.attainment_public) for w in await session.scalars(select(Workspace))]
    return people, teams, ws, await counts(services)


async def _add(services: Services, world: World, login: str, name: str, team: int) -> None:
    async with services.sessions() as session, session.begin():
        session.add(
            User(workspace_id=world.workspace_id, external_id=login, name=name, team_id=team)
        )


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("/quotabot team create Rogue", ADMIN_ONLY),
        ("/quotabot team East add @wes", "Only managers and admins can change who is on a team."),
        (
            "/quotabot team East remove @ron",
            "Only managers and admins can change who is on a team.",
        ),
        ("/quotabot team East manager @rita", ADMIN_ONLY),
        ("/quotabot role @rita admin", ADMIN_ONLY),
        ("/quotabot audit", ADMIN_ONLY),
        ("/quotabot settings workspace currency EUR", ADMIN_ONLY),
        ("/quotabot settings workspace attainment public", ADMIN_ONLY),
        ("/quotabot settings workspace nudge-time 09:00", ADMIN_ONLY),
        ("/goal @ron revenue 5k this month", "Only managers and admins can set quotas."),
    ],
)
async def test_a_rep_is_refused_every_people_command(
    services: Services, text: str, refused: str
) -> None:
    await make_world(services)
    before = await _state(services)
    reply = await Chat(services).say("rita", text)
    assert not reply.ok and reply.text.startswith(refused), reply.text
    assert await _state(services) == before


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("/quotabot team East add @dev", "You can change who is on a team for your own team only"),
        ("/quotabot team East remove @rita", "You can change who is on a team for your own team"),
        ("/goal Greta 1", "You can set quotas for your own team only, not for Greta Lind."),
        ("/quotabot team create Rogue", ADMIN_ONLY),
        ("/quotabot team West manager @wes", ADMIN_ONLY),
        ("/quotabot role @wes manager", ADMIN_ONLY),
        ("/quotabot audit", ADMIN_ONLY),
    ],
)
async def test_a_manager_acts_only_within_their_team(
    services: Services, text: str, refused: str
) -> None:
    world = await make_world(services)
    await _add(services, world, "greta", "Greta Lind", world.east)
    before = await _state(services)
    reply = await Chat(services).say("walt", text)  # Walt manages West
    assert not reply.ok and reply.text.startswith(refused), reply.text
    assert await _state(services) == before


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("/quotabot role @ghost admin", "I don't know anyone or any team called 'ghost' here."),
        ("/quotabot team Nowhere manager @mia", "I don't know anyone or any team called"),
        ("/quotabot audit @ghost", "I don't know anyone or any team called 'ghost' here."),
        ("/goal @ghost revenue 5k this month", "I don't know anyone or any team called 'ghost'"),
        ("/quotabot team East add <@U0NEVER>", "I haven't met that person yet."),
        ("/quotabot team East add ben", "'ben' could be Ben Carter (East), Ben Stone (West)."),
        ("/quotabot role ben manager", "'ben' could be Ben Carter (East), Ben Stone (West)."),
        ("/quotabot role @ada manager", "Ada Admin is the last admin; make someone else admin"),
        ("/quotabot team create *West*", "A team name is up to 60 letters"),
        ("/quotabot team create <!here>", "A team name is up to 60 letters"),
        (
            "/quotabot team East add <!channel>",
            "That doesn't look like a person's or a team's name.",
        ),
        ("/quotabot role <https://evil.example|ben> admin", "That doesn't look like a person's"),
        ("/quotabot role *ben* admin", "That doesn't look like a person's or a team's name."),
        ("/quotabot team create East", "There is already a team called East."),
    ],
)
async def test_unknown_ambiguous_or_marked_up_names_get_a_clear_no(
    services: Services, text: str, said: str
) -> None:
    world = await make_world(services)
    await _add(services, world, "ben1", "Ben Carter", world.east)
    await _add(services, world, "ben2", "Ben Stone", world.west)
    before = await _state(services)
    reply = await Chat(services).say("ada", text)
    assert not reply.ok or reply.buttons, reply.text
    assert reply.text.startswith(said), reply.text
    assert "<!" not in reply.text and "https://" not in reply.text
    assert await _state(services) == before

"""Subjects at their edges: no team, a team chosen by id, a Teams mention key, another
workspace's people and teams, and the exact sentences. Kills the mutants in docs/testing.md."""

from __future__ import annotations

import pytest

from bot.services import Services
from core.messages import Actor
from handlers.shared.context import Subject
from handlers.shared.errors import NotFound, UserError
from handlers.shared.subjects import Ambiguous, Choice, resolve_subject
from storage.models import Team, User, Workspace
from tests.support.world import World, make_world


def actor(world: World, login: str, role: str, team_id: int | None) -> Actor:
    return Actor(world.workspace_id, world.users[login], login, role, team_id, "UTC")  # type: ignore[arg-type]


async def resolve(services: Services, who: Actor, raw: str | None) -> Subject:
    async with services.sessions() as session:
        return await resolve_subject(session, who, raw)


async def other_workspace(services: Services) -> tuple[int, int]:
    """A second workspace with a rep "U0BEN" and a team "North"; their ids."""
    async with services.sessions() as session, session.begin():
        ws = Workspace(platform="console", external_id="other", name="Other Co", currency="USD")
        session.add(ws)
        await session.flush()
        team = Team(workspace_id=ws.id, name="North", timezone="UTC")
        session.add_all([team, User(workspace_id=ws.id, external_id="U0BEN", name="Ben Other")])
        await session.flush()
        return ws.id, team.id


async def test_my_team_without_a_team_is_everyone_for_an_admin_and_a_question_for_a_rep(
    services: Services,
) -> None:
    world = await make_world(services)
    admin = await resolve(services, actor(world, "ada", "admin", None), "my team")
    assert (admin.kind, admin.label) == ("workspace", "everyone")
    with pytest.raises(NotFound) as refused:
        await resolve(services, actor(world, "rita", "rep", None), "my team")
    assert str(refused.value) == "You're not on a team yet; an admin can add you to one."


async def test_a_team_chosen_by_id_is_that_team_in_this_workspace_only(
    services: Services,
) -> None:
    world = await make_world(services)
    _, north = await other_workspace(services)
    mia = actor(world, "mia", "manager", world.east)
    west = await resolve(services, mia, f"team:{world.west}")
    assert (west.kind, west.label, west.team and west.team.id) == ("team", "team West", world.west)
    for raw in (f"team:{north}", "team:999999", "team:west"):
        with pytest.raises(NotFound) as refused:
            await resolve(services, mia, raw)
        assert str(refused.value) == "I don't know that team here."


async def test_a_mention_is_read_by_platform_id_or_teams_mention_key_in_this_workspace(
    services: Services,
) -> None:
    world = await make_world(services)
    await other_workspace(services)
    async with services.sessions() as session, session.begin():
        rita = await session.get(User, world.users["rita"])
        assert rita is not None
        rita.mention_id = "29:mention-key"
    mia = actor(world, "mia", "manager", world.east)
    for raw in ("<@rita>", "<@29:mention-key>"):
        subject = await resolve(services, mia, raw)
        assert subject.user is not None and subject.user.id == world.users["rita"]
    with pytest.raises(NotFound) as refused:
        await resolve(services, mia, "<@U0BEN>")  # Ben is in the other workspace
    assert str(refused.value) == (
        "I haven't met that person yet. Once they say hi to me, or an admin adds them "
        "to a team (`/quotabot team East add @name`), I can help with their numbers."
    )


async def test_a_name_that_fits_several_lists_people_then_teams_by_name(
    services: Services,
) -> None:
    world = await make_world(services)
    async with services.sessions() as session, session.begin():
        session.add_all(
            [
                Team(workspace_id=world.workspace_id, name="Westside", timezone="UTC"),
                Team(workspace_id=world.workspace_id, name="Western", timezone="UTC"),
            ]
        )
    with pytest.raises(Ambiguous) as asked:
        await resolve(services, actor(world, "mia", "manager", world.east), "We")
    teams = {c.label: c.subject for c in asked.value.choices if c.label.startswith("team ")}
    assert [c.label for c in asked.value.choices] == [
        "Wes Rep (West)",
        "team West",
        "team Western",
        "team Westside",
    ]
    assert asked.value.choices[0] == Choice("Wes Rep (West)", "<@wes>")
    assert teams["team West"] == f"team:{world.west}"
    assert asked.value.written == "We"
    assert str(asked.value) == (
        "'We' could be Wes Rep (West), team West, team Western, team Westside. "
        "Which one? Say the full name or @mention them."
    )


async def test_naming_yourself_is_you_and_a_name_nobody_has_says_so(services: Services) -> None:
    world = await make_world(services)
    async with services.sessions() as session, session.begin():
        session.add(User(workspace_id=world.workspace_id, external_id="U0XENA", name="Xena Park"))
    mia = actor(world, "mia", "manager", world.east)
    for raw in ("<@mia>", "Mia Manager"):
        me = await resolve(services, mia, raw)
        assert (me.kind, me.label, me.user and me.user.id) == ("self", "you", world.users["mia"])
    xena = await resolve(services, mia, "@Xena")
    assert xena.user is not None and xena.user.name == "Xena Park"
    with pytest.raises(NotFound) as refused:
        await resolve(services, mia, "Zorro")
    assert str(refused.value) == "I don't know anyone or any team called 'Zorro' here."


async def test_me_everyone_and_markup(services: Services) -> None:
    world = await make_world(services)
    mia = actor(world, "mia", "manager", world.east)
    for raw in (None, "Me", " myself "):
        me = await resolve(services, mia, raw)
        assert (me.kind, me.label) == ("self", "you")
    everyone = await resolve(services, mia, "Everyone")
    assert (everyone.kind, everyone.label) == ("workspace", "everyone")
    with pytest.raises(UserError) as refused:
        await resolve(services, mia, "*bold*")
    assert str(refused.value) == (
        "That doesn't look like a person's or a team's name. Try `@name`."
    )

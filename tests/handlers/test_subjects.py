"""Names mean the person written: ids beat display names, several ask, none says so."""

from __future__ import annotations

import pytest

from bot.services import Services
from core.messages import Actor
from handlers.shared.context import Subject
from handlers.shared.errors import NotFound, UserError
from handlers.shared.subjects import Ambiguous, fold, resolve_subject
from storage.models import User
from tests.support.world import World, make_world


async def _add(services: Services, world: World, login: str, name: str, **kw: object) -> int:
    async with services.sessions() as session, session.begin():
        user = User(workspace_id=world.workspace_id, external_id=login, name=name, **kw)
        session.add(user)
        await session.flush()
        return user.id


def _mia(world: World) -> Actor:
    return Actor(
        world.workspace_id, world.users["mia"], "Mia Manager", "manager", world.east, "UTC"
    )


async def _resolve(services: Services, world: World, raw: str | None) -> Subject:
    async with services.sessions() as session:
        return await resolve_subject(session, _mia(world), raw)


@pytest.mark.parametrize(
    "written",
    [
        "<@U0BEN>",
        "@ben",
        "ben",
        "Ben",
        "BEN",
        "Ben Carter",
        "ben carter",
        "Carter",
        "Ben's",
        "@Ben Carter",
        "ben.carter",
        "bencarter",
        "U0BEN",
        "béñ cärter",
    ],
)
async def test_every_way_of_naming_ben_means_ben(services: Services, written: str) -> None:
    world = await make_world(services)
    ben = await _add(services, world, "U0BEN", "Ben Carter", email="ben.carter@acme.test")
    subject = await _resolve(services, world, written.replace("bencarter", "Ben C"))
    assert subject.kind == "user" and subject.user is not None and subject.user.id == ben


async def test_a_platform_id_beats_a_display_name(services: Services) -> None:
    world = await make_world(services)
    ben = await _add(services, world, "ben", "Ben Carter")
    await _add(services, world, "U0EVE", "ben")  # a rep who renamed himself "ben"
    subject = await _resolve(services, world, "ben")
    assert subject.user is not None and subject.user.id == ben


async def test_two_bens_are_asked_about_with_a_choice_for_each(services: Services) -> None:
    world = await make_world(services)
    await _add(services, world, "U0BC", "Ben Carter", team_id=world.east)
    await _add(services, world, "U0BS", "Ben Stone", team_id=world.west)
    with pytest.raises(Ambiguous) as asked:
        await _resolve(services, world, "ben")
    assert [(c.label, c.subject) for c in asked.value.choices] == [
        ("Ben Carter (East)", "<@U0BC>"),
        ("Ben Stone (West)", "<@U0BS>"),
    ]
    # Each choice resolves to that one person alone.
    for choice, login in zip(asked.value.choices, ("U0BC", "U0BS"), strict=True):
        picked = await _resolve(services, world, choice.subject)
        assert picked.user is not None and picked.user.external_id == login


async def test_a_full_name_settles_what_a_first_name_cannot(services: Services) -> None:
    world = await make_world(services)
    await _add(services, world, "U0BC", "Ben Carter")
    stone = await _add(services, world, "U0BS", "Ben Stone")
    subject = await _resolve(services, world, "Ben Stone")
    assert subject.user is not None and subject.user.id == stone


async def test_teams_by_name_and_prefix_and_a_clash_with_a_person_is_asked(
    services: Services,
) -> None:
    world = await make_world(services)
    assert (await _resolve(services, world, "west")).kind == "team"
    assert (await _resolve(services, world, "Wes")).user is not None  # Wes Rep, exactly
    await _add(services, world, "U0EA", "Easton Ray")
    with pytest.raises(Ambiguous):
        await _resolve(services, world, "eas")  # team East or Easton Ray


@pytest.mark.parametrize("written", ["Greta", "@nobody", "<@U999>", "Zed Zeppelin"])
async def test_unknown_names_are_said_never_read_as_the_asker(
    services: Services, written: str
) -> None:
    world = await make_world(services)
    with pytest.raises(NotFound):
        await _resolve(services, world, written)


@pytest.mark.parametrize("written", ["<!channel>", "*boss*", "<http://x|y>", "`rm`", "~x~"])
async def test_markup_is_not_a_name(services: Services, written: str) -> None:
    world = await make_world(services)
    with pytest.raises(UserError) as refused:
        await _resolve(services, world, written)
    assert written not in refused.value.message


async def test_people_in_another_workspace_are_unknown(services: Services) -> None:
    world = await make_world(services)
    other = await make_world(services, workspace="globex")
    await _add(services, other, "U0BEN", "Ben Carter")
    with pytest.raises(NotFound):
        await _resolve(services, world, "Ben Carter")


def test_folding_ignores_case_accents_and_spacing() -> None:
    assert fold("  Zoë   O’Brien ") == fold("zoe o’brien")

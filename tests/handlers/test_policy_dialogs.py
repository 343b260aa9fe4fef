"""Authorization: reps see their own, managers their team, admins everything."""

from __future__ import annotations

import pytest

from bot.services import Services
from tests.support.dialog import Chat
from tests.support.world import counts, make_world


async def test_rep_cannot_see_another_reps_pipeline(services: Services) -> None:
    await make_world(services)
    reply = await Chat(services).say("rita", "what's in <@ron>'s pipeline?")
    assert not reply.ok
    assert "private to Ron Rep and their manager" in reply.text


async def test_rep_cannot_set_a_quota(services: Services) -> None:
    await make_world(services)
    before = await counts(services)
    reply = await Chat(services).say("rita", "set <@ron> quota to 150k for Q1")
    assert not reply.ok
    assert "Only managers and admins can set quotas" in reply.text
    assert await counts(services) == before


async def test_rep_cannot_see_team_stats(services: Services) -> None:
    await make_world(services)
    reply = await Chat(services).say("rita", "/team")
    assert not reply.ok


async def test_manager_reads_own_rep_but_not_other_teams(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    assert (await chat.say("mia", "what's in <@rita>'s pipeline?")).ok
    reply = await chat.say("mia", "what's in <@wes>'s pipeline?")
    assert not reply.ok and "not Wes Rep's" in reply.text
    reply = await chat.say("mia", "how is team West doing?")
    assert not reply.ok


async def test_manager_cannot_set_quota_for_another_team(services: Services) -> None:
    await make_world(services)
    before = await counts(services)
    reply = await Chat(services).say("mia", "set <@wes> quota to 50k this month")
    assert not reply.ok and "your own team only" in reply.text
    assert await counts(services) == before


@pytest.mark.parametrize(
    "question", ["/team West", "how is team East doing?", "what's in <@wes>'s pipeline?"]
)
async def test_admin_reads_everything(services: Services, question: str) -> None:
    await make_world(services)
    assert (await Chat(services).say("ada", question)).ok


async def test_admin_sets_any_quota(services: Services) -> None:
    await make_world(services)
    reply = await Chat(services).say("ada", "set <@wes> quota to 50k this month")
    assert reply.ok, reply.text


async def test_workspaces_are_isolated(services: Services) -> None:
    await make_world(services, workspace="acme")
    await make_world(services, workspace="globex")
    acme, globex = Chat(services, workspace="acme"), Chat(services, workspace="globex")
    await acme.say("rita", "closed Initech for $24k")
    reply = await globex.say("rita", "/pipeline")
    assert "empty" in reply.text
    board = await globex.say("rita", "/leaderboard revenue this month")
    assert "No revenue logged yet" in board.text

"""Authorization: reps see their own, managers their team, admins everything."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from bot.adapters.console.render import render
from bot.services import Services
from storage.models import AuditEntry, Quota
from tests.support.dialog import Chat
from tests.support.world import World, counts, make_world


async def with_numbers(services: Services) -> World:
    """East's Rita has Initech ($40,000) open and 3 calls; West's Wes has Hooli ($30,000), 5."""
    world = await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "new opp Initech 40k closing end of month")
    await chat.say("rita", "3 calls with Acme")
    await chat.say("wes", "new opp Hooli 30k closing end of month")
    await chat.say("wes", "5 calls with Hooli")
    return world


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
    await with_numbers(services)
    before = await counts(services)
    reply = await Chat(services).say("rita", "/team")
    assert not reply.ok
    assert "private to team East and their manager" in reply.text
    assert reply.table is None and "Ron Rep" not in render(reply)
    assert await counts(services) == before


async def test_manager_reads_own_rep_but_not_other_teams(services: Services) -> None:
    await with_numbers(services)
    chat = Chat(services)
    ritas = render(await chat.say("mia", "what's in <@rita>'s pipeline?"))
    assert "Rita Rep's pipeline" in ritas and "$40,000" in ritas and "$30,000" not in ritas
    reply = await chat.say("mia", "what's in <@wes>'s pipeline?")
    assert not reply.ok and "not Wes Rep's" in reply.text
    assert "$30,000" not in render(reply)
    reply = await chat.say("mia", "how is team West doing?")
    assert not reply.ok and "not team West's" in reply.text
    assert reply.table is None and "Wes Rep" not in render(reply)


async def test_manager_cannot_set_quota_for_another_team(services: Services) -> None:
    await make_world(services)
    before = await counts(services)
    reply = await Chat(services).say("mia", "set <@wes> quota to 50k this month")
    assert not reply.ok and "your own team only" in reply.text
    assert await counts(services) == before


@pytest.mark.parametrize(
    ("question", "shown", "hidden"),
    [
        ("/team West", ("Wes Rep",), ("Rita Rep", "Ron Rep")),
        ("how is team East doing?", ("Rita Rep", "Ron Rep"), ("Wes Rep",)),
        ("what's in <@wes>'s pipeline?", ("Wes Rep", "$30,000"), ("Rita Rep", "$40,000")),
    ],
)
async def test_admin_reads_everything(
    services: Services, question: str, shown: tuple[str, ...], hidden: tuple[str, ...]
) -> None:
    await with_numbers(services)
    reply = await Chat(services).say("ada", question)
    assert reply.ok, reply.text
    text = render(reply)
    assert [name for name in shown if name in text] == list(shown)
    assert [name for name in hidden if name in text] == []


async def test_a_teams_numbers_are_its_own_reps_numbers(services: Services) -> None:
    await with_numbers(services)
    reply = await Chat(services).say("ada", "/team West")
    assert reply.table is not None
    calls = reply.table.columns.index("Calls")
    assert [(row[0], row[calls]) for row in reply.table.rows] == [("Wes Rep", "5")]


async def test_admin_sets_any_quota(services: Services) -> None:
    world = await make_world(services)
    before = await counts(services)
    reply = await Chat(services).say("ada", "set <@wes> quota to 50k this month")
    assert reply.ok, reply.text
    async with services.sessions() as session:
        [quota] = (await session.scalars(select(Quota))).all()
        [audit] = (await session.scalars(select(AuditEntry))).all()
    wes = world.users["wes"]
    assert (quota.subject, quota.user_id, quota.set_by) == (f"user:{wes}", wes, world.users["ada"])
    assert (quota.metric, quota.period_kind, quota.period_start) == (
        "revenue",
        "month",
        date(2026, 11, 1),
    )
    assert quota.target == 5_000_000  # $50,000 in cents
    assert audit.user_id == world.users["ada"]  # who set it is on record
    assert await counts(services) == {
        **before,
        "quotas": before["quotas"] + 1,
        "audit_log": before["audit_log"] + 1,
    }


async def test_workspaces_are_isolated(services: Services) -> None:
    await make_world(services, workspace="acme")
    await make_world(services, workspace="globex")
    acme, globex = Chat(services, workspace="acme"), Chat(services, workspace="globex")
    await acme.say("rita", "closed Initech for $24k")
    reply = await globex.say("rita", "/pipeline")
    assert "empty" in reply.text
    board = await globex.say("rita", "/leaderboard revenue this month")
    assert "No revenue logged yet" in board.text

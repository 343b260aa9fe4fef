"""The weekly board's numbers: the team's reps only, each against their own target, in words."""

from __future__ import annotations

from datetime import date

from sqlalchemy import update

from bot.adapters.console.render import render
from bot.services import Services
from core.messages import Reply
from handlers.weekly_board import build_board
from storage.models import Team, Workspace
from tests.support.dialog import Chat
from tests.support.world import World, make_world, set_quota

NOV = date(2026, 11, 1)
Q4 = date(2026, 10, 1)


async def board(services: Services, world: World, team_id: int) -> Reply:
    async with services.sessions() as session:
        team = await session.get(Team, team_id)
        workspace = await session.get(Workspace, world.workspace_id)
        assert team is not None and workspace is not None
        return await build_board(session, team, workspace, services.clock())


async def test_the_board_ranks_reps_against_their_own_targets(services: Services) -> None:
    world = await make_world(services)
    await set_quota(services, world, "rita", "revenue", "month", NOV, 4_500_000)
    await set_quota(services, world, "ron", "revenue", "quarter", Q4, 10_000_000)
    chat = Chat(services)
    await chat.say("rita", "closed Initech for $24k")
    await chat.say("ron", "closed Globex for $1,200.50")
    await chat.say("rita", "3 calls with Acme")
    await chat.say("ron", "12 calls and 2 demos")

    private = await board(services, world, world.east)
    # By default the channel sees the ranking by own target, not anyone's percentage.
    assert private.table is not None
    assert private.table.rows == (("1", "Rita Rep"), ("2", "Ron Rep"))
    assert "%" not in "".join(c for row in private.table.rows for c in row)
    async with services.sessions() as session, session.begin():
        await session.execute(
            update(Workspace)
            .where(Workspace.id == world.workspace_id)
            .values(attainment_public=True)
        )
    reply = await board(services, world, world.east)

    text = render(reply)
    assert "Most activities: Ron Rep (14), Rita Rep (3)" in text
    assert "Most revenue won: Rita Rep ($24K), Ron Rep ($1,201)" in text
    # A quarter quota comes first in the heading; each rep is measured by their own.
    assert reply.table is not None
    assert reply.table.columns[2] == "% of own target (Q4 2026)"
    assert [row[1:] for row in reply.table.rows] == [("Rita Rep", "53%"), ("Ron Rep", "1%")]
    assert [(bar.label, bar.shown) for bar in reply.bars] == [
        ("100%+", "0 of 2 reps"),
        ("75-99%", "0 of 2 reps"),
        ("50-74%", "1 of 2 reps"),
        ("under 50%", "1 of 2 reps"),
    ]
    assert "Shout-out to Rita Rep, furthest toward their own target" in text


async def test_the_manager_s_own_numbers_are_not_on_the_board(services: Services) -> None:
    world = await make_world(services)
    chat = Chat(services)
    await chat.say("mia", "40 calls")
    await chat.say("mia", "closed Hooli for $90k")
    await chat.say("rita", "1 call")

    text = render(await board(services, world, world.east))

    assert "Mia" not in text
    assert "Most activities: Rita Rep (1)" in text
    assert "Most revenue won: nobody yet" in text


async def test_another_team_s_week_stays_off_the_board(services: Services) -> None:
    world = await make_world(services)
    await set_quota(services, world, "wes", "revenue", "month", NOV, 1_000_000)
    chat = Chat(services)
    await chat.say("wes", "closed Umbrella for $10k")
    await chat.say("wes", "5 calls")

    reply = await board(services, world, world.east)

    assert "Wes" not in render(reply)
    assert reply.table is None and reply.bars == ()
    assert reply.notes == ("A fresh week starts Monday.",)


async def test_one_rep_with_a_target_is_one_rep(services: Services) -> None:
    world = await make_world(services)
    await set_quota(services, world, "rita", "revenue", "month", NOV, 4_500_000)

    reply = await board(services, world, world.east)

    assert {bar.shown for bar in reply.bars} == {"0 of 1 rep", "1 of 1 rep"}
    assert sum(bar.value for bar in reply.bars) == 1

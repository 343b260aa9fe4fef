"""Leaderboards: by % of each rep's own target (fair), for one team, money in every currency."""

from __future__ import annotations

from datetime import date

from sqlalchemy import update

from bot.services import Services
from storage.models import Workspace
from tests.support.dialog import Chat
from tests.support.world import World, make_world, set_quota

NOV = date(2026, 11, 1)


async def _floor(services: Services) -> World:
    world = await make_world(services)
    await set_quota(services, world, "rita", "calls", "month", NOV, 100)
    await set_quota(services, world, "ron", "calls", "month", NOV, 20)
    await set_quota(services, world, "wes", "calls", "month", NOV, 50)
    chat = Chat(services)
    await chat.say("rita", "40 calls")  # 40% of her target
    await chat.say("ron", "15 calls")  # 75%: fewer calls, a smaller territory, and first
    await chat.say("wes", "30 calls")  # 60%
    return world


async def test_the_fair_board_ranks_by_share_of_own_target(services: Services) -> None:
    await _floor(services)
    reply = await Chat(services).say("rita", "leaderboard % of quota this month")
    assert reply.table is not None
    assert [r[1] for r in reply.table.rows] == ["Ron Rep", "Wes Rep", "Rita Rep"]
    # Attainment is private by default: each sees only their own percentage.
    assert [r[2] for r in reply.table.rows] == ["", "", "40%"]


async def test_a_public_workspace_shows_everyones_share(services: Services) -> None:
    world = await _floor(services)
    async with services.sessions() as session, session.begin():
        await session.execute(
            update(Workspace)
            .where(Workspace.id == world.workspace_id)
            .values(attainment_public=True)
        )
    reply = await Chat(services).say("rita", "leaderboard % of quota this month")
    assert reply.table is not None
    assert [r[2] for r in reply.table.rows] == ["75%", "60%", "40%"]


async def test_a_board_for_my_team_leaves_other_teams_out(services: Services) -> None:
    await _floor(services)
    reply = await Chat(services).say("rita", "calls leaderboard for my team this month")
    assert reply.table is not None
    assert [r[1] for r in reply.table.rows] == ["Rita Rep", "Ron Rep"]
    assert "team East" in reply.text


async def test_wins_in_a_currency_without_a_rate_are_shown_not_dropped(
    services: Services,
) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "closed Initech for $10k")
    await chat.say("ron", "closed Lufthansa for €8,000")
    reply = await chat.say("ron", "revenue leaderboard this month")
    assert any("€8,000" in n for n in reply.notes), reply

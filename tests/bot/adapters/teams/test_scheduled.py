"""The scheduler's nudge reaches a Teams rep once, even when Teams throttles the first try."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

import bot.adapters.teams as teams_adapter
from bot.adapters.teams.connector import Connector
from bot.app import make_tick
from scheduler.dispatcher import DispatchConfig
from storage.models import Delivery
from tests.bot.adapters.teams.conftest import StubTokenProvider
from tests.bot.adapters.teams.fake_connector import Answer
from tests.bot.adapters.teams.harness import TeamsTenant
from tests.bot.adapters.teams.test_conversations import DANA_CHAT
from tests.scheduler.world import fast_pacer

FOUR_PM_UTC = datetime(2026, 11, 18, 16, 0, tzinfo=UTC)


async def nudges(teams: TeamsTenant) -> list[Delivery]:
    async with teams.services.sessions() as session:
        rows = await session.scalars(select(Delivery).where(Delivery.kind == "nudge"))
        return list(rows)


async def test_a_scheduled_nudge_is_sent_once_through_the_teams_notifier(
    teams: TeamsTenant,
) -> None:
    # Sam added the app to his team first, so he runs QuotaBot (an admin, never nudged);
    # Dana installs it (which creates her, a rep behind on today's activity) ...
    await teams.post(teams.activity("install_team"))
    await teams.post(teams.activity("install_personal"))
    teams.connector.calls.clear()
    # ... and at 16:00 Teams throttles the first attempt for a second.
    teams.connector.script = [Answer(429, headers={"Retry-After": "1"})]
    notifier = teams_adapter.notifier(teams.services, Connector(StubTokenProvider()))
    assert notifier is not None
    teams.services.notifiers = {"teams": notifier}
    tick = make_tick(teams.services, DispatchConfig(), fast_pacer())

    await tick(FOUR_PM_UTC)
    await tick(FOUR_PM_UTC)  # a second pass at the same minute sends nothing more

    [row] = await nudges(teams)
    assert row.status == "sent"
    assert [c.status for c in teams.connector.activities(DANA_CHAT)] == [429, 201]
    assert len(teams.connector.delivered()) == 1

"""The morning post through the Slack notifier and the strict Slack fake: blocks, buttons,
and the path when the bot is not in the channel."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from bot.adapters import slack as slack_adapter
from bot.app import build_services, make_tick
from bot.services import Services
from scheduler.dispatcher import DispatchConfig
from storage.models import Team
from tests.conftest import make_settings
from tests.scheduler.world import World, fast_pacer
from tests.support.clock import FakeClock
from tests.support.slack_api import BOT_TOKEN, FakeSlack

NINE_UTC = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    async with FakeSlack() as fake:
        yield fake
    assert fake.misused() == []


@pytest.fixture
async def services(db_url: str, clock: FakeClock, fake_slack: FakeSlack) -> AsyncIterator[Services]:
    settings = make_settings(
        db_url,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret="test-secret",
        slack_api_url=fake_slack.api_url,
    )
    built = build_services(settings, clock=clock, auto_migrate=False)
    try:
        yield built
    finally:
        await built.engine.dispose()


def action_ids(posted: dict[str, object]) -> list[str]:
    blocks = posted.get("blocks") or []
    assert isinstance(blocks, list)
    return [
        element["action_id"]
        for block in blocks
        if block.get("type") == "actions"
        for element in block["elements"]
    ]


async def test_the_post_lands_in_the_channel_and_a_missing_bot_tells_the_manager(
    services: Services, fake_slack: FakeSlack
) -> None:
    world = World(services)
    notifier = slack_adapter.notifier(services)
    assert notifier is not None
    services.notifiers = {"slack": notifier}
    tick = make_tick(services, DispatchConfig(), fast_pacer())
    fake_slack.add_channel("C0PRIVATE", member=False)
    ws = await world.workspace(external_id="T0ACME")
    await world.team(ws, "Sales", channel="C0SALES", timezone="UTC")
    hidden = await world.team(ws, "Hidden", channel="C0PRIVATE", timezone="UTC")
    boss = await world.rep(ws, "Dana Boss", "UTC", role="manager", team_id=hidden.id)
    async with services.sessions() as session, session.begin():
        team = await session.get(Team, hidden.id)
        assert team is not None
        team.manager_id = boss.id

    await tick(NINE_UTC)
    calls = fake_slack.called("chat.postMessage")
    assert sorted(c["channel"] for c in calls) == ["C0PRIVATE", "C0SALES"]
    [posted] = [c for c in calls if c["channel"] == "C0SALES"]
    assert "Good morning, Sales!" in str(posted["blocks"])
    assert action_ids(posted) == ["open_log_form", "my_numbers"]
    [failed] = await world.deliveries(kind="daily", status="failed")
    assert failed.team_id == hidden.id and failed.error == "not_in_channel"

    fake_slack.add_user(boss.external_id, "Dana Boss")
    await tick(NINE_UTC + timedelta(minutes=1))
    assert [c["users"] for c in fake_slack.called("conversations.open")] == [boss.external_id]
    dm = fake_slack.called("chat.postMessage")[-1]
    assert "/invite @QuotaBot" in str(dm["text"]) + str(dm.get("blocks"))

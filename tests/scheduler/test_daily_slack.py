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
from scheduler.runner import Tick
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


def through_slack(services: Services) -> tuple[World, Tick]:
    """A world whose ticks send through the real Slack notifier (to the fake)."""
    world = World(services)  # first: it installs its own recorder, replaced here
    notifier = slack_adapter.notifier(services)
    assert notifier is not None
    services.notifiers = {"slack": notifier}
    return world, make_tick(services, DispatchConfig(), fast_pacer())


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
    world, tick = through_slack(services)
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

    # The manager invites the bot; the next working day's post goes out, and no more DMs.
    fake_slack.add_channel("C0PRIVATE", member=True)
    await tick(NINE_UTC + timedelta(days=1))
    await tick(NINE_UTC + timedelta(days=1, minutes=1))
    last = fake_slack.delivered()[-2:]
    assert sorted(c.params["channel"] for c in last) == ["C0PRIVATE", "C0SALES"]
    assert len(fake_slack.called("conversations.open")) == 1
    [ok] = await world.deliveries(kind="daily", status="sent", team_id=hidden.id)
    assert ok.idempotency_key == f"daily:{hidden.id}:2026-11-19"


async def test_the_names_of_who_has_not_logged_go_in_the_thread_of_the_afternoon_post(
    services: Services, fake_slack: FakeSlack
) -> None:
    world, tick = through_slack(services)
    ws = await world.workspace(external_id="T0ACME")
    team = await world.team(ws, "Sales", channel="C0SALES", timezone="UTC", afternoon_time="16:30")
    ana, bo = [
        await world.rep(ws, name, "UTC", team_id=team.id, nudges_enabled=False)
        for name in ("Ana Pop", "Bo Li")
    ]
    await world.log(ana, NINE_UTC.date(), 3)
    async with services.sessions() as session, session.begin():
        row = await session.get(Team, team.id)
        assert row is not None
        row.mention_missing = True
    half_four = NINE_UTC.replace(hour=16, minute=30)

    await tick(half_four)
    await tick(half_four + timedelta(minutes=1))
    afternoon, names = fake_slack.delivered()[-2:]
    assert afternoon.params["channel"] == "C0SALES" and "thread_ts" not in afternoon.params
    assert "1 of 2 reps haven't logged" in str(afternoon.params["text"])
    assert "<@" not in str(afternoon.params["text"])
    assert names.params["channel"] == "C0SALES"
    assert names.params["thread_ts"] == afternoon.answer["ts"]
    # A real mention (not escaped text), of the one who has not logged only.
    assert str(names.params["text"]).startswith(f"<@{bo.external_id}> Nothing logged")
    assert names.params["blocks"][0]["text"]["text"] == f"<@{bo.external_id}>"
    assert f"{ana.external_id}>" not in str(names.params)
    [parent] = await world.deliveries(kind="afternoon")
    assert parent.message_id == afternoon.answer["ts"]


async def test_no_names_when_the_afternoon_post_could_not_go_out(
    services: Services, fake_slack: FakeSlack
) -> None:
    world, tick = through_slack(services)
    fake_slack.add_channel("C0PRIVATE", member=False)
    ws = await world.workspace(external_id="T0ACME")
    team = await world.team(
        ws,
        "Hidden",
        channel="C0PRIVATE",
        timezone="UTC",
        afternoon_time="16:30",
        mention_missing=True,
        reminder_enabled=False,
    )
    await world.rep(ws, "Bo Li", "UTC", team_id=team.id, nudges_enabled=False)
    half_four = NINE_UTC.replace(hour=16, minute=30)

    for minutes in range(3):
        await tick(half_four + timedelta(minutes=minutes))
    [failed] = await world.deliveries(kind="afternoon")
    assert failed.status == "failed" and failed.error == "not_in_channel"
    assert await world.count(kind="afternoon-names") == 0
    assert fake_slack.delivered() == []

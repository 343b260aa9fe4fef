"""Against a local fake Slack API: 429 + Retry-After is waited out, everything arrives once."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from bot.adapters.slack.notifier import SlackNotifier
from bot.app import make_tick
from scheduler.dispatcher import DispatchConfig
from scheduler.pacing import Pacer
from tests.conftest import make_settings
from tests.scheduler.fake_slack import FakeSlack
from tests.scheduler.world import World

WEDNESDAY_4PM_UTC = datetime(2026, 11, 18, 16, 0, tzinfo=UTC)


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    fake = FakeSlack(throttle_every=4, retry_after=1)
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


async def test_throttled_sends_wait_retry_after_and_all_arrive_once(
    world: World, fake_slack: FakeSlack, db_url: str
) -> None:
    ws = await world.workspace(leaderboard_day=3, leaderboard_time="16:00")
    reps = [await world.rep(ws, f"Rep {i}", "UTC") for i in range(10)]
    # Three teams share one channel: their boards must go out at most one per second.
    for name in ("North", "South", "East"):
        await world.team(ws, name, channel="CSALES", timezone="UTC")
    slack = SlackNotifier(make_settings(db_url, slack_api_url=fake_slack.url), token="xoxb-t")
    world.services.notifiers = {"slack": slack}
    tick = make_tick(world.services, DispatchConfig(), Pacer(per_channel=1.0, per_workspace=10.0))

    started = time.monotonic()
    report = await tick(WEDNESDAY_4PM_UTC)
    elapsed = time.monotonic() - started

    assert sorted(o.status for o in report.outcomes) == ["sent"] * 13
    channels = fake_slack.texts_by_channel()
    assert channels == {"CSALES": 3, **{f"D{r.external_id}": 1 for r in reps}}
    assert fake_slack.throttled >= 3
    assert fake_slack.early == 0  # nothing was sent while Slack had asked us to wait
    assert fake_slack.max_per_channel_rate() == 1
    assert elapsed >= fake_slack.throttled * fake_slack.retry_after * 0.9
    assert await world.count(status="sent") == 13
    again = await tick(WEDNESDAY_4PM_UTC)
    assert again.outcomes == [] and len(fake_slack.posted) == 13

"""Against the strict fake Slack: 429 + Retry-After is waited out, sends are paced, all once.

Time here is virtual: the pacer sleeps on a VirtualTime that the fake Slack also reads, so
"one message per second per channel" and "nothing while Slack said wait" are checked
exactly, however loaded the machine is, and the test takes no real seconds to wait.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from bot.adapters.slack.notifier import SlackNotifier
from bot.app import make_tick
from scheduler.dispatcher import DispatchConfig
from scheduler.pacing import Pacer
from storage.models import User
from tests.conftest import make_settings
from tests.scheduler.world import World
from tests.support.clock import VirtualTime
from tests.support.slack_api import BOT_TOKEN, FakeSlack, dm_of

WEDNESDAY_4PM_UTC = datetime(2026, 11, 18, 16, 0, tzinfo=UTC)


@pytest.fixture
def time() -> VirtualTime:
    return VirtualTime()


@pytest.fixture
async def fake_slack(time: VirtualTime) -> AsyncIterator[FakeSlack]:
    async with FakeSlack(clock=time) as fake:
        fake.add_channel("CSALES")
        yield fake


async def sales_floor(world: World, fake: FakeSlack) -> list[User]:
    """Ten reps due a nudge, and three teams whose boards share the channel CSALES."""
    ws = await world.workspace(leaderboard_day=3, leaderboard_time="16:00")
    reps = [await world.rep(ws, f"Rep {i}", "UTC") for i in range(10)]
    for rep in reps:
        fake.add_user(rep.external_id, rep.name)
    for name in ("North", "South", "East"):
        await world.team(ws, name, channel="CSALES", timezone="UTC")
    return reps


def slack_notifier(world: World, fake: FakeSlack, db_url: str) -> None:
    settings = make_settings(db_url, slack_api_url=fake.api_url)
    world.services.notifiers = {"slack": SlackNotifier(settings, token=BOT_TOKEN)}


async def test_throttled_sends_wait_retry_after_and_all_arrive_once(
    world: World, fake_slack: FakeSlack, time: VirtualTime, db_url: str
) -> None:
    reps = await sales_floor(world, fake_slack)
    slack_notifier(world, fake_slack, db_url)
    fake_slack.throttle("chat.postMessage", retry_after=3, every=4)
    pacer = Pacer(per_channel=1.0, per_workspace=10.0, clock=time, sleep=time.sleep)
    # One send on the wire at a time: any message that arrives while Slack said "wait"
    # was sent after the dispatcher heard the 429, so none may arrive early.
    tick = make_tick(world.services, DispatchConfig(concurrency=1), pacer)

    started = time()
    report = await tick(WEDNESDAY_4PM_UTC)

    assert sorted(o.status for o in report.outcomes) == ["sent"] * 13
    assert fake_slack.by_channel() == {"CSALES": 3, **{dm_of(r.external_id): 1 for r in reps}}
    assert fake_slack.throttled == 4  # every 4th of the 17 calls it took
    assert fake_slack.early == 0  # nothing was sent while Slack had asked us to wait
    assert fake_slack.max_per_channel(window=1.0) == 1
    assert time() - started >= fake_slack.throttled * 3  # each Retry-After was waited out
    assert await world.count(status="sent") == 13
    again = await tick(WEDNESDAY_4PM_UTC)
    assert again.outcomes == [] and len(fake_slack.delivered()) == 13


async def test_parallel_sends_still_reach_one_channel_a_second_apart(
    world: World, fake_slack: FakeSlack, time: VirtualTime, db_url: str
) -> None:
    reps = await sales_floor(world, fake_slack)
    slack_notifier(world, fake_slack, db_url)
    pacer = Pacer(per_channel=1.0, per_workspace=10.0, clock=time, sleep=time.sleep)
    tick = make_tick(world.services, DispatchConfig(concurrency=32), pacer)

    report = await tick(WEDNESDAY_4PM_UTC)

    assert sorted(o.status for o in report.outcomes) == ["sent"] * 13
    assert fake_slack.by_channel() == {"CSALES": 3, **{dm_of(r.external_id): 1 for r in reps}}
    boards = [call.at for call in fake_slack.delivered() if call.channel == "CSALES"]
    gaps = [later - earlier for earlier, later in itertools.pairwise(boards)]
    assert len(gaps) == 2 and min(gaps) >= 1.0
    assert fake_slack.max_per_channel(window=1.0) == 1

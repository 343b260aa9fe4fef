"""The heartbeat: `serve` starts a coalesced one-at-a-time minute tick that really sends."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from apscheduler.triggers.interval import IntervalTrigger

from bot import notifiers
from bot.app import make_tick
from scheduler.notify import Outbound, SendResult
from scheduler.runner import TICK_ID, start_in_process
from tests.scheduler.world import Recorder, World
from tests.support.clock import FakeClock


class Announcing:
    """Passes each message on to the recorder, then says that one arrived."""

    platform = "slack"

    def __init__(self, recorder: Recorder, arrived: asyncio.Event) -> None:
        self.recorder = recorder
        self.arrived = arrived

    async def send(self, message: Outbound) -> SendResult:
        result = await self.recorder.send(message)
        self.arrived.set()
        return result


async def test_the_in_process_scheduler_ticks_every_minute_and_sends(
    world: World, clock: FakeClock
) -> None:
    ws = await world.workspace()
    ana = await world.rep(ws, "Ana", "UTC")
    clock.now = datetime(2026, 11, 18, 16, 0, tzinfo=UTC)

    notifiers.install(world.services)
    arrived = asyncio.Event()
    world.services.notifiers["slack"] = Announcing(world.slack, arrived)
    handle = start_in_process(make_tick(world.services))
    try:
        job = handle.scheduler.get_job(TICK_ID)
        assert isinstance(job.trigger, IntervalTrigger)
        assert job.trigger.interval.total_seconds() == 60
        assert (job.coalesce, job.max_instances, job.misfire_grace_time) == (True, 1, 30)
        # The first run comes about a second after start; the bound only stops a hung test.
        async with asyncio.timeout(120):
            await arrived.wait()
    finally:
        handle.shutdown()

    assert [m.user for m in world.slack.sent] == [ana.external_id]
    assert "console" in world.services.notifiers


async def test_one_users_broken_zone_does_not_stop_the_others(world: World) -> None:
    ws = await world.workspace()
    await world.rep(ws, "Lost", "Mars/Olympus_Mons")
    ok = await world.rep(ws, "Found", "UTC")

    await world.tick(datetime(2026, 11, 18, 16, 0, tzinfo=UTC))

    assert [m.user for m in world.slack.sent] == [ok.external_id]

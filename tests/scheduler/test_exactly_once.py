"""Replicas and crashes: the database, not the process, makes every nudge go out once."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import UTC, datetime, timedelta

from bot.app import build_services, make_tick
from bot.services import Services
from scheduler.dispatcher import DispatchConfig
from scheduler.outbox import IN_DOUBT
from storage.models import User
from tests.conftest import make_settings
from tests.scheduler.world import Recorder, World, fast_pacer

FOUR_PM_UTC = datetime(2026, 11, 18, 16, 0, tzinfo=UTC)
# All UTC+0 in November, so everyone's 16:00 is the same instant.
ZONES = ("UTC", "Europe/London", "Atlantic/Reykjavik", "Africa/Dakar")


async def seed_reps(world: World, n: int) -> None:
    ws = await world.workspace()
    async with world.services.sessions() as session, session.begin():
        session.add_all(
            User(workspace_id=ws.id, external_id=f"R{i}", name=f"Rep {i}", tz=ZONES[i % 4])
            for i in range(n)
        )


async def test_two_schedulers_ticking_together_deliver_each_nudge_once(
    world: World, db_url: str
) -> None:
    await seed_reps(world, 1000)
    other: Services = build_services(
        make_settings(db_url), clock=world.services.clock, auto_migrate=False
    )
    a, b = Recorder(), Recorder()
    world.services.notifiers = {"slack": a}
    other.notifiers = {"slack": b}
    tick_a = make_tick(world.services, DispatchConfig(), fast_pacer())
    tick_b = make_tick(other, DispatchConfig(), fast_pacer())
    try:
        # Two replicas, same minute, twice over (a retry of the tick changes nothing).
        for _ in range(2):
            await asyncio.gather(tick_a(FOUR_PM_UTC), tick_b(FOUR_PM_UTC))
    finally:
        await other.engine.dispose()

    assert await world.count() == 1000
    assert await world.count(status="sent") == 1000
    keys = a.keys + b.keys
    assert len(keys) == 1000 and len(set(keys)) == 1000
    assert a.keys and b.keys  # both replicas did a share of the work


async def test_a_dispatcher_killed_mid_send_loses_only_the_message_in_flight(
    world: World,
) -> None:
    await seed_reps(world, 20)
    world.slack.hang_on = 7
    one_at_a_time = DispatchConfig(concurrency=1, batch=5)
    first = make_tick(world.services, one_at_a_time, fast_pacer())

    run = asyncio.create_task(first(FOUR_PM_UTC))
    await world.slack.hanging.wait()
    run.cancel()  # the process dies here: nothing below the send gets to run
    with contextlib.suppress(asyncio.CancelledError):
        await run
    in_flight = world.slack.keys[-1]

    restarted = make_tick(world.services, DispatchConfig(), fast_pacer())
    world.slack.hang_on = None
    # The restart comes after the dead dispatcher's leases ran out.
    await restarted(FOUR_PM_UTC + timedelta(minutes=11))

    keys = world.slack.keys
    assert len(keys) == len(set(keys)) == 20  # nobody twice, nobody missing
    failed = await world.deliveries(status="failed")
    assert [d.idempotency_key for d in failed] == [in_flight]
    assert failed[0].error == IN_DOUBT
    assert await world.count(status="sent") == 19

"""A real crash: a dispatcher process is killed (SIGKILL) while Slack holds a message.

Slack had the message (it was posted, its answer never came back): the restarted
dispatcher finds it in the DM's history by its outbox key and records it as sent, instead
of failing it or sending it twice."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.adapters.slack.notifier import SlackNotifier
from bot.app import make_tick
from scheduler.dispatcher import DispatchConfig
from tests.conftest import make_settings
from tests.scheduler.world import World, fast_pacer
from tests.support.slack_api import BOT_TOKEN, FakeSlack, dm_of

ROOT = Path(__file__).resolve().parents[2]


async def test_killed_dispatcher_process_then_restart_no_duplicate_no_loss(
    world: World, db_url: str
) -> None:
    at = datetime(2026, 11, 18, 16, 0, tzinfo=UTC)  # 16:00 on a Wednesday in UTC
    ws = await world.workspace()
    reps = [await world.rep(ws, f"Rep {i}", "UTC") for i in range(8)]
    fake = FakeSlack()
    for rep in reps:
        fake.add_user(rep.external_id, rep.name)
    fake.hang_on = 3
    await fake.start()
    env = {
        **os.environ,
        "QUOTABOT_DATABASE_URL": db_url,
        "SLACK_API_URL": fake.api_url,
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": "s",
        "PYTHONPATH": str(ROOT),
    }
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.scheduler.crash_child", at.isoformat(),
        cwd=ROOT, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        await asyncio.wait_for(fake.hanging.wait(), 60)
        child.send_signal(signal.SIGKILL)  # no cleanup, no finally: the process is gone
        await child.wait()

        fake.hang_on = None
        slack = SlackNotifier(make_settings(db_url, slack_api_url=fake.api_url), token=BOT_TOKEN)
        world.services.notifiers = {"slack": slack}
        restarted = make_tick(world.services, DispatchConfig(), fast_pacer())
        report = await restarted(at + timedelta(minutes=11))  # after the dead one's leases
    finally:
        if child.returncode is None:
            child.kill()
        await fake.stop()

    channels = [call.channel for call in fake.delivered()]
    assert sorted(channels) == sorted(dm_of(r.external_id) for r in reps)  # once each
    assert await world.deliveries(status="failed") == []
    assert await world.count(status="sent") == 8  # the one in doubt was found: sent
    assert sum(o.status == "sent" for o in report.outcomes) == 5  # the 5 never tried

"""Teams' throttling and the scheduler's outcomes show on the app's /metrics."""

from __future__ import annotations

import bot.adapters.teams as teams_adapter
from bot.adapters.teams.connector import Connector
from bot.app import make_tick
from bot.metrics import using
from bot.timed_tick import TimedTick
from scheduler.dispatcher import DispatchConfig
from tests.bot.adapters.teams.conftest import (
    StubTokenProvider,
    connector,
    signing_key,
    teams,
    teams_services,
    token_provider,
)
from tests.bot.adapters.teams.fake_connector import Answer
from tests.bot.adapters.teams.harness import TeamsTenant
from tests.bot.adapters.teams.test_scheduled import FOUR_PM_UTC
from tests.bot.scrape import scrape, value
from tests.scheduler.world import fast_pacer

__all__ = ["connector", "signing_key", "teams", "teams_services", "token_provider"]


async def test_teams_429_nudge_outcomes_and_tick_duration(teams: TeamsTenant) -> None:
    await teams.post(teams.activity("install_team"))
    await teams.post(teams.activity("install_personal"))
    teams.connector.script = [Answer(429, headers={"Retry-After": "1"})]
    notifier = teams_adapter.notifier(teams.services, Connector(StubTokenProvider()))
    assert notifier is not None
    teams.services.notifiers = {"teams": notifier}
    metrics = teams.app.state.metrics
    tick = TimedTick(make_tick(teams.services, DispatchConfig(), fast_pacer()), metrics)

    with using(metrics):
        await tick(FOUR_PM_UTC)
        await tick(FOUR_PM_UTC)
    figures = await scrape(teams.http)

    assert value(figures, "quotabot_platform_rate_limited_total", platform="teams") == 1
    errors = "quotabot_platform_api_errors_total"
    assert value(figures, errors, platform="teams", error="HTTP 429") == 1
    assert value(figures, "quotabot_scheduler_tick_duration_seconds_count") == 2
    assert value(figures, "quotabot_scheduler_deliveries_total", kind="nudge", status="sent") == 1
    assert value(figures, "quotabot_outbox_deliveries", kind="nudge", status="sent") == 1
    # A throttle waited out does not use up an attempt (scheduler/outbox.py): not "retried".
    assert value(figures, "quotabot_outbox_retried", kind="nudge") == 0

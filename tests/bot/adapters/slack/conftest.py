"""Fixtures: a fake Slack Web API and the real QuotaBot ASGI app configured to call it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest

from bot.app import build_services
from bot.config import Settings
from bot.server import create_app
from tests.bot.adapters.slack.harness import SECRET, SlackWorkspace
from tests.bot.adapters.slack.history import SlackWithHistory
from tests.conftest import make_settings
from tests.support.clock import FakeClock
from tests.support.slack_api import BOT_TOKEN, FakeSlack


@asynccontextmanager
async def running(
    settings: Settings, clock: FakeClock, fake_slack: FakeSlack
) -> AsyncIterator[SlackWorkspace]:
    """The real ASGI app with these settings, torn down after its background work settles."""
    services = build_services(settings, clock=clock, auto_migrate=False)
    workspace = SlackWorkspace(create_app(services), services, fake_slack)
    workspace.app.state.slack.flows.home_delay = 0.0
    try:
        yield workspace
        await workspace.settle()
    finally:
        await workspace.close()
        await services.engine.dispose()


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    # With history: a reply in doubt after a crash is looked up there (bot/replies.py).
    async with SlackWithHistory() as fake:
        yield fake
    # Every test here would fail against the real Slack if the app called it wrongly.
    assert fake.misused() == []


@pytest.fixture
async def slack(
    db_url: str, clock: FakeClock, fake_slack: FakeSlack
) -> AsyncIterator[SlackWorkspace]:
    settings = make_settings(
        db_url,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SECRET,
        slack_api_url=fake_slack.api_url,
    )
    async with running(settings, clock, fake_slack) as workspace:
        yield workspace

"""What `quotabot serve` says and mounts for each Slack configuration."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi import FastAPI

from bot.adapters import slack as slack_adapter
from bot.app import build_services
from bot.services import Services
from tests.conftest import make_settings
from tests.support.clock import FakeClock


@pytest.fixture
def configure(db_url: str, clock: FakeClock) -> Callable[..., Services]:
    def build(**slack: object) -> Services:
        return build_services(make_settings(db_url, **slack), clock=clock, auto_migrate=False)

    return build


def paths(app: FastAPI) -> set[str]:
    return {getattr(route, "path", "") for route in app.routes}


async def test_without_credentials_slack_is_simply_not_served(
    configure: Callable[..., Services],
) -> None:
    app = FastAPI()
    status = slack_adapter.mount(app, configure())
    assert status == "Slack: not configured (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET)"
    assert "/slack/events" not in paths(app)
    assert slack_adapter.notifier(configure()) is None


async def test_a_missing_half_is_named(configure: Callable[..., Services]) -> None:
    status = slack_adapter.mount(FastAPI(), configure(slack_bot_token="xoxb-1"))
    assert status == "Slack: not served (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET)"
    oauth = configure(slack_client_id="1.2", slack_client_secret="s", slack_signing_secret="x")
    assert "QUOTABOT_SECRET_KEY" in slack_adapter.mount(FastAPI(), oauth)


async def test_single_workspace_http(configure: Callable[..., Services]) -> None:
    app = FastAPI()
    status = slack_adapter.mount(app, configure(slack_bot_token="xoxb-1", slack_signing_secret="s"))
    assert status == "Slack: HTTP at /slack/events (single workspace)"
    assert "/slack/events" in paths(app)
    assert "/slack/install" not in paths(app)


async def test_oauth_mounts_install_and_redirect(configure: Callable[..., Services]) -> None:
    app = FastAPI()
    services = configure(
        slack_client_id="1.2",
        slack_client_secret="s",
        slack_signing_secret="x",
        secret_key="sixteen-or-more-characters",
    )
    status = slack_adapter.mount(app, services)
    assert (
        status == "Slack: HTTP at /slack/events, install at /slack/install (multi-workspace OAuth)"
    )
    assert {"/slack/events", "/slack/install", "/slack/oauth_redirect"} <= paths(app)


async def test_socket_mode_connects_on_startup_instead_of_mounting_a_route(
    configure: Callable[..., Services],
) -> None:
    # Only construction is tested: opening the socket needs Slack's servers.
    app = FastAPI()
    before = app.router.lifespan_context
    status = slack_adapter.mount(app, configure(slack_bot_token="xoxb-1", slack_app_token="xapp-1"))
    assert status == "Slack: Socket Mode (single workspace)"
    assert "/slack/events" not in paths(app)
    assert app.router.lifespan_context is not before

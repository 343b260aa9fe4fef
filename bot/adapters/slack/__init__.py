"""Slack adapter: Bolt AsyncApp on the shared ASGI app (or Socket Mode), and a notifier."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import FastAPI, Request, Response
from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler

from bot.adapters.slack import socket_mode
from bot.adapters.slack.bolt_app import Built, build, configured, missing
from bot.adapters.slack.flows import Flows
from bot.adapters.slack.installations import SqlInstallationStore
from bot.adapters.slack.notifier import SlackNotifier
from bot.adapters.slack.secrets import TokenBox
from bot.services import Services
from scheduler.notify import Notifier

EVENTS_PATH = "/slack/events"
INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"


@dataclass
class SlackAdapter:
    """What mount() leaves on app.state.slack: tests await `flows.background.drain()`."""

    flows: Flows
    built: Built


def mount(app: FastAPI, services: Services) -> str:
    settings = services.settings
    if not configured(settings):
        return "Slack: not configured (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET)"
    problem = missing(settings)
    if problem:
        return f"Slack: not served ({problem})"
    flows = Flows(services)
    built = build(flows)
    app.state.slack = SlackAdapter(flows=flows, built=built)
    scope = "multi-workspace OAuth" if built.mode == "oauth" else "single workspace"
    if settings.slack_app_token is not None:
        token = settings.slack_app_token.get_secret_value()
        socket_mode.connect_on_startup(app, built.bolt, token)
        return f"Slack: Socket Mode ({scope})"

    handler = AsyncSlackRequestHandler(built.bolt)

    async def slack(request: Request) -> Response:
        return await handler.handle(request)

    app.add_api_route(EVENTS_PATH, slack, methods=["POST"], include_in_schema=False)
    if built.mode == "oauth":
        app.add_api_route(INSTALL_PATH, slack, methods=["GET"], include_in_schema=False)
        app.add_api_route(REDIRECT_PATH, slack, methods=["GET"], include_in_schema=False)
        return f"Slack: HTTP at {EVENTS_PATH}, install at {INSTALL_PATH} ({scope})"
    return f"Slack: HTTP at {EVENTS_PATH} ({scope})"


def notifier(services: Services) -> Notifier | None:
    """The scheduler's way to reach Slack users and channels, or None when Slack is off."""
    settings = services.settings
    if not configured(settings) or missing(settings):
        return None
    if settings.slack_client_id and settings.secret_key is not None:
        box = TokenBox(settings.secret_key.get_secret_value())
        store = SqlInstallationStore(services.sessions, settings.slack_client_id, box)
        return SlackNotifier(settings, store=store)
    assert settings.slack_bot_token is not None
    return SlackNotifier(settings, token=settings.slack_bot_token.get_secret_value())

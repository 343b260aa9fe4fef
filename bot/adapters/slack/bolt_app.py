"""Build the Bolt AsyncApp for the configured mode: single workspace, OAuth, or Socket Mode."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Literal

from slack_bolt import BoltResponse
from slack_bolt.async_app import AsyncApp, AsyncBoltContext
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings

from bot.adapters.slack.authorize import StoredBotAuthorize
from bot.adapters.slack.client import base_url, web_client
from bot.adapters.slack.flows import Flows
from bot.adapters.slack.installations import SqlInstallationStore
from bot.adapters.slack.listeners import register
from bot.adapters.slack.oauth_state import SqlOAuthStateStore
from bot.adapters.slack.secrets import TokenBox
from bot.adapters.slack.work import Malformed
from bot.config import Settings
from bot.inbox_job import Stopping

log = logging.getLogger(__name__)
Mode = Literal["single", "oauth"]

# The scopes the app uses, and no more (manifest.yml lists the same).
BOT_SCOPES = (
    "app_mentions:read",
    "chat:write",
    "commands",
    "im:history",
    "im:write",
    "users:read",
    "users:read.email",
    # A team that follows a channel or user group (bot/adapters/slack/directory.py).
    "channels:read",
    "groups:read",
    "usergroups:read",
    # Charts uploaded as files when no public URL serves them, CSV exports (uploads.py).
    "files:write",
    # A CSV an admin sends the bot to import: files.info and its download (files.py).
    "files:read",
)


@dataclass(frozen=True)
class Built:
    bolt: AsyncApp
    mode: Mode
    store: SqlInstallationStore | None = None


def missing(settings: Settings) -> str | None:
    """Why Slack cannot be served with these settings, or None when it can."""
    socket = settings.slack_app_token is not None
    if settings.slack_client_id or settings.slack_client_secret:
        if not (settings.slack_client_id and settings.slack_client_secret):
            return "set both SLACK_CLIENT_ID and SLACK_CLIENT_SECRET"
        if settings.secret_key is None:
            return "set QUOTABOT_SECRET_KEY to encrypt stored Slack tokens"
        if not settings.slack_signing_secret and not socket:
            return "set SLACK_SIGNING_SECRET"
        return None
    if settings.slack_bot_token and (settings.slack_signing_secret or socket):
        return None
    if socket:
        return "set SLACK_BOT_TOKEN"
    return "set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET"


def configured(settings: Settings) -> bool:
    return any(
        (
            settings.slack_bot_token,
            settings.slack_signing_secret,
            settings.slack_client_id,
            settings.slack_client_secret,
            settings.slack_app_token,
        )
    )


def build(flows: Flows) -> Built:
    settings = flows.services.settings
    secret = (
        settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    )
    logger = logging.getLogger("bot.adapters.slack.bolt")
    if settings.slack_client_id and settings.slack_client_secret:
        assert settings.secret_key is not None
        box = TokenBox(settings.secret_key.get_secret_value())
        store = SqlInstallationStore(flows.services.sessions, settings.slack_client_id, box)
        scopes = settings.slack_scopes.split(",") if settings.slack_scopes else list(BOT_SCOPES)
        oauth = AsyncOAuthSettings(
            client_id=settings.slack_client_id,
            client_secret=settings.slack_client_secret.get_secret_value(),
            scopes=[s.strip() for s in scopes if s.strip()],
            installation_store=store,
            state_store=SqlOAuthStateStore(flows.services.sessions),
            authorization_url=_authorize_url(settings),
            logger=logger,
        )
        bolt = AsyncApp(
            name="quotabot",
            logger=logger,
            signing_secret=secret,
            client=web_client(settings),
            oauth_settings=oauth,
            installation_store=store,
            # Bolt accepts an AsyncAuthorize instance; its annotation names only callables.
            authorize=StoredBotAuthorize(store),  # type: ignore[arg-type]
            process_before_response=True,
        )
        bolt.enable_token_revocation_listeners()
        mode: Mode = "oauth"
        installations: SqlInstallationStore | None = store
    else:
        assert settings.slack_bot_token is not None
        token = settings.slack_bot_token.get_secret_value()
        bolt = AsyncApp(
            name="quotabot",
            logger=logger,
            signing_secret=secret,
            client=web_client(settings, token),
            process_before_response=True,
        )
        _ignore(bolt, "tokens_revoked", "app_uninstalled")
        bolt.middleware(_own_team_only)
        mode = "single"
        installations = None
    # process_before_response=True: our listeners only ack and spawn, so Bolt answers as soon
    # as they return. Bolt's default (False) runs the listener as a task and polls for the
    # ack every 10 ms, which adds up to 10 ms to every response for nothing.
    register(bolt, flows)
    bolt.error(_refusal)
    return Built(bolt=bolt, mode=mode, store=installations)


def _authorize_url(settings: Settings) -> str:
    # GovSlack and test servers serve the authorize page next to their Web API.
    api = base_url(settings)
    if api.startswith("https://slack.com/"):
        return "https://slack.com/oauth/v2/authorize"
    return api.removesuffix("api/") + "oauth/v2/authorize"


async def _own_team_only(
    context: AsyncBoltContext, next: Callable[[], Awaitable[BoltResponse]]
) -> BoltResponse | None:
    """Single-workspace mode answers only the team its token belongs to (auth.test says
    which): a request Slack signed for this app in another workspace is acked and dropped."""
    ours = context.authorize_result.team_id if context.authorize_result else None
    if ours and context.team_id and context.team_id != ours:
        log.warning(
            "Slack: ignoring a request from workspace %s (serving %s)", context.team_id, ours
        )
        return BoltResponse(status=200, body="")
    return await next()


async def _refusal(error: Exception) -> BoltResponse | None:
    """A signed body missing what its type carries is the sender's fault (400, no retry); a
    process shutting down answers 503, so Slack retries the event on another replica."""
    if isinstance(error, Malformed):
        return BoltResponse(status=400, body="malformed request")
    if isinstance(error, Stopping):
        return BoltResponse(status=503, body="shutting down")
    return None


def _ignore(bolt: AsyncApp, *events: str) -> None:
    async def ack_only(context: AsyncBoltContext) -> None:
        return None

    for name in events:
        bolt.event(name)(ack_only)

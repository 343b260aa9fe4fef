"""Teams adapter: /api/messages on the shared FastAPI app, Adaptive Cards, proactive sends.

Why our own route and not the Teams SDK's `App`: `App` wants to own the HTTP server and the
turn (its FastAPIAdapter replaces the app's lifespan, it keeps its own state, OAuth and
routing, and its JWT check derives the key URL from a fixed cloud table and fetches keys
synchronously on the event loop). QuotaBot already has one ASGI app and one router, so we
use the SDK's pieces instead: `ActivityTypeAdapter` and the activity models to read requests,
`TokenValidator` to check the Bot Framework JWT, the card models to build Adaptive Cards, and
`ApiClient` (with the SDK's client-credentials token provider) to send to the serviceUrl.
"""

from __future__ import annotations

import logging
import os

from fastapi import FastAPI

from bot import lifespan
from bot.adapters.teams.auth import BOT_FRAMEWORK_OPENID, InboundAuth
from bot.adapters.teams.connector import Connector, default_token_provider
from bot.adapters.teams.endpoint import TeamsEndpoint
from bot.adapters.teams.notifier import TeamsNotifier
from bot.services import Services
from scheduler.notify import Notifier

log = logging.getLogger(__name__)

PATH = "/api/messages"
# Development only: serve Teams without credentials or token checks (Agents Playground).
DEV_NO_AUTH_ENV = "QUOTABOT_TEAMS_DEV_NO_AUTH"
# Where Bot Framework's OpenID metadata lives; sovereign clouds and tests point elsewhere.
OPENID_URL_ENV = "QUOTABOT_TEAMS_OPENID_URL"


async def _nothing() -> None:
    return None


def dev_no_auth() -> bool:
    return os.environ.get(DEV_NO_AUTH_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def mount(
    app: FastAPI,
    services: Services,
    *,
    auth: InboundAuth | None = None,
    connector: Connector | None = None,
) -> str:
    """Serve POST /api/messages when credentials (or the dev flag) are set; say so in one line."""
    settings = services.settings
    app_id = settings.teams_client_id
    if app_id:
        auth = auth or InboundAuth(
            app_id, openid_url=os.environ.get(OPENID_URL_ENV) or BOT_FRAMEWORK_OPENID
        )
        status = f"Teams: serving {PATH} for app {app_id} (Bot Framework tokens required)"
        if not settings.teams_client_secret:
            status += "; CLIENT_SECRET missing, replies cannot be sent"
    elif dev_no_auth():
        auth = None
        log.warning(
            "!!! %s is set: Teams requests on %s are accepted WITHOUT authentication. "
            "Use this only with the Microsoft 365 Agents Playground on your own machine. !!!",
            DEV_NO_AUTH_ENV,
            PATH,
        )
        status = f"Teams: serving {PATH} WITHOUT authentication ({DEV_NO_AUTH_ENV}=1, dev only)"
    else:
        return "Teams: not served (set CLIENT_ID, CLIENT_SECRET and TENANT_ID)"
    connector = connector or Connector(default_token_provider(settings))
    lifespan.around(app, _nothing, connector.aclose)  # close the HTTP pool on shutdown
    endpoint = TeamsEndpoint(services, connector, auth)
    app.state.teams = endpoint
    app.add_api_route(PATH, endpoint, methods=["POST"], include_in_schema=False)
    return status


def notifier(services: Services, connector: Connector | None = None) -> Notifier | None:
    """Proactive sends need a bot token, so only with CLIENT_ID and CLIENT_SECRET (or dev mode)."""
    settings = services.settings
    configured = bool(settings.teams_client_id and settings.teams_client_secret)
    if not (configured or connector is not None or dev_no_auth()):
        return None
    connector = connector or Connector(default_token_provider(settings))
    return TeamsNotifier(services.sessions, connector)

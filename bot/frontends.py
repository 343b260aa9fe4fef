"""What `serve` serves, one line per front end: its mode, or exactly which variable is missing."""

from __future__ import annotations

import os
from dataclasses import dataclass

from bot.config import Settings

SLACK_EVENTS = "/slack/events"
TEAMS_PATH = "/api/messages"
# Mirrors bot.adapters.teams.DEV_NO_AUTH_ENV (importing the adapter here would load its SDK).
TEAMS_DEV_NO_AUTH = "QUOTABOT_TEAMS_DEV_NO_AUTH"


@dataclass(frozen=True)
class Frontend:
    name: str
    configured: bool  # some of its variables are set: the operator means to serve it
    missing: tuple[str, ...]
    detail: str
    # Served, but part of it cannot work (Teams without CLIENT_SECRET cannot reply).
    degraded: str = ""

    @property
    def served(self) -> bool:
        return self.configured and not self.missing

    def line(self) -> str:
        if not self.configured:
            return f"{self.name}: off ({self.detail})"
        if self.missing:
            return f"{self.name}: NOT served, missing {', '.join(self.missing)} ({self.detail})"
        if self.degraded:
            return f"{self.name}: serving {self.detail}; {self.degraded}"
        return f"{self.name}: serving {self.detail}"


def slack(settings: Settings) -> Frontend:
    oauth = bool(settings.slack_client_id or settings.slack_client_secret)
    socket = settings.slack_app_token is not None
    configured = oauth or socket or bool(settings.slack_bot_token or settings.slack_signing_secret)
    needed = {
        "SLACK_CLIENT_ID": not oauth or settings.slack_client_id,
        "SLACK_CLIENT_SECRET": not oauth or settings.slack_client_secret,
        "QUOTABOT_SECRET_KEY": not oauth or settings.secret_key,
        # One workspace posts with its bot token; OAuth installs store one per workspace.
        "SLACK_BOT_TOKEN": oauth or settings.slack_bot_token,
        # Socket Mode events arrive over the app-token WebSocket, unsigned by HTTP.
        "SLACK_SIGNING_SECRET": socket or settings.slack_signing_secret,
    }
    missing = tuple(name for name, present in needed.items() if not present)
    scope = "multi-workspace OAuth" if oauth else "one workspace"
    if socket:
        name, detail = "Slack Socket Mode", f"over a WebSocket opened with SLACK_APP_TOKEN, {scope}"
    elif configured:
        name, detail = "Slack HTTP", f"Events API at {SLACK_EVENTS}, {scope}"
    else:
        name = "Slack"
        detail = (
            "HTTP needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET; "
            "Socket Mode needs SLACK_BOT_TOKEN and SLACK_APP_TOKEN"
        )
    return Frontend(name, configured, missing, detail)


def teams(settings: Settings) -> Frontend:
    dev = os.environ.get(TEAMS_DEV_NO_AUTH, "").strip().lower() in {"1", "true", "yes", "on"}
    if settings.teams_client_id:
        detail = f"Bot Framework at {TEAMS_PATH} for app {settings.teams_client_id}"
        if settings.teams_client_secret:
            return Frontend("Teams", True, (), detail)
        return Frontend("Teams", True, (), detail, "missing CLIENT_SECRET: replies cannot be sent")
    if dev:
        detail = f"{TEAMS_PATH} WITHOUT authentication ({TEAMS_DEV_NO_AUTH}=1, dev only)"
        return Frontend("Teams", True, (), detail)
    configured = bool(settings.teams_client_secret or settings.teams_tenant_id)
    detail = f"Bot Framework at {TEAMS_PATH} needs CLIENT_ID, CLIENT_SECRET and TENANT_ID"
    return Frontend("Teams", configured, ("CLIENT_ID",) if configured else (), detail)


def describe(settings: Settings) -> list[Frontend]:
    return [slack(settings), teams(settings)]

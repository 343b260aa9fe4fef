"""Connect the mounted Teams endpoint to the inbox: its processor and its reply transport."""

from __future__ import annotations

from fastapi import FastAPI

from bot.adapters.teams.endpoint import TeamsEndpoint
from bot.http_guard import Check
from bot.inbox_worker import InboxWorker
from bot.services import Services


def attach(app: FastAPI, services: Services, inbox: InboxWorker) -> dict[str, Check]:
    """Teams needs no extra HTTP check: its token is checked before the body is parsed."""
    endpoint: TeamsEndpoint | None = getattr(app.state, "teams", None)
    if endpoint is not None:
        endpoint.attach(inbox)
    return {}

"""A Teams tenant talking to the real ASGI app: post recorded activities, read what came back."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import select

from bot.services import Services
from storage.models import ConversationReference
from tests.bot.adapters.teams.fake_connector import FakeConnector
from tests.bot.adapters.teams.tokens import SigningKey

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "teams"


def activity(name: str, service_url: str, **changes: Any) -> dict[str, Any]:
    """A recorded payload from tests/fixtures/teams with our fake serviceUrl (and any changes)."""
    data: dict[str, Any] = json.loads((FIXTURES / f"{name}.json").read_text())
    data["serviceUrl"] = service_url
    data.update(copy.deepcopy(changes))
    return data


class TeamsTenant:
    def __init__(
        self, app: FastAPI, services: Services, connector: FakeConnector, key: SigningKey
    ) -> None:
        self.app = app
        self.services = services
        self.connector = connector
        self.key = key
        self.http = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://quotabot.test"
        )

    def activity(self, name: str, **changes: Any) -> dict[str, Any]:
        return activity(name, self.connector.url, **changes)

    async def post(self, body: dict[str, Any], token: str | None = "valid") -> httpx.Response:
        """POST /api/messages; token "valid" mints a good one, None sends no header."""
        headers = {}
        if token == "valid":
            token = self.key.token(body.get("serviceUrl", ""))
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        return await self.http.post("/api/messages", json=body, headers=headers)

    async def refs(self) -> list[ConversationReference]:
        async with self.services.sessions() as session:
            rows = await session.scalars(
                select(ConversationReference).order_by(ConversationReference.id)
            )
            return list(rows)

    async def close(self) -> None:
        await self.http.aclose()

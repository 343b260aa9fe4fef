"""A local stand-in for the Bot Framework connector (serviceUrl) and its OpenID key endpoint."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


@dataclass
class Call:
    method: str
    path: str
    headers: dict[str, str]
    body: Any
    # What the fake answered: 201 means Teams accepted (and showed) the message.
    status: int = 200


@dataclass
class Answer:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


class FakeConnector:
    """Serves /v3/conversations..., /openid and /keys on 127.0.0.1; records every call."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.jwks: dict[str, Any] = {"keys": []}
        # Answers to give, in order, to the next activity posts (then 200 with an id).
        self.script: list[Answer] = []
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/teams/"

    @property
    def openid_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1/.well-known/openidconfiguration"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/v1/.well-known/openidconfiguration", self._openid)
        app.router.add_get("/v1/.well-known/keys", self._keys)
        app.router.add_post("/teams/v3/conversations", self._create_conversation)
        app.router.add_post("/teams/v3/conversations/{conversation}/activities", self._activity)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def activities(self, conversation: str | None = None) -> list[Call]:
        """Messages the bot posted, optionally to one conversation."""
        wanted = f"/teams/v3/conversations/{conversation}/activities"
        return [
            c
            for c in self.calls
            if c.path.endswith("/activities") and (conversation is None or c.path == wanted)
        ]

    def delivered(self, conversation: str | None = None) -> list[Call]:
        """Messages Teams accepted (not the ones it throttled or refused)."""
        return [c for c in self.activities(conversation) if c.status == 201]

    def cards(self, conversation: str | None = None) -> list[dict[str, Any]]:
        return [
            a["content"]
            for c in self.activities(conversation)
            for a in c.body.get("attachments", ())
            if a["contentType"] == "application/vnd.microsoft.card.adaptive"
        ]

    async def _openid(self, request: web.Request) -> web.Response:
        base = f"http://127.0.0.1:{self.port}"
        return web.json_response(
            {
                "issuer": "https://api.botframework.com",
                "authorization_endpoint": "https://invalid.botframework.com",
                "jwks_uri": f"{base}/v1/.well-known/keys",
                "id_token_signing_alg_values_supported": ["RS256"],
                "token_endpoint_auth_methods_supported": ["private_key_jwt"],
            }
        )

    async def _keys(self, request: web.Request) -> web.Response:
        return web.json_response(self.jwks)

    async def _create_conversation(self, request: web.Request) -> web.Response:
        await self._record(request)
        return web.json_response({"id": f"a:private-{next(self._ids)}"}, status=201)

    async def _activity(self, request: web.Request) -> web.Response:
        call = await self._record(request)
        if self.script:
            answer = self.script.pop(0)
            call.status = answer.status
            body = answer.body or {}
            return web.json_response(body, status=answer.status, headers=answer.headers)
        call.status = 201
        return web.json_response({"id": f"1:activity-{next(self._ids)}"}, status=201)

    async def _record(self, request: web.Request) -> Call:
        body = await request.json() if request.can_read_body else None
        call = Call(request.method, request.path, dict(request.headers), body)
        self.calls.append(call)
        return call

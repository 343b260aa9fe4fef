"""A local stand-in for the Slack Web API and response_url hooks that records every call."""

from __future__ import annotations

import asyncio
import json
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "slack"


def fixture(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{name}.json").read_text())


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    token: str | None


@dataclass
class Canned:
    body: dict[str, Any]
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


def _ok(**extra: Any) -> Canned:
    return Canned({"ok": True, **extra})


def _defaults() -> dict[str, Canned]:
    return {
        "auth.test": Canned(fixture("auth_test")),
        "users.info": Canned(fixture("users_info_dana")),
        "oauth.v2.access": Canned(fixture("oauth_v2_access")),
        "chat.postMessage": _ok(channel="D0DANA", ts="1763478000.000900"),
        "chat.postEphemeral": _ok(message_ts="1763478000.000901"),
        "views.open": _ok(view={"id": "V0OPENED"}),
        "views.update": _ok(view={"id": "V0OPENED"}),
        "views.publish": _ok(view={"id": "V0HOME"}),
        "conversations.open": _ok(channel={"id": "D0DANA"}),
    }


def _decode(value: str) -> Any:
    # slack-sdk sends blocks/view as JSON strings inside form data.
    if value[:1] in "[{":
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    return value


class FakeSlack:
    """Serves /api/<method> and /hooks/<id> on 127.0.0.1 at a random port."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.hooks: list[dict[str, Any]] = []
        self.canned = _defaults()
        # One-shot answers served before the canned one (e.g. a 429 then success).
        self.queued: dict[str, list[Canned]] = {}
        # When set, every method but auth.test waits for it: a slow Slack, held by the test.
        self.hold: asyncio.Event | None = None
        self._runner: web.AppRunner | None = None
        self.url = ""

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/hooks/{hook}", self._hook)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def hook_url(self, name: str = "1") -> str:
        return f"{self.url}/hooks/{name}"

    def then(self, method: str, body: dict[str, Any], status: int = 200, **headers: str) -> None:
        self.queued.setdefault(method, []).append(Canned(body, status, headers))

    def called(self, method: str) -> list[dict[str, Any]]:
        return [call.params for call in self.calls if call.method == method]

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if self.hold is not None and method != "auth.test":
            await self.hold.wait()
        raw = await request.text()
        if request.content_type == "application/json":
            params = json.loads(raw or "{}")
        else:
            params = {k: _decode(v) for k, v in urllib.parse.parse_qsl(raw)}
        params.update({k: _decode(v) for k, v in request.query.items()})
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ") or params.get("token")
        self.calls.append(Call(method, params, token))
        queue = self.queued.get(method)
        answer = queue.pop(0) if queue else self.canned.get(method, _ok())
        return web.json_response(answer.body, status=answer.status, headers=answer.headers)

    async def _hook(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.hooks.append({"hook": request.match_info["hook"], **body})
        return web.Response(text="ok")

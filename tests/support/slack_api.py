"""A strict local Slack: the Web API and response_url hooks on 127.0.0.1, shared by all tests.

Like Slack, it refuses what a real workspace would refuse: an unknown method
(`unknown_method`), no token (`not_authed`), a token it never issued (`invalid_auth`) or one
revoked (`token_revoked`), a method the token's scopes do not cover (`missing_scope`, with
`needed` and `provided`), missing arguments (`invalid_arguments`), a channel that does not
exist (`channel_not_found`) or that the bot is not in (`not_in_channel`), an unknown person
(`user_not_found`), and Block Kit it would reject. Told to throttle a method, it answers
HTTP 429 with `Retry-After` and keeps answering 429 until that many seconds have passed on
its clock (a VirtualTime unless the test passes one in).

One directory of people and channels (slack_directory.py) serves every workspace the fake
has tokens for; files go up and come down through slack_files.py.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiohttp import web

from tests.support.clock import VirtualTime
from tests.support.loopback import LoopbackServer
from tests.support.slack_directory import SlackDirectory, dm_of  # noqa: F401  (tests import it here)
from tests.support.slack_files import Files
from tests.support.slack_methods import (
    MESSAGE_BLOCKS,
    METHODS,
    Method,
    block_problems,
    manifest_scopes,
    missing_arguments,
    view_problems,
)
from tests.support.slack_wire import (
    TEAM,
    Call,
    Grant,
    Refused,
    Throttle,
    Throttled,
    bearer,
    client_credentials,
    error_body,
    read_params,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "slack"
BOT_TOKEN = "xoxb-test-token"
CLIENT_ID = "1111.2222"
CLIENT_SECRET = "client-secret"


def fixture(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{name}.json").read_text())


class FakeSlack(SlackDirectory, LoopbackServer):
    """Serves /api/<method> and /hooks/<name> at a random port; records every call."""

    def __init__(self, clock: Callable[[], float] | None = None) -> None:
        self.clock = clock or VirtualTime()
        self.tokens: dict[str, Grant] = {BOT_TOKEN: Grant()}
        self.clients = {CLIENT_ID: CLIENT_SECRET}
        SlackDirectory.__init__(self, fixture("users_info_dana")["user"])
        self.calls: list[Call] = []
        self.hooks: list[dict[str, Any]] = []
        # Scripted answers served (once each, in order) to calls that pass every check.
        self.queued: dict[str, list[tuple[int, dict[str, Any], dict[str, str]]]] = {}
        self.throttles: dict[str, Throttle] = {}
        # Calls that came while the method was throttled: a client ignoring Retry-After.
        self.early = 0
        # When set, every method but auth.test waits for it: a slow Slack held by the test.
        self.hold: asyncio.Event | None = None
        # Accept the n-th message (1-based) and never answer it: a send cut off mid-flight.
        self.hang_on: int | None = None
        self.hanging = asyncio.Event()
        self._release = asyncio.Event()
        self._codes: set[str] = set()
        # files_upload_v2: upload URLs on this server, and the files shared from them.
        self.files = Files(lambda: self.base_url, self._channel, self._may_read_files)
        self._ts = itertools.count(1)

    # -- the workspace ---------------------------------------------------------------

    def grant(self, token: str, team: str = TEAM, scopes: tuple[str, ...] | None = None) -> None:
        self.tokens[token] = Grant(team, manifest_scopes() if scopes is None else scopes)

    def revoke(self, token: str) -> None:
        grant = self.tokens[token]
        self.tokens[token] = Grant(grant.team, grant.scopes, revoked=True)

    def throttle(self, method: str, *, retry_after: int, every: int | None = None) -> None:
        """Answer 429 (Retry-After) to the next call, or to every n-th, and block meanwhile."""
        self.throttles[method] = Throttle(retry_after, every)

    def then(self, method: str, body: dict[str, Any], status: int = 200, **headers: str) -> None:
        self.queued.setdefault(method, []).append((status, body, headers))

    # -- what happened ----------------------------------------------------------------

    def called(self, method: str) -> list[dict[str, Any]]:
        return [call.params for call in self.calls if call.method == method]

    def delivered(self) -> list[Call]:
        """Messages Slack accepted (chat.postMessage answered ok), in arrival order."""
        return [c for c in self.calls if c.method == "chat.postMessage" and c.ok]

    def misused(self) -> list[Call]:
        """Calls Slack refused because the app called it wrongly (see MISUSE)."""
        return [call for call in self.calls if call.misuse]

    @property
    def throttled(self) -> int:
        return sum(call.status == 429 for call in self.calls)

    def by_channel(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for call in self.delivered():
            counts[call.channel] += 1
        return dict(counts)

    def max_per_channel(self, window: float = 1.0) -> int:
        """Most messages any one channel received within `window` seconds of the clock."""
        times: dict[str, list[float]] = defaultdict(list)
        for call in self.delivered():
            times[call.channel].append(call.at)
        best = 0
        for stamps in times.values():
            lo = 0
            for hi in range(len(stamps)):
                while stamps[hi] - stamps[lo] >= window:
                    lo += 1
                best = max(best, hi - lo + 1)
        return best

    # -- the server --------------------------------------------------------------------

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/api/"

    def hook_url(self, name: str = "1") -> str:
        return f"{self.base_url}/hooks/{name}"

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/hooks/{hook}", self._hook)
        app.router.add_post("/upload/v1/{file_id}", self.files.receive)
        app.router.add_get("/files-pri/{file_id}/{name}", self.files.download)
        return app

    async def stop(self) -> None:
        self._release.set()  # a held request would keep the server's shutdown waiting
        await super().stop()

    async def _api(self, request: web.Request) -> web.Response:
        name = request.match_info["method"]
        if self.hold is not None and name != "auth.test":
            await self.hold.wait()
        params = await read_params(request)
        token = bearer(request) or params.pop("token", None)
        call = Call(name, params, token, self.clock())
        self.calls.append(call)
        headers: dict[str, str] = {}
        try:
            method = METHODS.get(name)
            if method is None:
                raise Refused("unknown_method", req_method=name)
            self._authorize(method, token, request, params)
            problems = missing_arguments(method, params)
            if problems:
                raise Refused("invalid_arguments", response_metadata={"messages": problems})
            self._check_rate(name, call.at)
            status, body, headers = self._scripted(name) or (200, self._answer(call), {})
        except Refused as refused:
            status, body = 200, refused.body
        except Throttled as throttled:
            status, body = 429, error_body("ratelimited")
            headers = {"Retry-After": str(throttled.retry_after)}
        call.status, call.answer = status, body
        if call.ok and name == "chat.postMessage" and len(self.delivered()) == self.hang_on:
            self.hanging.set()
            await self._release.wait()
            raise web.HTTPServiceUnavailable()
        return web.json_response(body, status=status, headers=headers)

    async def _hook(self, request: web.Request) -> web.Response:
        body = await request.json()
        if not (body.get("text") or body.get("blocks") or body.get("delete_original")):
            return web.Response(status=400, text="no_text")
        self.hooks.append({"hook": request.match_info["hook"], **body})
        return web.Response(text="ok")

    # -- the checks ----------------------------------------------------------------------

    def _authorize(
        self, method: Method, token: str | None, request: web.Request, params: dict[str, Any]
    ) -> None:
        if method.auth == "client":
            client_id, secret = client_credentials(request, params)
            if client_id not in self.clients:
                raise Refused("invalid_client_id")
            if self.clients[client_id] != secret:
                raise Refused("bad_client_secret")
            return
        if not token:
            raise Refused("not_authed")
        grant = self.tokens.get(token)
        if grant is None:
            raise Refused("invalid_auth")
        if grant.revoked:
            raise Refused("token_revoked")
        if method.scopes and not set(method.scopes) & set(grant.scopes):
            raise Refused(
                "missing_scope", needed=",".join(method.scopes), provided=",".join(grant.scopes)
            )

    def _scripted(self, name: str) -> tuple[int, dict[str, Any], dict[str, str]] | None:
        queue = self.queued.get(name)
        return queue.pop(0) if queue else None

    def _check_rate(self, name: str, at: float) -> None:
        throttle = self.throttles.get(name)
        if throttle is None:
            return
        if at < throttle.blocked_until:
            self.early += 1
            raise Throttled(throttle.blocked_until - at)
        throttle.calls += 1
        if throttle.every is None:
            due, throttle.spent = not throttle.spent, True
        else:
            due = throttle.calls % throttle.every == 0
        if due:
            throttle.blocked_until = at + throttle.retry_after
            raise Throttled(throttle.retry_after)

    def _answer(self, call: Call) -> dict[str, Any]:
        grant = self.tokens.get(call.token or "")
        answer = getattr(self, "_" + call.method.replace(".", "_"), None)
        if answer is None:
            return {"ok": True}
        result: dict[str, Any] = answer(call.params, grant)
        return result

    # -- the methods ---------------------------------------------------------------------

    def _auth_test(self, params: dict[str, Any], grant: Grant) -> dict[str, Any]:
        return {**fixture("auth_test"), "team_id": grant.team}

    def _oauth_v2_access(self, params: dict[str, Any], grant: None) -> dict[str, Any]:
        code = str(params["code"])
        if code in self._codes:
            raise Refused("invalid_code")
        self._codes.add(code)
        installed = fixture("oauth_v2_access")
        self.grant(installed["access_token"], installed["team"]["id"])
        return installed

    def _chat_postMessage(self, params: dict[str, Any], grant: Grant) -> dict[str, Any]:
        self._message(params)
        channel = self._channel(str(params["channel"]))
        if not channel.bot_is_member:
            raise Refused("not_in_channel")
        return {"ok": True, "channel": channel.id, "ts": self._next_ts()}

    def _chat_postEphemeral(self, params: dict[str, Any], grant: Grant) -> dict[str, Any]:
        self._message(params)
        self._channel(str(params["channel"]))
        if str(params["user"]) not in self.users:
            raise Refused("user_not_in_channel")
        return {"ok": True, "message_ts": self._next_ts()}

    def _files_getUploadURLExternal(self, params: dict[str, Any], grant: Grant) -> dict[str, Any]:
        return self.files.get_upload_url(params)

    def _files_info(self, params: dict[str, Any], grant: Grant) -> dict[str, Any]:
        return self.files.info(params)

    def _may_read_files(self, token: str | None) -> bool:
        grant = self.tokens.get(token or "")
        return grant is not None and not grant.revoked and "files:read" in grant.scopes

    def _files_completeUploadExternal(self, params: dict[str, Any], grant: Grant) -> dict[str, Any]:
        return self.files.complete(params)

    def _views_open(self, params: dict[str, Any], grant: Grant) -> dict[str, Any]:
        return self._view(params, "modal")

    _views_push = _views_open

    def _views_update(self, params: dict[str, Any], grant: Grant) -> dict[str, Any]:
        return self._view(params, "modal")

    def _views_publish(self, params: dict[str, Any], grant: Grant) -> dict[str, Any]:
        self._user(str(params["user_id"]))
        return self._view(params, "home")

    # -- shared by the methods ------------------------------------------------------------

    def _conversations_history(self, params: dict[str, Any], grant: Grant) -> dict[str, Any]:
        """The messages the bot posted there, newest first, each with its metadata (Slack
        returns it with include_all_metadata). `oldest` is not applied: this fake's
        timestamps are not on the app's clock."""
        channel = self._channel(str(params["channel"])).id
        messages = [
            {
                "type": "message",
                "ts": call.answer["ts"],
                "text": call.params.get("text", ""),
                "metadata": call.params.get("metadata"),
            }
            for call in self.delivered()
            if call.channel == channel
        ]
        return {"ok": True, "messages": messages[::-1], "has_more": False}

    def _message(self, params: dict[str, Any]) -> None:
        if len(str(params.get("text") or "")) > 40_000:
            raise Refused("msg_too_long")
        if params.get("blocks") is not None:
            problems = block_problems(params["blocks"], MESSAGE_BLOCKS)
            if problems:
                raise Refused("invalid_blocks", response_metadata={"messages": problems})

    def _view(self, params: dict[str, Any], kind: str) -> dict[str, Any]:
        problems = view_problems(params["view"], kind)
        if problems:
            raise Refused("invalid_arguments", response_metadata={"messages": problems})
        return {"ok": True, "view": {"id": f"V0{next(self._ts):06d}", **params["view"]}}

    def _next_ts(self) -> str:
        return f"1763478000.{next(self._ts):06d}"

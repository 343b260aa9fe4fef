"""A local stand-in for the Slack Web API: conversations.open and chat.postMessage, with 429s.

It listens on 127.0.0.1 on a random port, records every accepted message with its arrival
time, and can answer "429 Too Many Requests" with a Retry-After the way Slack does, or hold
a chosen message forever (to kill a dispatcher mid-send).
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


@dataclass
class Posted:
    channel: str
    text: str
    at: float


@dataclass
class FakeSlack:
    # Answer 429 to every n-th chat.postMessage (0 = never), asking to wait `retry_after`.
    throttle_every: int = 0
    retry_after: int = 1
    # Accept the n-th message (1-based), then never answer it.
    hang_on: int | None = None
    posted: list[Posted] = field(default_factory=list)
    throttled: int = 0
    # Messages that arrived while the workspace was told to wait (a client ignoring 429);
    # requests already on the wire within `in_flight` seconds of the 429 don't count.
    early: int = 0
    in_flight: float = 0.1
    _calls: int = 0
    _blocked_until: float = 0.0
    _throttled_at: float = 0.0
    _runner: web.AppRunner | None = None
    url: str = ""
    hanging: asyncio.Event = field(default_factory=asyncio.Event)
    _release: asyncio.Event = field(default_factory=asyncio.Event)

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/api/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}/api/"
        return self.url

    async def stop(self) -> None:
        self._release.set()  # a held request would keep the server's shutdown waiting
        if self._runner is not None:
            await self._runner.cleanup()

    async def _body(self, request: web.Request) -> dict[str, Any]:
        # slack-sdk sends some methods as JSON, others as form fields or query parameters.
        body: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            body.update(await request.json())
        else:
            body.update(await request.post())
        return body

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        body = await self._body(request)
        if method == "conversations.open":
            return web.json_response({"ok": True, "channel": {"id": f"D{body['users']}"}})
        if method != "chat.postMessage":
            return web.json_response({"ok": False, "error": "unknown_method"})
        now = time.monotonic()
        self._calls += 1
        if self.throttle_every and self._calls % self.throttle_every == 0:
            self.throttled += 1
            self._throttled_at = now
            self._blocked_until = now + self.retry_after
            return web.json_response(
                {"ok": False, "error": "ratelimited"},
                status=429,
                headers={"Retry-After": str(self.retry_after)},
            )
        if self._throttled_at + self.in_flight < now < self._blocked_until:
            self.early += 1
        self.posted.append(Posted(str(body["channel"]), str(body.get("text", "")), now))
        if self.hang_on is not None and len(self.posted) == self.hang_on:
            self.hanging.set()
            await self._release.wait()
            raise web.HTTPServiceUnavailable()
        return web.json_response({"ok": True, "channel": body["channel"], "ts": f"{now:.6f}"})

    def max_per_channel_rate(self, window: float = 0.95) -> int:
        """Most messages any one channel received within any `window` seconds.

        Slightly under a second: sends paced exactly 1 s apart can arrive a few
        milliseconds closer on a busy loopback, which is still one per second.
        """
        times: dict[str, list[float]] = defaultdict(list)
        for p in self.posted:
            times[p.channel].append(p.at)
        best = 0
        for stamps in times.values():
            stamps.sort()
            lo = 0
            for hi in range(len(stamps)):
                while stamps[hi] - stamps[lo] >= window:
                    lo += 1
                best = max(best, hi - lo + 1)
        return best

    def texts_by_channel(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for p in self.posted:
            counts[p.channel] += 1
        return dict(counts)

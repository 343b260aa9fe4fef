"""ASGI guard in front of every route: a body size cap, then each path's own cheap checks.

The cap is applied while the body streams in, before any parsing or signature work, so
a huge or endless body costs us at most MAX_BODY bytes. A path may add a check that sees
the headers and the whole (capped) body before the app does (Slack: timestamp, signature
and well-formed JSON); the body is then handed on unchanged.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Slack and Teams requests are a few KB; 1 MB is ample and still cheap to hold.
MAX_BODY = 1024 * 1024
# Nesting deeper than this is no platform payload (Slack's and Teams' stay under 15 levels);
# Python's json would recurse once per level.
MAX_DEPTH = 64

_STRINGS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_BRACKETS = re.compile(r"[\[\]{}]")

# (headers, body) -> None to let it through, or (status, text) to refuse it.
Check = Callable[[Mapping[str, str], bytes], tuple[int, str] | None]
# After the check: (headers, body) -> (status, body) when answered right here, or None to
# hand the request to the app (Slack's commands and messages skip Bolt: slack/fast_ack.py).
Shortcut = Callable[[Mapping[str, str], bytes], Awaitable[tuple[int, bytes] | None]]


def too_deep(text: str | bytes, limit: int = MAX_DEPTH) -> bool:
    """Whether a JSON text nests deeper than `limit` (scanned before json.loads would recurse)."""
    data = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    depth = 0
    for bracket in _BRACKETS.finditer(_STRINGS.sub("", data)):
        depth += 1 if bracket.group() in "[{" else -1
        if depth > limit:
            return True
    return False


def json_object(text: str | bytes) -> dict[str, Any] | None:
    """The JSON object in `text`, or None when it is not one (or nests too deep)."""
    if too_deep(text):
        return None
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


class InFlight:
    """POST requests being answered right now. Each one is an ack someone waits for (Slack:
    3 s), so the inbox worker starts its next row only when they are through."""

    def __init__(self) -> None:
        self.count = 0
        self._calm = asyncio.Event()
        self._calm.set()

    def enter(self) -> None:
        self.count += 1
        self._calm.clear()

    def leave(self) -> None:
        self.count -= 1
        if self.count == 0:
            self._calm.set()

    async def calm(self, most: float) -> None:
        """Return once no request is in flight, or after `most` seconds (never starve)."""
        if self.count:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._calm.wait(), most)


class Guard:
    def __init__(
        self,
        app: ASGIApp,
        checks: Mapping[str, Check] | None = None,
        in_flight: InFlight | None = None,
        shortcuts: Mapping[str, Shortcut] | None = None,
    ) -> None:
        self.app = app
        self.checks = dict(checks or {})
        self.shortcuts = dict(shortcuts or {})
        self.in_flight = in_flight or InFlight()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        self.in_flight.enter()
        try:
            await self._post(scope, receive, send)
        finally:
            self.in_flight.leave()

    async def _post(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        declared = headers.get("content-length", "")
        if declared and (not declared.isdigit() or int(declared) > MAX_BODY):
            await _refuse(send, 413, "request body too large")
            return
        body = await _read(receive)
        if body is None:
            await _refuse(send, 413, "request body too large")
            return
        check = self.checks.get(scope["path"])
        refused = check(headers, body) if check is not None else None
        if refused is not None:
            await _refuse(send, *refused)
            return
        shortcut = self.shortcuts.get(scope["path"])
        answered = await shortcut(headers, body) if shortcut is not None else None
        if answered is not None:
            await _answer(send, answered[0], answered[1])
            return
        await self.app(scope, _replay(body, receive), send)


async def _read(receive: Receive) -> bytes | None:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return b"".join(chunks)
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # then whatever comes next (a disconnect)

    return replay


async def _refuse(send: Send, status: int, text: str) -> None:
    await _answer(send, status, text.encode())


async def _answer(send: Send, status: int, body: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})

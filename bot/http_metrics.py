"""ASGI middleware: count and time every request by route template, tag its logs with an id."""

from __future__ import annotations

import time
import uuid

from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot import logging_setup
from bot.metrics import Metrics, activate

REQUEST_ID = b"x-request-id"
# Ids are echoed into logs and headers: a caller's id is kept only when short and plain.
MAX_ID = 64
MAX_PATHS = 256


def route_of(routes: list[BaseRoute], scope: Scope) -> str:
    """The matched route's template ("/slack/events"), never the raw path: bounded labels."""
    partial = None
    for route in routes:
        match, _ = route.matches(scope)
        if match is Match.FULL:
            return str(getattr(route, "path", "other"))
        if match is Match.PARTIAL and partial is None:
            partial = str(getattr(route, "path", "other"))
    return partial or "unmatched"


def request_id(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == REQUEST_ID:
            given = bytes(value).decode("latin-1")
            if len(given) <= MAX_ID and given.replace("-", "").isalnum():
                return given
    return uuid.uuid4().hex


class HttpMetrics:
    """Outermost middleware, so the guard's own 503s are counted too."""

    def __init__(self, app: ASGIApp, metrics: Metrics, routes: list[BaseRoute]) -> None:
        self.app = app
        self.metrics = metrics
        self.routes = routes
        self._templates: dict[tuple[str, str, str], str] = {}

    def _route(self, scope: Scope) -> str:
        # Matching every route's pattern was a fiftieth of a busy process's CPU; the paths a
        # server sees are few. Bounded: a scan of odd paths cannot grow it past MAX_PATHS.
        key = (scope.get("method", ""), scope.get("root_path", ""), scope["path"])
        found = self._templates.get(key)
        if found is None:
            found = route_of(self.routes, scope)
            if len(self._templates) < MAX_PATHS:
                self._templates[key] = found
        return found

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            if scope["type"] == "lifespan":
                # Start-up work (inbox worker, in-process scheduler) counts into this app.
                activate(self.metrics)
            await self.app(scope, receive, send)
            return
        activate(self.metrics)
        rid = request_id(scope)
        logging_setup.request_id.set(rid)
        route = self._route(scope)
        status = 500  # what the client sees if the app raises before answering
        started = time.perf_counter()

        async def tagged(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = [*message.get("headers", []), (REQUEST_ID, rid.encode())]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, tagged)
        finally:
            self.metrics.requests.labels(route, scope.get("method", ""), str(status)).inc()
            self.metrics.latency.labels(route).observe(time.perf_counter() - started)

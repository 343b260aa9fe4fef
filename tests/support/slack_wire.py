"""What crosses the wire to the fake Slack: requests read as Slack reads them, calls recorded.

Tokens are grants (a workspace and its scopes); refusals are Slack's error bodies.
"""

from __future__ import annotations

import base64
import json
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.support.slack_methods import manifest_scopes

TEAM = "T0ACME"
# Answers that mean the caller used the API wrongly, whatever the workspace looks like.
MISUSE = frozenset(
    {
        "unknown_method",
        "not_authed",
        "invalid_auth",
        "missing_scope",
        "invalid_arguments",
        "invalid_blocks",
        "msg_too_long",
        "invalid_client_id",
        "bad_client_secret",
    }
)


@dataclass(frozen=True)
class Grant:
    """What one token is: which workspace, which scopes."""

    team: str = TEAM
    scopes: tuple[str, ...] = field(default_factory=manifest_scopes)
    revoked: bool = False


@dataclass
class Channel:
    id: str
    bot_is_member: bool = True


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    token: str | None
    at: float
    status: int = 200
    answer: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == 200 and bool(self.answer.get("ok"))

    @property
    def misuse(self) -> bool:
        return self.answer.get("error") in MISUSE

    @property
    def channel(self) -> str:
        """Where an accepted message landed (a DM to a user id lands in the DM channel)."""
        return str(self.answer.get("channel") or self.params.get("channel", ""))


@dataclass
class Throttle:
    retry_after: int
    every: int | None  # every n-th call is refused; None: only the next one
    calls: int = 0
    spent: bool = False
    blocked_until: float = float("-inf")


def _decode(value: str) -> Any:
    # slack-sdk sends blocks/view as JSON strings inside form data.
    if value[:1] in "[{":
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    return value


def error_body(error: str, **extra: Any) -> dict[str, Any]:
    return {"ok": False, "error": error, **extra}


class Refused(Exception):
    def __init__(self, error: str, **extra: Any) -> None:
        super().__init__(error)
        self.body = error_body(error, **extra)


class Throttled(Exception):
    def __init__(self, retry_after: float) -> None:
        super().__init__(retry_after)
        self.retry_after = max(int(-(-retry_after // 1)), 0)  # whole seconds, rounded up


async def read_params(request: web.Request) -> dict[str, Any]:
    # slack-sdk sends some methods as JSON, others as form fields or query parameters.
    raw = await request.text()
    if request.content_type == "application/json":
        params: dict[str, Any] = json.loads(raw or "{}")
    else:
        params = {k: _decode(v) for k, v in urllib.parse.parse_qsl(raw)}
    params.update({k: _decode(v) for k, v in request.query.items()})
    return params


def bearer(request: web.Request) -> str | None:
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    return value if scheme == "Bearer" and value else None


def client_credentials(request: web.Request, params: dict[str, Any]) -> tuple[str, str]:
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    if scheme == "Basic":
        client_id, _, secret = base64.b64decode(value).decode().partition(":")
        return client_id, secret
    return str(params.get("client_id", "")), str(params.get("client_secret", ""))

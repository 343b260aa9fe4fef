"""Sign requests exactly as Slack does: v0 HMAC-SHA256 over "v0:{timestamp}:{body}"."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.parse
from typing import Any


def signature(secret: str, timestamp: int, body: bytes) -> str:
    base = b"v0:" + str(timestamp).encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def headers(
    secret: str, body: bytes, content_type: str, *, timestamp: int | None = None
) -> dict[str, str]:
    ts = int(time.time()) if timestamp is None else timestamp
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": str(ts),
        "X-Slack-Signature": signature(secret, ts, body),
    }


def form_body(fields: dict[str, Any]) -> bytes:
    """Slash commands arrive form-encoded."""
    return urllib.parse.urlencode(fields).encode()


def interactive_body(payload: dict[str, Any]) -> bytes:
    """Buttons, modals and shortcuts arrive as one form field `payload` holding JSON."""
    return urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()


def event_body(envelope: dict[str, Any]) -> bytes:
    return json.dumps(envelope).encode()


FORM = "application/x-www-form-urlencoded"
JSON = "application/json"

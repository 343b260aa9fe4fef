"""Cheap checks on POST /slack/events before Bolt parses anything: 401 or 400, never 500.

Bolt parses the body before it verifies the signature, and trusts the timestamp header to
be an integer. So we check first, in this order: the timestamp is whole seconds within
Slack's 5-minute window, the v0 signature matches, and the body is what its content type
says (JSON objects no deeper than http_guard.MAX_DEPTH).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time
import urllib.parse
from collections.abc import Callable, Mapping

from bot.http_guard import Check, json_object

# Slack refuses requests older than 5 minutes, so replays must be fresh too.
WINDOW = 5 * 60
_SECONDS = re.compile(r"[0-9]{1,12}")


def check(secret: str, clock: Callable[[], float] = time.time) -> Check:
    def slack(headers: Mapping[str, str], body: bytes) -> tuple[int, str] | None:
        stamp = headers.get("x-slack-request-timestamp", "")
        if not _SECONDS.fullmatch(stamp) or abs(clock() - int(stamp)) > WINDOW:
            return 401, "stale or malformed timestamp"
        base = b"v0:" + stamp.encode() + b":" + body
        expected = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, headers.get("x-slack-signature", "")):
            return 401, "invalid signature"
        if not _well_formed(headers.get("content-type", ""), body):
            return 400, "malformed body"
        return None

    return slack


def _well_formed(content_type: str, body: bytes) -> bool:
    if content_type.startswith("application/json"):
        return json_object(body) is not None
    try:
        fields = urllib.parse.parse_qs(body.decode("utf-8"), strict_parsing=bool(body))
    except (UnicodeDecodeError, ValueError):
        return False
    # Interactions (buttons, modals, shortcuts) carry their JSON in the `payload` field.
    payload = fields.get("payload")
    return payload is None or (len(payload) == 1 and json_object(payload[0]) is not None)

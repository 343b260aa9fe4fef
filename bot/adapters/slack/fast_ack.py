"""Slash commands and message events stored and acked without Bolt's per-request dispatch.

These two are nearly every request under load. Once Bolt has authorized a workspace (its
single-team check or its installation lookup), the next requests from it for `known_for`
seconds are stored straight from the body the guard verified (signature, timestamp, shape):
Bolt's request object, middleware chain, listener matching and argument injection cost
about as much CPU as storing the row. Everything else (buttons, modals, shortcuts, the
URL check, OAuth, a workspace not yet seen) still goes through Bolt, which teaches us.
"""

from __future__ import annotations

import json
import time
import urllib.parse
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from slack_bolt import BoltResponse
from slack_bolt.async_app import AsyncBoltContext

from bot.adapters.slack.flows import Flows
from bot.adapters.slack.listeners import command_work, message_work
from bot.adapters.slack.work import Malformed
from bot.inbox_job import Stopping

# A workspace Bolt authorized is trusted this long: an uninstall within it only means a
# stored row its worker drops ("no longer installed"), as Bolt's own path would not.
KNOWN_FOR = 60.0
_EVENTS = frozenset({"message", "app_mention"})
# A workspace that uninstalls us, or revokes our token, is forgotten at once.
_LEAVING = frozenset({"app_uninstalled", "tokens_revoked"})


@dataclass
class Known:
    """Workspaces Bolt authorized lately, with the bot user id their mentions carry."""

    known_for: float = KNOWN_FOR
    clock: Callable[[], float] = time.monotonic
    _seen: dict[str, tuple[str | None, float]] = field(default_factory=dict)

    async def learn(
        self,
        context: AsyncBoltContext,
        body: dict[str, Any],
        next: Callable[[], Awaitable[BoltResponse]],
    ) -> BoltResponse:
        """Bolt middleware: runs after Bolt's authorization and our own-team check passed."""
        team = context.team_id
        event = body.get("event")
        if team and isinstance(event, dict) and event.get("type") in _LEAVING:
            self._seen.pop(team, None)  # its next request meets Bolt's refusal at once
        elif team and context.authorize_result is not None and not context.is_enterprise_install:
            self._seen[team] = (context.bot_user_id, self.clock() + self.known_for)
        return await next()

    def bot_user(self, team: object) -> tuple[bool, str | None]:
        """(known, bot user id) for the workspace a request says it comes from."""
        seen = self._seen.get(team) if isinstance(team, str) else None
        if seen is None or seen[1] < self.clock():
            return False, None
        return True, seen[0]


class FastAck:
    """The guard's shortcut for POST /slack/events: (status, body), or None for Bolt."""

    def __init__(self, flows: Flows, known: Known) -> None:
        self.flows = flows
        self.known = known

    async def __call__(self, headers: Mapping[str, str], body: bytes) -> tuple[int, bytes] | None:
        try:
            return await self._store(headers.get("content-type", ""), body)
        except Malformed:
            return 400, b"malformed request"  # as bolt_app._refusal answers
        except Stopping:
            return 503, b"shutting down"  # Slack retries the event on another replica

    async def _store(self, content_type: str, body: bytes) -> tuple[int, bytes] | None:
        if content_type.startswith("application/x-www-form-urlencoded"):
            fields = _form(body)
            if fields is None or "command" not in fields or "payload" in fields:
                return None
            if fields.get("is_enterprise_install") == "true":
                return None
            if not self.known.bot_user(fields.get("team_id"))[0]:
                return None
            work, key, urgent = command_work(fields, body)
            await self.flows.store(work, key, urgent=urgent)
            return 200, b""
        if content_type.startswith("application/json"):
            data: Any = json.loads(body)  # the guard checked it is one JSON object
            event = data.get("event")
            if data.get("type") != "event_callback" or not isinstance(event, dict):
                return None
            if event.get("type") not in _EVENTS or data.get("is_ext_shared_channel"):
                return None
            known, bot_user = self.known.bot_user(data.get("team_id"))
            if not known:
                return None
            spoken = message_work(data, bot_user)
            if spoken is not None and event.get("user") != bot_user:
                await self.flows.store(*spoken)
            return 200, b""
        return None


def _form(body: bytes) -> dict[str, str] | None:
    """Form fields as Bolt reads them: the first value of each, blank ones left out."""
    try:
        pairs = urllib.parse.parse_qs(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return {name: values[0] for name, values in pairs.items()}

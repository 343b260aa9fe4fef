"""Slack's side of the reply outbox: send a queued reply, or find out whether one arrived."""

from __future__ import annotations

import dataclasses
import json
import logging
from datetime import datetime, timedelta
from typing import Any

from slack_sdk.errors import SlackApiError

from bot.adapters.slack.client import api_error
from bot.adapters.slack.delivery import Destination, by_post, deliver
from bot.adapters.slack.lookup import carries, posted
from bot.adapters.slack.notifier import PERMANENT
from bot.adapters.slack.webhooks import Webhooks
from bot.adapters.slack.workspaces import Clients
from bot.wire import load_reply
from core.messages import Reply
from scheduler.notify import SendResult
from storage.replies import Queued

log = logging.getLogger(__name__)

# Slack keeps a response_url for 30 minutes (and 5 uses); an older answer goes by DM.
RESPONSE_URL_LIFE = timedelta(minutes=30)
EVENT_TYPE = "quotabot_reply"


@dataclasses.dataclass(frozen=True)
class Decoded:
    team: str
    reply: Reply
    to: Destination
    received_at: datetime


def decode(queued: Queued, now: datetime) -> Decoded:
    data: dict[str, Any] = json.loads(queued.payload)
    received = datetime.fromisoformat(data["received_at"])
    to = Destination(**data["to"])
    if to.response_url and now - received > RESPONSE_URL_LIFE:
        # Too old for its response_url (a long outage): say it in the person's DM instead.
        to = Destination(user=to.user, direct=True)
    return Decoded(data["team"], load_reply(data["reply"]), to, received)


class SlackReplies:
    """The Transport bot/replies.py sends Slack replies through."""

    def __init__(self, clients: Clients, clock: Any) -> None:
        self.clients = clients
        self.clock = clock
        self._webhooks = Webhooks()

    async def send(self, queued: Queued) -> SendResult:
        found = decode(queued, self.clock())
        client = await self.clients.get(found.team)
        if client is None:
            return SendResult(ok=False, error="app not installed in workspace", permanent=True)
        metadata = {"event_type": EVENT_TYPE, "event_payload": {"reply": queued.id}}
        try:
            await deliver(client, found.reply, found.to, metadata, self._webhooks)
        except SlackApiError as exc:
            status, error = exc.response.status_code, api_error(exc)
            if status == 429:
                retry = float(exc.response.headers.get("Retry-After", "1") or 1)
                return SendResult(ok=False, retry_after=retry, error="ratelimited")
            return SendResult(ok=False, error=error, permanent=error in PERMANENT)
        return SendResult(ok=True)

    async def arrived(self, queued: Queued) -> bool | None:
        """Look for the reply's metadata in the conversation's recent history.

        Only messages we post can be found (DMs: im:history); a response_url answer, an
        ephemeral one or a modal leave no trace we may read, so those stay in doubt.
        """
        found = decode(queued, self.clock())
        client = await self.clients.get(found.team)
        # A thread reply lives in conversations.replies, which needs channels:history
        # outside DMs; QuotaBot's DM answers are never threaded, so only those are checked.
        if client is None or not by_post(found.reply, found.to) or found.to.thread:
            return None
        channel = found.to.channel
        if not channel:
            opened = await client.conversations_open(users=found.to.user)
            channel = opened["channel"]["id"]
        oldest = f"{(found.received_at - timedelta(minutes=1)).timestamp():.6f}"
        try:
            return await posted(
                client, channel, oldest, lambda m: carries(m, EVENT_TYPE, "reply", queued.id)
            )
        except SlackApiError as exc:
            log.info("Slack: cannot read %s to settle a reply: %s", channel, api_error(exc))
        return None

    async def aclose(self) -> None:
        await self._webhooks.aclose()

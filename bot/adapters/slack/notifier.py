"""Proactive Slack messages for the scheduler's outbox: a user's DM or a team channel."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack.blocks import fallback_text, render
from bot.adapters.slack.client import api_error, web_client
from bot.adapters.slack.installations import SqlInstallationStore
from bot.adapters.slack.lookup import carries, posted
from bot.config import Settings
from scheduler.notify import Outbound, SendResult, Sought

log = logging.getLogger(__name__)
# A Slack user id (U…, W…): only such ids become <@…> mentions.
_SLACK_ID = re.compile(r"^[UW][A-Z0-9]{1,20}$")

# Marks our scheduled posts (message metadata) so a post in doubt can be found again.
EVENT_TYPE = "quotabot_delivery"

# Errors that no retry will fix: the dispatcher should give the delivery up.
PERMANENT = frozenset(
    {
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "user_not_found",
        "user_disabled",
        "account_inactive",
        "invalid_auth",
        "token_revoked",
        "missing_scope",
        "cannot_dm_bot",
        "msg_too_long",
        "invalid_blocks",
    }
)


class SlackNotifier:
    """chat.postMessage with the workspace's bot token; HTTP 429 is reported, not slept on."""

    platform = "slack"

    def __init__(
        self,
        settings: Settings,
        *,
        token: str | None = None,
        store: SqlInstallationStore | None = None,
    ) -> None:
        self.settings = settings
        self.token = token
        self.store = store
        self._clients: dict[str | None, AsyncWebClient] = {}
        # A DM's channel id never changes: one conversations.open per person per process.
        self._dms: dict[tuple[str, str], str] = {}

    async def _client(self, workspace: str) -> AsyncWebClient | None:
        token = self.token
        if self.store is not None:
            bot = await self.store.async_find_bot(enterprise_id=None, team_id=workspace)
            if bot is None:
                return None
            token = bot.bot_token
        if token not in self._clients:
            self._clients[token] = web_client(self.settings, token, wait_on_429=False)
        return self._clients[token]

    async def send(self, message: Outbound) -> SendResult:
        client = await self._client(message.workspace)
        if client is None:
            return SendResult(ok=False, error="app not installed in workspace", permanent=True)
        blocks = render(message.reply)
        text = fallback_text(message.reply)
        if message.mentions:
            # Reply text is escaped (never a mention); these are ours, built from user ids.
            who = " ".join(f"<@{m.user}>" for m in message.mentions if _SLACK_ID.match(m.user))
            blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": who}}, *blocks]
            text = f"{who} {text}"
        try:
            channel = message.channel
            if not channel:
                if not message.user:
                    return SendResult(ok=False, error="no user or channel", permanent=True)
                channel = await self._dm(client, message.workspace, message.user)
            # The outbox key rides along as metadata: after a crash mid-send, `arrived` can
            # find the message in the conversation instead of guessing (issue 16).
            metadata = {"event_type": EVENT_TYPE, "event_payload": {"key": message.idempotency_key}}
            sent = await client.chat_postMessage(
                channel=channel,
                text=text,
                blocks=blocks,
                thread_ts=message.thread,
                metadata=metadata if message.idempotency_key else None,
            )
        except SlackApiError as exc:
            return _failure(exc)
        ts = sent.get("ts")
        return SendResult(ok=True, message_id=str(ts) if ts else None)

    async def _dm(self, client: AsyncWebClient, workspace: str, user: str) -> str:
        key = (workspace, user)
        if key not in self._dms:
            # conversations.open gives the DM's id (D...), creating it on first use.
            opened = await client.conversations_open(users=user)
            self._dms[key] = opened["channel"]["id"]
        return self._dms[key]

    async def arrived(self, sought: Sought) -> bool | None:
        """Look for the message's key in the conversation since it was due.

        DMs can be read (im:history); a team channel needs channels:history, which QuotaBot
        does not ask for, so Slack refuses and the answer is None (the row fails in doubt).
        """
        client = await self._client(sought.workspace)
        if client is None or not (sought.user or sought.channel):
            return None
        oldest = f"{(sought.since - timedelta(minutes=1)).timestamp():.6f}"
        try:
            channel = sought.channel or await self._dm(client, sought.workspace, str(sought.user))
            return await posted(
                client, channel, oldest, lambda m: carries(m, EVENT_TYPE, "key", sought.key)
            )
        except SlackApiError as exc:
            log.info("Slack: cannot look for a post in %s: %s", sought.workspace, api_error(exc))
        return None


def _failure(exc: SlackApiError) -> SendResult:
    status = exc.response.status_code
    error = api_error(exc)
    if status == 429:
        # Slack's rate limits (chat.postMessage: about 1 message per second per channel).
        retry_after = float(exc.response.headers.get("Retry-After", "1") or 1)
        return SendResult(ok=False, retry_after=retry_after, error="ratelimited")
    log.warning("Slack send failed: %s", error)
    return SendResult(ok=False, error=error, permanent=error in PERMANENT)

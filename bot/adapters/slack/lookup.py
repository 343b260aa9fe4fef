"""Find a message we posted in a conversation's recent history, by its metadata."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

# Pages of history read when looking for one message (conversations.history: 200 a page).
HISTORY_PAGES = 5


async def posted(
    client: AsyncWebClient, channel: str, oldest: str, ours: Callable[[dict[str, Any]], bool]
) -> bool:
    """Whether a message since `oldest` (a Slack ts) satisfies `ours`; raises SlackApiError
    when Slack refuses (a scope not granted, a channel we are not in)."""
    cursor = None
    for _ in range(HISTORY_PAGES):
        page = await client.conversations_history(
            channel=channel, oldest=oldest, include_all_metadata=True, limit=200, cursor=cursor
        )
        if any(ours(m) for m in page.get("messages") or []):
            return True
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            return False
    return False


def carries(message: dict[str, Any], event_type: str, field: str, value: object) -> bool:
    """The message's metadata is ours (`event_type`) and names `value` in `field`."""
    meta = message.get("metadata") or {}
    payload = meta.get("event_payload") or {}
    return bool(meta.get("event_type") == event_type and payload.get(field) == value)

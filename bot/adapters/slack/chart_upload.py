"""Charts without a public URL (Socket Mode): the PNG uploaded into the conversation."""

from __future__ import annotations

import logging

from slack_sdk.web.async_client import AsyncWebClient

from bot import charts, metrics
from core.messages import Chart

log = logging.getLogger(__name__)

# The image block's bound for alt text (bot/adapters/slack/blocks.py), kept for uploads too.
ALT_MAX = 2000


async def upload_chart(
    client: AsyncWebClient, chart: Chart, channel: str, thread: str | None = None
) -> None:
    """Share `chart` in `channel` (a conversation id, not a user id: files.completeUploadExternal
    takes channel_id) after the message it illustrates; needs the files:write scope.

    An uploaded file is visible to everyone in the conversation, so callers only send charts
    of messages everyone there sees. Best effort: the message is already out, and a failed
    upload must not make the reply look unsent (the outbox would post it twice)."""
    alt = chart.alt or chart.title
    try:
        png = await charts.paint(chart)
        # files_upload_v2: files.getUploadURLExternal, POST to its upload_url, then
        # files.completeUploadExternal with channel_id (the file stays private without one).
        await client.files_upload_v2(
            content=png,
            filename=f"{chart.kind}.png",
            title=chart.title,
            alt_txt=alt if len(alt) <= ALT_MAX else alt[: ALT_MAX - 1] + "…",
            channel=channel,
            thread_ts=thread,
        )
    except Exception as exc:
        metrics.platform_error("slack", f"files_upload_v2 {type(exc).__name__}")
        log.warning("chart upload to %s failed; the answer stays text", channel, exc_info=True)

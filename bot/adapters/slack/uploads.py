"""Files into a Slack conversation (files_upload_v2, files:write): a chart PNG when no public
URL serves image blocks (Socket Mode), a CSV export in the asker's DM."""

from __future__ import annotations

import logging

from slack_sdk.web.async_client import AsyncWebClient

from bot import charts, metrics
from core.messages import Attachment, Chart

log = logging.getLogger(__name__)

# The image block's bound for alt text (bot/adapters/slack/blocks.py), kept for uploads too.
ALT_MAX = 2000


async def share(
    client: AsyncWebClient,
    *,
    content: bytes,
    filename: str,
    title: str,
    channel: str,
    thread: str | None = None,
    alt: str | None = None,
) -> bool:
    """Upload `content` into `channel` (a conversation id, not a user id:
    files.completeUploadExternal takes channel_id); False when Slack refused it.

    Best effort: the message it goes with is already out, and a failed upload must not make
    the reply look unsent (the outbox would post it twice)."""
    try:
        # files_upload_v2: files.getUploadURLExternal, POST to its upload_url, then
        # files.completeUploadExternal with channel_id (the file stays private without one).
        await client.files_upload_v2(
            content=content,
            filename=filename,
            title=title,
            alt_txt=alt,
            channel=channel,
            thread_ts=thread,
        )
    except Exception as exc:
        metrics.platform_error("slack", f"files_upload_v2 {type(exc).__name__}")
        log.warning("file upload to %s failed", channel, exc_info=True)
        return False
    return True


async def upload_chart(
    client: AsyncWebClient, chart: Chart, channel: str, thread: str | None = None
) -> None:
    """Share `chart` after the message it illustrates. An uploaded file is visible to everyone
    in the conversation, so callers only send charts of messages everyone there sees."""
    alt = chart.alt or chart.title
    try:
        png = await charts.paint(chart)
    except Exception:
        log.warning("chart painting failed; the answer stays text", exc_info=True)
        return
    alt = alt if len(alt) <= ALT_MAX else alt[: ALT_MAX - 1] + "…"
    await share(
        client,
        content=png,
        filename=f"{chart.kind}.png",
        title=chart.title,
        channel=channel,
        thread=thread,
        alt=alt,
    )


async def send_to_dm(client: AsyncWebClient, attachment: Attachment, user: str) -> bool:
    """A file for the asker alone (an export): into their DM with the bot, wherever they
    asked (conversations.open, im:write, gives the DM's id)."""
    try:
        opened = await client.conversations_open(users=user)
    except Exception as exc:
        metrics.platform_error("slack", f"conversations.open {type(exc).__name__}")
        log.warning("could not open a DM for a file", exc_info=True)
        return False
    return await share(
        client,
        content=attachment.text.encode("utf-8"),
        filename=attachment.name,
        title=attachment.name,
        channel=str(opened["channel"]["id"]),
    )

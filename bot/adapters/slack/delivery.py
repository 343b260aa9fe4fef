"""Send a rendered Reply where the person will see it: response_url, ephemeral, thread or DM."""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot import metrics
from bot.adapters.slack.blocks import fallback_text, render
from bot.adapters.slack.client import api_error
from bot.adapters.slack.modals import modal
from bot.adapters.slack.uploads import send_to_dm, upload_chart
from bot.adapters.slack.webhooks import Webhooks
from core.actions import OPENS, ActionId, FormId
from core.messages import Button, Reply

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Destination:
    """Where the reply to one Slack interaction belongs."""

    user: str
    channel: str = ""
    thread: str | None = None
    direct: bool = False
    # Slash commands and message buttons: valid 30 minutes, 5 uses; works without channel access.
    response_url: str | None = None
    # Opens a modal; Slack expires it 3 s after the interaction.
    trigger_id: str | None = None
    replace_original: bool = False


async def deliver(
    client: AsyncWebClient,
    reply: Reply,
    to: Destination,
    metadata: dict[str, Any] | None,
    webhooks: Webhooks,
) -> None:
    """`webhooks` is the shared HTTP pool for response_url posts.

    `metadata` rides on chat.postMessage (Slack message metadata), so a reply whose sender
    died mid-call can be looked up in the conversation's history before it is sent again."""
    await _answer(client, reply, to, metadata, webhooks)
    await _send_file(client, reply, to)


async def _answer(
    client: AsyncWebClient,
    reply: Reply,
    to: Destination,
    metadata: dict[str, Any] | None,
    webhooks: Webhooks,
) -> None:
    if reply.form is not None:
        if to.trigger_id and await _open_form(client, reply, to):
            return
        reply = _form_as_button(reply)
    blocks = render(reply)
    text = fallback_text(reply)
    if to.response_url and await _respond(reply, to, text, blocks, webhooks):
        return
    if to.channel and not to.direct and reply.private:
        # Personal numbers in a channel: only the asker sees them.
        await client.chat_postEphemeral(
            channel=to.channel, user=to.user, text=text, blocks=blocks, thread_ts=to.thread
        )
    else:
        # Posting to a user id lands in the app's DM (the App Home "Messages" tab).
        thread = to.thread if to.channel else None
        posted = await client.chat_postMessage(
            channel=to.channel or to.user,
            text=text,
            blocks=blocks,
            thread_ts=thread,
            metadata=metadata,
        )
        if reply.chart is not None and not any(b["type"] == "image" for b in blocks):
            # No chart URL served (Socket Mode): the picture follows as a file. Only here: a
            # file is seen by the whole conversation, ephemeral and response_url answers not.
            await upload_chart(client, reply.chart, str(posted["channel"]), thread)


async def _send_file(client: AsyncWebClient, reply: Reply, to: Destination) -> None:
    """An export goes to the asker's DM as a file, after the answer that announces it; if
    Slack will not take it, a line in the DM says so (the answer itself is not sent again)."""
    if reply.attachment is None or not reply.attachment.direct:
        return
    if not await send_to_dm(client, reply.attachment, to.user):
        await client.chat_postMessage(
            channel=to.user,
            text=f"I couldn't upload {reply.attachment.name} (is `files:write` granted?); "
            "an admin can run `quotabot export` on the server instead.",
        )


async def _open_form(client: AsyncWebClient, reply: Reply, to: Destination) -> bool:
    assert reply.form is not None
    meta = {"channel": to.channel, "response_url": to.response_url or ""}
    try:
        await client.views_open(trigger_id=to.trigger_id, view=modal(reply.form, meta))
    except SlackApiError as exc:
        # expired_trigger_id: more than 3 s passed; offer the form as a button instead.
        log.warning("views.open failed: %s", api_error(exc))
        return False
    return True


def _form_as_button(reply: Reply) -> Reply:
    assert reply.form is not None
    # A form that cannot open as a modal (no trigger_id: chat messages) becomes its button.
    known = reply.form.form_id in FormId.__members__.values()
    action = OPENS[FormId(reply.form.form_id)] if known else ActionId.OPEN_LOG_FORM
    text = reply.text or reply.form.title
    button = Button(reply.form.title, action, style="primary")
    return dataclasses.replace(reply, text=text, form=None, buttons=(*reply.buttons, button))


def by_post(reply: Reply, to: Destination) -> bool:
    """Whether `deliver` posts this as a message (chat.postMessage), which history can show."""
    if reply.form is not None and to.trigger_id:
        return False
    if to.response_url:
        return False
    return not (to.channel and not to.direct and reply.private)


async def _respond(
    reply: Reply,
    to: Destination,
    text: str,
    blocks: list[dict[str, object]],
    webhooks: Webhooks,
) -> bool:
    assert to.response_url is not None
    shared = not reply.private and not to.direct
    body = {
        "text": text,
        "blocks": blocks,
        "response_type": "in_channel" if shared else "ephemeral",
        "replace_original": to.replace_original,
    }
    try:
        status = await webhooks.post_json(to.response_url, body)
    except Exception as exc:
        metrics.platform_error("slack", f"response_url {type(exc).__name__}")
        log.warning("response_url unreachable; falling back to a direct message", exc_info=True)
        return False
    if status != 200:
        # Expired (30 min) or used up (5 times): fall back to a direct post.
        metrics.platform_error("slack", f"response_url HTTP {status}")
        log.warning("response_url answered %s", status)
        return False
    return True

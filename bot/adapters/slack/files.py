"""A file shared with the bot in a DM: files.info, then its private download (files:read)."""

from __future__ import annotations

import logging
from dataclasses import replace

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot import metrics
from bot.adapters.fetch import fetch
from bot.adapters.slack.client import api_error
from core.messages import Inbound
from handlers.import_file import MAX_BYTES

log = logging.getLogger(__name__)


async def fetched(inbound: Inbound, client: AsyncWebClient) -> Inbound:
    """The inbound with its file's bytes (or the reason there are none)."""
    upload = inbound.upload
    if upload is None or upload.data is not None:
        return inbound
    try:
        # The event's copy of the file may be a stub ("file_access": "check_file_info").
        info = (await client.files_info(file=upload.ref))["file"]
    except SlackApiError as exc:
        metrics.platform_error("slack", f"files.info {api_error(exc)}")
        log.info("Slack: files.info refused: %s", api_error(exc))
        return replace(inbound, upload=replace(upload, problem="unreachable"))
    upload = replace(upload, name=str(info.get("name") or upload.name), size=info.get("size"))
    url = info.get("url_private_download") or info.get("url_private")
    if (upload.size or 0) > MAX_BYTES:
        upload = replace(upload, problem="too_big")
    elif not url:
        upload = replace(upload, problem="unreachable")
    else:
        auth = {"Authorization": f"Bearer {client.token}"}
        upload = await fetch(upload, str(url), MAX_BYTES, auth)
    return replace(inbound, upload=upload)

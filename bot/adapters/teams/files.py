"""Files in a Teams personal chat: a CSV someone sends (file.download.info), and an export
offered with a FileConsentCard, uploaded to the uploadUrl Teams gives once they accept."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

import aiohttp
from microsoft_teams.api.activities.invoke.file_consent import FileConsentInvokeActivity
from microsoft_teams.api.activities.message.message import MessageActivityInput
from microsoft_teams.api.models import Attachment as CardAttachment
from microsoft_teams.api.models.file import FileConsentCard
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.adapters.fetch import TIMEOUT, fetch
from bot.adapters.teams.inbound import Place
from core.messages import Attachment, Inbound
from handlers.import_file import MAX_BYTES
from storage import chat_files

log = logging.getLogger(__name__)

CONSENT = "application/vnd.microsoft.teams.card.file.consent"
INFO = "application/vnd.microsoft.teams.card.file.info"


async def fetched(inbound: Inbound) -> Inbound:
    """The inbound with the file's bytes: the download URL is pre-authorised (no token)."""
    upload = inbound.upload
    if upload is None or upload.data is not None or not upload.ref:
        return inbound
    got = await fetch(upload, upload.ref, MAX_BYTES)
    # The link is a credential for a while: it does not travel further than the fetch.
    return replace(inbound, upload=replace(got, ref=""))


async def offer(
    sessions: async_sessionmaker[AsyncSession], place: Place, attachment: Attachment, now: Any
) -> MessageActivityInput | None:
    """Keep the file for the person and return the consent card to post in their 1:1 chat;
    None when they are unknown here (nothing to keep it for)."""
    async with sessions() as session, session.begin():
        who = await chat_files.owner(session, "teams", place.tenant, place.user or "")
        if who is None:
            return None
        kept = await chat_files.keep(
            session,
            workspace_id=who[0],
            user_id=who[1],
            purpose="export",
            kind="csv",
            name=attachment.name,
            content=attachment.text,
            rows=attachment.text.count("\n"),
            now=now,
        )
    card = FileConsentCard(
        description=f"{attachment.name}: your QuotaBot export",
        size_in_bytes=len(attachment.text.encode("utf-8")),
        accept_context={"file": kept},
        decline_context={"file": kept},
    )
    content = card.model_dump(by_alias=True, exclude_none=True)
    consent = CardAttachment(content_type=CONSENT, name=attachment.name, content=content)
    return MessageActivityInput().add_attachments(consent)


async def consented(
    sessions: async_sessionmaker[AsyncSession],
    activity: FileConsentInvokeActivity,
    place: Place,
    now: Any,
) -> MessageActivityInput:
    """Accept: upload the kept file (once) and answer with its FileInfoCard; decline: forget it."""
    value = activity.value
    context = value.context if isinstance(value.context, dict) else {}
    file_id = context.get("file")
    taken = None
    async with sessions() as session, session.begin():
        who = await chat_files.owner(session, "teams", place.tenant, place.user or "")
        if who is not None and isinstance(file_id, int):
            taken = await chat_files.take(
                session, file_id, workspace_id=who[0], user_id=who[1], purpose="export", now=now
            )
    if taken is None:
        return _text("That file was already sent or declined. Ask again with `/quotabot export`.")
    if value.action != "accept":
        return _text(f"OK, I won't send {taken.name}.")
    info = value.upload_info
    if taken.expired or info is None or not info.upload_url:
        return _text(f"{taken.name} waited too long; ask again with `/quotabot export`.")
    data = taken.content.encode("utf-8")
    headers = {
        "Content-Length": str(len(data)),
        "Content-Range": f"bytes 0-{len(data) - 1}/{len(data)}",
    }
    try:
        async with (
            aiohttp.ClientSession(timeout=TIMEOUT) as http,
            http.put(info.upload_url, data=data, headers=headers) as answer,
        ):
            ok = answer.status in (200, 201)
    except (aiohttp.ClientError, TimeoutError) as exc:
        log.info("Teams: file upload failed: %s", type(exc).__name__)
        ok = False
    if not ok:
        return _text(f"I couldn't upload {taken.name}; ask again with `/quotabot export`.")
    card = CardAttachment(
        content_type=INFO,
        content_url=info.content_url,
        name=info.name or taken.name,
        content={"uniqueId": info.unique_id, "fileType": info.file_type or "csv"},
    )
    return MessageActivityInput().add_attachments(card)


def _text(text: str) -> MessageActivityInput:
    return MessageActivityInput(text=text)

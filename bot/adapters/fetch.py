"""Download a file someone sent the bot, never more than a cap: the bytes, or why not."""

from __future__ import annotations

import logging
from dataclasses import replace

import aiohttp

from core.messages import Upload

log = logging.getLogger(__name__)

# A platform that answers slower than this for a 20 MB file is having a bad day.
TIMEOUT = aiohttp.ClientTimeout(total=60)


async def fetch(
    upload: Upload, url: str, cap: int, headers: dict[str, str] | None = None
) -> Upload:
    """`upload` with its bytes, or with `problem` set ("too_big", "unreachable"). The URL
    and the headers carry credentials (a token, a pre-authorised link): never logged."""
    try:
        async with (
            aiohttp.ClientSession(timeout=TIMEOUT) as http,
            http.get(url, headers=headers or {}) as response,
        ):
            # Slack answers a download without the right scope with its sign-in page, 200.
            if response.status != 200 or response.content_type == "text/html":
                log.info("file download answered %s %s", response.status, response.content_type)
                return replace(upload, problem="unreachable")
            if (response.content_length or 0) > cap:
                return replace(upload, problem="too_big")
            data = await response.content.read(cap + 1)
    except (aiohttp.ClientError, TimeoutError) as exc:
        log.info("file download failed: %s", type(exc).__name__)
        return replace(upload, problem="unreachable")
    if len(data) > cap:
        return replace(upload, problem="too_big")
    return replace(upload, data=data, size=len(data))

"""Files on the fake Slack: files_upload_v2 (an upload URL, the bytes posted there, the
share), and files people send the bot (files.info, the private download with a token)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from tests.support.slack_wire import Channel, Refused, bearer


@dataclass
class Upload:
    """One file from files.getUploadURLExternal on; `channel` is set once it is shared."""

    id: str
    filename: str
    length: int
    alt_txt: str = ""
    data: bytes | None = None
    completed: bool = False
    title: str = ""
    channel: str = ""
    thread_ts: str | None = None
    initial_comment: str = ""


@dataclass
class Sent:
    """A file a person shared in their DM with the bot."""

    id: str
    name: str
    data: bytes
    user: str
    mimetype: str
    downloads: int = 0


# Slack's answer to a private file URL without a token that may read it: its sign-in page.
SIGN_IN = "<!DOCTYPE html><html><body>Sign in to Slack</body></html>"


class Files:
    """The three steps of docs.slack.dev/reference/methods/files.getUploadURLExternal:
    get an upload URL and file id, POST the bytes there, then files.completeUploadExternal
    shares the file in a conversation the bot is in. And the way down: files.info gives
    `url_private_download`, which answers a bearer token with files:read (and anyone else
    with the sign-in page, status 200, as Slack does)."""

    def __init__(
        self,
        base_url: Callable[[], str],
        channel: Callable[[str], Channel],
        may_read: Callable[[str | None], bool],
    ) -> None:
        self._base_url = base_url
        self._channel = channel
        self._may_read = may_read
        self.uploads: dict[str, Upload] = {}
        self.sent: dict[str, Sent] = {}
        self._ids = itertools.count(1)

    def send(self, user: str, name: str, data: bytes, mimetype: str = "text/csv") -> dict[str, Any]:
        """A person shares a file with the bot: the `files` entry of its message event."""
        file_id = f"F0SENT{next(self._ids):04d}"
        self.sent[file_id] = Sent(file_id, name, data, user, mimetype)
        return {**self._sent_info(self.sent[file_id]), "file_access": "visible"}

    def info(self, params: dict[str, Any]) -> dict[str, Any]:
        sent = self.sent.get(str(params["file"]))
        if sent is None:
            raise Refused("file_not_found")
        return {"ok": True, "file": self._sent_info(sent)}

    async def download(self, request: web.Request) -> web.Response:
        sent = self.sent.get(request.match_info["file_id"])
        if sent is None:
            return web.Response(status=404, text="not found")
        if not self._may_read(bearer(request)):
            return web.Response(text=SIGN_IN, content_type="text/html")
        sent.downloads += 1
        return web.Response(body=sent.data, content_type=sent.mimetype)

    def _sent_info(self, sent: Sent) -> dict[str, Any]:
        url = f"{self._base_url()}/files-pri/{sent.id}/{sent.name}"
        return {
            "id": sent.id,
            "name": sent.name,
            "title": sent.name,
            "mimetype": sent.mimetype,
            "filetype": sent.name.rpartition(".")[2],
            "size": len(sent.data),
            "user": sent.user,
            "url_private": url,
            "url_private_download": url + "?download=1",
        }

    def shared(self) -> list[Upload]:
        """Files shared into a conversation, in order."""
        return [upload for upload in self.uploads.values() if upload.channel]

    def get_upload_url(self, params: dict[str, Any]) -> dict[str, Any]:
        file_id = f"F0UPLOAD{next(self._ids):04d}"
        self.uploads[file_id] = Upload(
            file_id,
            str(params["filename"]),
            int(params["length"]),
            str(params.get("alt_txt") or ""),
        )
        return {
            "ok": True,
            "upload_url": f"{self._base_url()}/upload/v1/{file_id}",
            "file_id": file_id,
        }

    async def receive(self, request: web.Request) -> web.Response:
        # Slack's upload host answers plain text "OK - <bytes>"; an unknown URL is a 404.
        upload = self.uploads.get(request.match_info["file_id"])
        if upload is None:
            return web.Response(status=404, text="not found")
        upload.data = await request.read()
        return web.Response(text=f"OK - {len(upload.data)}")

    def complete(self, params: dict[str, Any]) -> dict[str, Any]:
        wanted = params["files"]
        if not isinstance(wanted, list) or not wanted:
            raise Refused("invalid_arguments")
        channel_id = str(params.get("channel_id") or "")
        channel = self._channel(channel_id) if channel_id else None
        if channel is not None and not channel.bot_is_member:
            raise Refused("not_in_channel")
        done = []
        for entry in wanted:
            upload = self.uploads.get(str(entry.get("id")))
            # Never uploaded, or already completed: Slack answers file_not_found.
            if upload is None or upload.data is None or upload.completed:
                raise Refused("file_not_found")
            upload.completed = True
            upload.title = str(entry.get("title") or upload.filename)
            done.append(upload)
        for upload in done:
            if channel is not None:
                upload.channel = channel.id
                upload.thread_ts = params.get("thread_ts")
                upload.initial_comment = str(params.get("initial_comment") or "")
        return {"ok": True, "files": [self._info(upload) for upload in done]}

    def _info(self, upload: Upload) -> dict[str, Any]:
        return {
            "id": upload.id,
            "name": upload.filename,
            "title": upload.title,
            "size": upload.length,
            "alt_txt": upload.alt_txt,
            "channels": [upload.channel] if upload.channel.startswith("C") else [],
            "ims": [upload.channel] if upload.channel.startswith("D") else [],
        }

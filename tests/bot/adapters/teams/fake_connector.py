"""A local stand-in for the Bot Framework connector (serviceUrl) and its OpenID key endpoint.

Like the connector, it serves only the v3 conversation routes, refuses a call without the
bot's bearer token (401) and an activity or conversation it cannot read (400), and answers
404 to any other path. Every call is recorded, refused ones included.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.support.loopback import LoopbackServer

BOT_TOKEN = "test-bot-token"
PREFIX = "/teams"
DENIED = {"message": "Authorization has been denied for this request."}


@dataclass
class Call:
    method: str
    path: str
    headers: dict[str, str]
    body: Any
    # What the fake answered: 201 means Teams accepted (and showed) the message.
    status: int = 200


CALL = web.RequestKey("call", Call)


@dataclass
class Answer:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


def _error(status: int, code: str, message: str) -> web.Response:
    return web.json_response({"error": {"code": code, "message": message}}, status=status)


class FakeConnector(LoopbackServer):
    """Serves /v3/conversations..., /openid and /keys on 127.0.0.1; records every call.

    `token` is the bearer token calls must carry; None accepts anonymous calls, as the
    local playground's connector does.
    """

    def __init__(self, token: str | None = BOT_TOKEN) -> None:
        self.token = token
        self.calls: list[Call] = []
        self.jwks: dict[str, Any] = {"keys": []}
        # Answers to give, in order, to the next activity posts (then 201 with an id).
        self.script: list[Answer] = []
        self._ids = itertools.count(1)
        # GET .../conversations/{id}/members: who is in each conversation (a team's roster).
        self.rosters: dict[str, list[dict[str, Any]]] = {}
        # OneDrive's side of files in a personal chat: what people sent (fetched with the
        # pre-authorised link, no bot token), and what the bot PUT to an upload session.
        self.sent: dict[str, bytes] = {}
        self.downloads = 0
        self.uploaded: dict[str, bytes] = {}
        # Set: upload sessions answer 507 (the person's OneDrive is full).
        self.drive_full = False

    @property
    def url(self) -> str:
        return f"{self.base_url}{PREFIX}/"

    @property
    def openid_url(self) -> str:
        return f"{self.base_url}/v1/.well-known/openidconfiguration"

    def app(self) -> web.Application:
        app = web.Application(middlewares=[self._record_and_authorize])
        app.router.add_get("/v1/.well-known/openidconfiguration", self._openid)
        app.router.add_get("/v1/.well-known/keys", self._keys)
        v3 = f"{PREFIX}/v3/conversations"
        app.router.add_post(v3, self._create_conversation)
        app.router.add_post(v3 + "/{conversation}/activities", self._activity)
        app.router.add_post(v3 + "/{conversation}/activities/{activity}", self._activity)
        app.router.add_put(v3 + "/{conversation}/activities/{activity}", self._update)
        app.router.add_delete(v3 + "/{conversation}/activities/{activity}", self._deleted)
        app.router.add_get(v3 + "/{conversation}/members", self._members)
        app.router.add_get(v3 + "/{conversation}/members/{member}", self._member)
        app.router.add_get("/drive/download/{file}", self._download)
        app.router.add_put("/drive/upload/{file}", self._upload)
        return app

    def file_attachment(self, name: str, data: bytes) -> dict[str, Any]:
        """A file a person attaches in the personal chat, as the bot's activity carries it."""
        file_id = f"file-{next(self._ids)}"
        self.sent[file_id] = data
        return {
            "contentType": "application/vnd.microsoft.teams.file.download.info",
            "contentUrl": f"https://contoso.sharepoint.com/personal/dana/{name}",
            "name": name,
            "content": {
                "downloadUrl": f"{self.base_url}/drive/download/{file_id}?tempauth=v1.abc",
                "uniqueId": file_id,
                "fileType": name.rpartition(".")[2],
            },
        }

    def upload_info(self, name: str) -> dict[str, Any]:
        """What Teams sends back when the person accepts a FileConsentCard."""
        file_id = f"up-{next(self._ids)}"
        return {
            "contentUrl": f"https://contoso.sharepoint.com/personal/dana/{name}",
            "name": name,
            "uploadUrl": f"{self.base_url}/drive/upload/{file_id}",
            "uniqueId": file_id,
            "fileType": name.rpartition(".")[2],
        }

    def activities(self, conversation: str | None = None) -> list[Call]:
        """Messages the bot posted (new or replies), optionally to one conversation."""
        wanted = f"{PREFIX}/v3/conversations/{conversation}/activities"
        return [
            c
            for c in self.calls
            if c.method == "POST"
            and "/activities" in c.path
            and (conversation is None or c.path.split("/activities")[0] + "/activities" == wanted)
        ]

    def delivered(self, conversation: str | None = None) -> list[Call]:
        """Messages Teams accepted (not the ones it throttled or refused)."""
        return [c for c in self.activities(conversation) if c.status == 201]

    def cards(self, conversation: str | None = None) -> list[dict[str, Any]]:
        return [
            a["content"]
            for c in self.delivered(conversation)
            for a in c.body.get("attachments", ())
            if a["contentType"] == "application/vnd.microsoft.card.adaptive"
        ]

    @web.middleware
    async def _record_and_authorize(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if not request.path.startswith(PREFIX):
            return await handler(request)  # the OpenID documents: public, not connector calls
        body = await request.json() if request.can_read_body else None
        call = Call(request.method, request.path, dict(request.headers), body)
        self.calls.append(call)
        request[CALL] = call
        response: web.StreamResponse
        if self.token is not None and request.headers.get("Authorization") != (
            f"Bearer {self.token}"
        ):
            response = web.json_response(DENIED, status=401)
        else:
            try:
                response = await handler(request)
            except web.HTTPNotFound:
                response = _error(404, "NotFound", f"No route for {request.path}")
            except web.HTTPMethodNotAllowed:
                response = _error(405, "MethodNotAllowed", f"{request.method} {request.path}")
        call.status = response.status
        return response

    async def _openid(self, request: web.Request) -> web.Response:
        base = self.base_url
        return web.json_response(
            {
                "issuer": "https://api.botframework.com",
                "authorization_endpoint": "https://invalid.botframework.com",
                "jwks_uri": f"{base}/v1/.well-known/keys",
                "id_token_signing_alg_values_supported": ["RS256"],
                "token_endpoint_auth_methods_supported": ["private_key_jwt"],
            }
        )

    async def _keys(self, request: web.Request) -> web.Response:
        return web.json_response(self.jwks)

    async def _create_conversation(self, request: web.Request) -> web.Response:
        body = request[CALL].body
        if not isinstance(body, dict) or not (body.get("members") or body.get("isGroup")):
            return _error(400, "BadArgument", "Conversation parameters need members")
        return web.json_response({"id": f"a:private-{next(self._ids)}"}, status=201)

    async def _activity(self, request: web.Request) -> web.Response:
        body = request[CALL].body
        if not isinstance(body, dict) or not body.get("type"):
            return _error(400, "BadArgument", "An activity needs a type")
        if self.script:
            answer = self.script.pop(0)
            return web.json_response(
                answer.body or {}, status=answer.status, headers=answer.headers
            )
        return web.json_response({"id": f"1:activity-{next(self._ids)}"}, status=201)

    async def _update(self, request: web.Request) -> web.Response:
        return web.json_response({"id": request.match_info["activity"]})

    async def _deleted(self, request: web.Request) -> web.Response:
        return web.Response(status=200)

    async def _members(self, request: web.Request) -> web.Response:
        return web.json_response(self.rosters.get(request.match_info["conversation"], []))

    async def _download(self, request: web.Request) -> web.Response:
        data = self.sent.get(request.match_info["file"])
        if data is None or request.query.get("tempauth") != "v1.abc":
            return web.Response(status=401, text="the link is not valid")
        self.downloads += 1
        return web.Response(body=data, content_type="application/octet-stream")

    async def _upload(self, request: web.Request) -> web.Response:
        # An upload session takes the bytes with their Content-Range, as OneDrive does.
        data = await request.read()
        if self.drive_full:
            return _error(507, "quotaLimitReached", "Insufficient Storage")
        if request.headers.get("Content-Range") != f"bytes 0-{len(data) - 1}/{len(data)}":
            return _error(400, "invalidRange", "Content-Range does not match the body")
        file_id = request.match_info["file"]
        self.uploaded[file_id] = data
        return web.json_response({"id": file_id, "size": len(data)}, status=201)

    async def _member(self, request: web.Request) -> web.Response:
        return _error(404, "MemberNotFoundInConversation", "The member is not in it")

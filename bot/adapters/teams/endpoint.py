"""POST /api/messages: authenticate, translate, route, answer (connector message or invoke body)."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

import httpx
from fastapi import Request, Response
from fastapi.responses import JSONResponse
from microsoft_teams.api import Account
from microsoft_teams.api.activities.install_update.add import InstalledActivity
from microsoft_teams.api.activities.install_update.remove import UninstalledActivity
from microsoft_teams.api.activities.invoke.adaptive_card.action import AdaptiveCardInvokeActivity
from microsoft_teams.api.clients.conversation.params import CreateConversationParams
from microsoft_teams.api.models.adaptive_card.adaptive_card_action_response import (
    AdaptiveCardActionCardResponse,
    AdaptiveCardActionMessageResponse,
)
from pydantic import ValidationError

from bot.adapters.teams import refs
from bot.adapters.teams.auth import InboundAuth, KeysUnavailable, Unauthorized
from bot.adapters.teams.cards import render_card
from bot.adapters.teams.connector import Connector, message_for
from bot.adapters.teams.forms import restore
from bot.adapters.teams.inbound import (
    Place,
    event_id,
    is_bot_installed,
    is_bot_removed,
    parse,
    place_of,
    submitted_data,
    to_inbound,
)
from bot.services import Services
from core.messages import Inbound, Reply
from storage.events import first_time

log = logging.getLogger(__name__)

# The workspace for development traffic that names no tenant (Agents Playground, no auth).
DEV_TENANT = "agents-playground"
PRIVATE_NOTE = "I sent you the details in our 1:1 chat."
NO_PRIVATE_CHAT = (
    "Those numbers are personal, so I only show them in a 1:1 chat. "
    "Open a chat with me and ask there."
)


class TeamsEndpoint:
    """One instance per app; `auth` is None only in the explicit development mode."""

    def __init__(self, services: Services, connector: Connector, auth: InboundAuth | None):
        self.services = services
        self.connector = connector
        self.auth = auth

    async def __call__(self, request: Request) -> Response:
        try:
            body = await request.json()
        except ValueError:
            return JSONResponse({"error": "body is not JSON"}, status_code=400)
        if not isinstance(body, dict):
            return JSONResponse({"error": "body is not an activity"}, status_code=400)
        if self.auth is not None:
            try:
                service_url = body.get("serviceUrl")
                channel_id = body.get("channelId")
                await self.auth.check(
                    request.headers.get("authorization"),
                    service_url if isinstance(service_url, str) else None,
                    channel_id if isinstance(channel_id, str) else None,
                )
            except Unauthorized as exc:
                log.warning("Teams: rejected an unauthenticated request (%s)", exc)
                return JSONResponse({"error": "Unauthorized"}, status_code=401)
            except KeysUnavailable:
                return JSONResponse({"error": "signing keys unavailable"}, status_code=503)
        return await self.process(body)

    async def process(self, body: dict[str, Any]) -> Response:
        """An authenticated activity: store where it came from, answer it once."""
        try:
            activity = parse(body)
        except ValidationError:
            log.info("Teams: ignoring an activity the SDK cannot parse (type=%r)", body.get("type"))
            return Response(status_code=200)
        place = place_of(activity, None if self.auth else DEV_TENANT)
        if place is None:
            return Response(status_code=200)
        if is_bot_removed(activity) or isinstance(activity, UninstalledActivity):
            await refs.forget(self.services.sessions, place)
            return Response(status_code=200)
        await self._remember(place)
        if isinstance(activity, InstalledActivity):
            # Teams also sends a conversationUpdate for the same install; that one says hello.
            return Response(status_code=200)
        if is_bot_installed(activity):
            if await first_time(self.services.sessions, "teams", event_id(activity)):
                await self._welcome(place)
            return Response(status_code=200)
        inbound = to_inbound(activity, place)
        if inbound is None:
            return Response(status_code=200)
        if not await first_time(self.services.sessions, "teams", inbound.event_id):
            log.info("Teams: dropped a redelivered activity")
            return _invoke_ack() if isinstance(activity, AdaptiveCardInvokeActivity) else Response()
        reply = await self.services.router.handle(inbound)
        if reply.errors and reply.form is None and inbound.action is not None:
            # Show the same form again, with what was typed and each problem under its input.
            form = restore(submitted_data(activity), inbound.action.fields)
            reply = replace(reply, form=form)
        if isinstance(activity, AdaptiveCardInvokeActivity):
            return await self._invoke_response(reply, place)
        await self._deliver(reply, place)
        return Response(status_code=200)

    async def _remember(self, place: Place) -> None:
        try:
            await refs.remember(self.services.sessions, self.services.settings, place)
        except Exception:
            # A missing reference only costs a later nudge; the message itself still gets answered.
            log.exception("Teams: could not store the conversation reference")

    async def _welcome(self, place: Place) -> None:
        """On install, say hello with the help text (routed like any message)."""
        if not place.user:
            return
        inbound = Inbound(
            platform="teams",
            workspace=place.tenant,
            user=place.user,
            text="help",
            channel=place.channel,
            user_name=place.user_name,
            direct=place.direct,
        )
        reply = await self.services.router.handle(inbound)
        # The welcome goes to whoever installed it: it must be readable in a channel too.
        await self._post(place, replace(reply, private=False))

    async def _invoke_response(self, reply: Reply, place: Place) -> Response:
        """Action.Execute: a refusal pops up for the presser only; else the card is replaced."""
        if not reply.ok and not reply.errors and not reply.form:
            answer: Any = AdaptiveCardActionMessageResponse(value=reply.text)
        elif reply.private and not place.direct:
            # Replacing a channel card would show personal numbers to everyone in the channel.
            await self._deliver(reply, place)
            answer = AdaptiveCardActionMessageResponse(value=PRIVATE_NOTE)
        else:
            answer = AdaptiveCardActionCardResponse(value=render_card(reply))
        return JSONResponse(answer.model_dump(by_alias=True, exclude_none=True))

    async def _deliver(self, reply: Reply, place: Place) -> None:
        if place.direct or not reply.private:
            await self._post(place, reply)
            return
        # Personal numbers asked for in a channel or group chat go to the asker's 1:1 chat.
        if await self._post_privately(place, reply):
            await self._post(place, Reply(text=PRIVATE_NOTE, private=False))
        else:
            await self._post(place, Reply(text=NO_PRIVATE_CHAT, private=False))

    async def _post(self, place: Place, reply: Reply) -> None:
        try:
            await self.connector.send(place.service_url, place.conversation_id, message_for(reply))
        except httpx.HTTPError as exc:
            log.warning("Teams: could not post the reply: %s", exc)

    async def _post_privately(self, place: Place, reply: Reply) -> bool:
        if not place.user or not place.user_account_id:
            return False
        target = await refs.lookup(self.services.sessions, place.tenant, "user", place.user)
        try:
            if target is None:
                conversation = await self._open_chat(place)
                target = refs.Target(place.service_url, conversation)
            await self.connector.send(
                target.service_url, target.conversation_id, message_for(reply)
            )
        except httpx.HTTPError as exc:
            # Typically 403: the app is not installed for this user personally.
            log.info("Teams: could not reach the user 1:1: %s", exc)
            return False
        return True

    async def _open_chat(self, place: Place) -> str:
        """Create (or get back) the bot's 1:1 conversation with the sender and remember it."""
        params = CreateConversationParams(
            members=[Account(id=place.user_account_id or "")],
            tenant_id=place.tenant,
            channel_data={"tenant": {"id": place.tenant}},
        )
        created = await self.connector.api(place.service_url).conversations.create(params)
        personal = replace(place, conversation_id=created.id, conversation_type="personal")
        await self._remember(personal)
        return created.id


def _invoke_ack() -> Response:
    body = AdaptiveCardActionMessageResponse(value="Already done.")
    return JSONResponse(body.model_dump(by_alias=True, exclude_none=True))

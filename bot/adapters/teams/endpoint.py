"""POST /api/messages: token first, then the body; store the activity, answer it, reply.

Every activity we answer is stored in the inbox before Teams gets its HTTP answer and is
answered from there, like Slack's requests. Teams waits for our HTTP answer (about 15 s),
so the request waits for its row to be answered: a card button (invoke) gets its card
back in the answer itself, a message's reply is posted through the outbox first. Past
ANSWER_BUDGET the request is answered anyway and the reply follows as a message.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from typing import Any

import httpx
from fastapi import Request, Response
from fastapi.responses import JSONResponse
from microsoft_teams.api.activities.install_update.add import InstalledActivity
from microsoft_teams.api.activities.install_update.remove import UninstalledActivity
from microsoft_teams.api.activities.invoke.adaptive_card.action import AdaptiveCardInvokeActivity
from microsoft_teams.api.activities.invoke.file_consent import FileConsentInvokeActivity
from microsoft_teams.api.models.adaptive_card.adaptive_card_action_response import (
    AdaptiveCardActionCardResponse,
    AdaptiveCardActionMessageResponse,
)
from pydantic import ValidationError

from bot.adapters.teams import refs
from bot.adapters.teams.answers import DEV_TENANT, PLATFORM, PRIVATE_NOTE, TeamsAnswers
from bot.adapters.teams.auth import InboundAuth, KeysUnavailable, Unauthorized
from bot.adapters.teams.cards import render_card
from bot.adapters.teams.connector import Connector
from bot.adapters.teams.files import consented
from bot.adapters.teams.inbound import (
    Place,
    event_id,
    is_bot_installed,
    is_bot_removed,
    parse,
    place_of,
    to_inbound,
)
from bot.http_guard import json_object
from bot.inbox_job import Stopping, Waiter
from bot.inbox_worker import InboxWorker
from bot.services import Services
from core.messages import Reply
from storage.inbox import New

log = logging.getLogger(__name__)

# Seconds a request waits for its row's answer; Bot Framework gives up after about 15.
ANSWER_BUDGET = 10.0
LATER = "Working on it: the answer follows in this chat."


class TeamsEndpoint:
    """One instance per app; `auth` is None only in the explicit development mode."""

    def __init__(self, services: Services, connector: Connector, auth: InboundAuth | None):
        self.services = services
        self.connector = connector
        self.auth = auth
        self.answers = TeamsAnswers(services, connector, dev=auth is None)
        self.inbox: InboxWorker | None = None

    def attach(self, inbox: InboxWorker) -> None:
        self.inbox = inbox
        inbox.register(PLATFORM, self.answers.process)
        inbox.replies.transports[PLATFORM] = self.answers

    async def __call__(self, request: Request) -> Response:
        verified = None
        if self.auth is not None:
            # The token is checked before the body is parsed: strangers cost no JSON work.
            try:
                verified = await self.auth.check(request.headers.get("authorization"))
            except Unauthorized as exc:
                log.warning("Teams: rejected an unauthenticated request (%s)", exc)
                return JSONResponse({"error": "Unauthorized"}, status_code=401)
            except KeysUnavailable:
                return JSONResponse({"error": "signing keys unavailable"}, status_code=503)
        body = json_object(await request.body())
        if body is None:
            return JSONResponse({"error": "body is not an activity"}, status_code=400)
        if self.auth is not None and verified is not None:
            service_url, channel_id = body.get("serviceUrl"), body.get("channelId")
            try:
                await self.auth.bind(
                    verified,
                    service_url if isinstance(service_url, str) else None,
                    channel_id if isinstance(channel_id, str) else None,
                )
            except Unauthorized as exc:
                log.warning("Teams: rejected an unauthenticated request (%s)", exc)
                return JSONResponse({"error": "Unauthorized"}, status_code=401)
            except KeysUnavailable:
                return JSONResponse({"error": "signing keys unavailable"}, status_code=503)
        try:
            return await self.process(body)
        except Stopping:
            return JSONResponse({"error": "shutting down"}, status_code=503)

    async def process(self, body: dict[str, Any]) -> Response:
        """An authenticated activity: remember where it came from, store it, answer it."""
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
        await self.answers.remember(place)
        if isinstance(activity, InstalledActivity):
            # Teams also sends a conversationUpdate for the same install; that one says hello.
            return Response(status_code=200)
        if isinstance(activity, FileConsentInvokeActivity):
            return await self._consent(activity, place)
        invoke = isinstance(activity, AdaptiveCardInvokeActivity)
        if is_bot_installed(activity):
            kind = "welcome"
        elif to_inbound(activity, place) is not None:
            kind = "invoke" if invoke else "activity"
        else:
            return Response(status_code=200)
        assert self.inbox is not None, "TeamsEndpoint.attach() was not called"
        key = event_id(activity) or hashlib.sha256(json.dumps(body).encode()).hexdigest()
        payload = json.dumps({"body": body}, separators=(",", ":"))
        waiter = Waiter()
        stored = await self.inbox.put(
            New(PLATFORM, key, kind, payload, place.tenant), urgent=True, waiter=waiter
        )
        if stored.duplicate:
            log.info("Teams: dropped a redelivered activity")
            return _invoke_message("Already done.") if invoke else Response()
        answer = await _wait(waiter)
        if not invoke:
            return Response(status_code=200)
        if answer is None:
            return _invoke_message(LATER)
        return _invoke_answer(answer, privately=self.answers.sent_privately(answer, place))

    async def _consent(self, activity: FileConsentInvokeActivity, place: Place) -> Response:
        """A FileConsentCard answered: the upload happens here, before the invoke's 200 (it
        writes no data of ours, only sends a file the person already asked for, once)."""
        message = await consented(self.services.sessions, activity, place, self.services.clock())
        try:
            await self.connector.send(place.service_url, place.conversation_id, message)
        except httpx.HTTPError as exc:
            log.info("Teams: could not post the file card: %s", exc)
        return Response(status_code=200)


async def _wait(waiter: Waiter) -> Reply | None:
    try:
        return await asyncio.wait_for(asyncio.shield(waiter.answer), ANSWER_BUDGET)
    except TimeoutError:
        if waiter.give_up():
            return None
    # Taken just now: its answer commits in a moment.
    try:
        return await asyncio.wait_for(asyncio.shield(waiter.answer), 3.0)
    except TimeoutError:
        return None


def _invoke_answer(reply: Reply, *, privately: bool) -> Response:
    """Action.Execute: a refusal pops up for the presser only; else the card is replaced."""
    if not reply.ok and not reply.errors and not reply.form:
        return _invoke_message(reply.text)
    if privately:
        # Replacing a channel card would show personal numbers to everyone in the channel.
        return _invoke_message(PRIVATE_NOTE)
    body = AdaptiveCardActionCardResponse(value=render_card(reply))
    return JSONResponse(body.model_dump(by_alias=True, exclude_none=True))


def _invoke_message(text: str) -> Response:
    body = AdaptiveCardActionMessageResponse(value=text)
    return JSONResponse(body.model_dump(by_alias=True, exclude_none=True))

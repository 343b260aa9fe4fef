"""Teams activities out of the inbox: answer each one, and send its reply through the outbox."""

from __future__ import annotations

import dataclasses
import json
import logging
from dataclasses import replace
from typing import Any

import httpx
from microsoft_teams.api import Account, Activity
from microsoft_teams.api.activities.message.message import MessageActivityInput
from microsoft_teams.api.clients.conversation.params import CreateConversationParams

from bot.adapters.teams import refs
from bot.adapters.teams.connector import Connector, message_for
from bot.adapters.teams.files import fetched, offer
from bot.adapters.teams.forms import restore
from bot.adapters.teams.inbound import Place, parse, place_of, submitted_data, to_inbound
from bot.adapters.teams.install import installed
from bot.adapters.teams.notifier import PERMANENT
from bot.inbox_job import Job, Outgoing
from bot.services import Services
from bot.wire import dump_reply, load_reply
from core.messages import Inbound, Reply
from scheduler.notify import SendResult
from storage.replies import Queued

log = logging.getLogger(__name__)

PLATFORM = "teams"
# The workspace for development traffic that names no tenant (Agents Playground, no auth).
DEV_TENANT = "agents-playground"
PRIVATE_NOTE = "I sent you the details in our 1:1 chat."
NO_PRIVATE_CHAT = (
    "Those numbers are personal, so I only show them in a 1:1 chat. "
    "Open a chat with me and ask there."
)


class TeamsAnswers:
    """The inbox processor and the reply transport for Teams."""

    def __init__(self, services: Services, connector: Connector, *, dev: bool) -> None:
        self.services = services
        self.connector = connector
        self.dev = dev

    async def remember(self, place: Place) -> None:
        try:
            await refs.remember(self.services.sessions, self.services.settings, place)
        except Exception:
            # A missing reference only costs a later nudge; the message itself still gets answered.
            log.exception("Teams: could not store the conversation reference")

    @staticmethod
    def sent_privately(reply: Reply, place: Place) -> bool:
        """Personal numbers asked for in a channel go to the asker's 1:1 chat instead."""
        refused = not reply.ok and not reply.errors and not reply.form
        return reply.private and not place.direct and not refused

    # -- the processor --------------------------------------------------------------------

    async def process(self, job: Job) -> None:
        activity = parse(job.data["body"])
        place = place_of(activity, DEV_TENANT if self.dev else None)
        inbound = to_inbound(activity, place) if place is not None else None
        if place is not None and job.row.kind == "welcome" and place.user:
            await installed(self.services, self.connector, activity, place)
            inbound = Inbound(
                platform="teams",
                workspace=place.tenant,
                user=place.user,
                text="help",
                channel=place.channel,
                user_name=place.user_name,
                direct=place.direct,
            )
        if place is None or inbound is None:
            await job.finish(None)
            return
        # A file sent with the message is fetched now, not at the HTTP answer.
        inbound = await fetched(inbound)
        reply: Reply | None = None
        try:
            sealing = job.sealing(lambda r: self._outgoing(job, activity, inbound, place, r))
            answer = await self.services.router.handle(inbound, sealing)
            reply = self._shown(job, activity, inbound, answer)
            if not sealing.sealed:
                await job.finish(self._outgoing(job, activity, inbound, place, reply))
            await job.send_now()
        finally:
            waiter = job.waiter
            if waiter is not None:
                waiter.give(reply or Reply(text="Sorry, something went wrong.", ok=False))

    def _shown(self, job: Job, activity: Activity, inbound: Inbound, reply: Reply) -> Reply:
        if job.row.kind == "welcome":
            # The welcome goes to whoever installed it: it must be readable in a channel too.
            return replace(reply, private=False)
        if reply.errors and reply.form is None and inbound.action is not None:
            # Show the same form again, with what was typed and each problem under its input.
            return replace(reply, form=restore(submitted_data(activity), inbound.action.fields))
        return reply

    def _outgoing(
        self, job: Job, activity: Activity, inbound: Inbound, place: Place, reply: Reply
    ) -> Outgoing | None:
        reply = self._shown(job, activity, inbound, reply)
        if job.row.kind == "invoke" and job.inline() and not self.sent_privately(reply, place):
            return None  # the invoke's HTTP answer carries it (a new card or a pop-up)
        payload = {"place": dataclasses.asdict(place), "reply": dump_reply(reply)}
        return Outgoing(conversation=place.conversation_id, payload=payload)

    # -- the transport ----------------------------------------------------------------------

    async def send(self, queued: Queued) -> SendResult:
        data: dict[str, Any] = json.loads(queued.payload)
        place, reply = Place(**data["place"]), load_reply(data["reply"])
        try:
            if not self.sent_privately(reply, place):
                await self._post(place, reply)
            elif await self._post_privately(place, reply):
                await self._note(place, PRIVATE_NOTE)
            else:
                await self._note(place, NO_PRIVATE_CHAT)
            await self._offer_file(place, reply)
        except httpx.HTTPStatusError as exc:
            status = exc.response.status_code
            return SendResult(ok=False, error=f"HTTP {status}", permanent=status in PERMANENT)
        except httpx.HTTPError as exc:
            return SendResult(ok=False, error=f"{type(exc).__name__}: {exc}")
        return SendResult(ok=True)

    async def arrived(self, queued: Queued) -> bool | None:
        return None  # a bot cannot read a Teams conversation back

    async def _post(self, place: Place, reply: Reply) -> None:
        await self.connector.send(place.service_url, place.conversation_id, message_for(reply))

    async def _note(self, place: Place, text: str) -> None:
        try:
            await self._post(place, Reply(text=text, private=False))
        except httpx.HTTPError as exc:
            log.warning("Teams: could not post a note: %s", exc)

    async def _post_privately(self, place: Place, reply: Reply) -> bool:
        return await self._to_personal(place, message_for(reply))

    async def _to_personal(self, place: Place, message: MessageActivityInput) -> bool:
        """Post into the sender's 1:1 chat with the bot (opened when there is none yet)."""
        if place.direct:
            await self.connector.send(place.service_url, place.conversation_id, message)
            return True
        if not place.user or not place.user_account_id:
            return False
        target = await refs.lookup(self.services.sessions, place.tenant, "user", place.user)
        try:
            if target is None:
                conversation = await self._open_chat(place)
                target = refs.Target(place.service_url, conversation)
            await self.connector.send(target.service_url, target.conversation_id, message)
        except httpx.HTTPError as exc:
            # Typically 403: the app is not installed for this user personally.
            log.info("Teams: could not reach the user 1:1: %s", exc)
            return False
        return True

    async def _offer_file(self, place: Place, reply: Reply) -> None:
        """An export comes as a FileConsentCard in the 1:1 chat (the only place Teams lets a
        bot send files); the file waits in chat_files until the person accepts."""
        if reply.attachment is None or not reply.attachment.direct:
            return
        card = await offer(self.services.sessions, place, reply.attachment, self.services.clock())
        try:
            offered = card is not None and await self._to_personal(place, card)
        except httpx.HTTPError as exc:
            # The answer is out already: a failed offer must not make the outbox send it again.
            log.info("Teams: could not offer the file: %s", exc)
            offered = False
        if not offered:
            await self._note(place, "I couldn't offer you the file in our 1:1 chat.")

    async def _open_chat(self, place: Place) -> str:
        """Create (or get back) the bot's 1:1 conversation with the sender and remember it."""
        params = CreateConversationParams(
            members=[Account(id=place.user_account_id or "")],
            tenant_id=place.tenant,
            channel_data={"tenant": {"id": place.tenant}},
        )
        created = await self.connector.api(place.service_url).conversations.create(params)
        personal = replace(place, conversation_id=created.id, conversation_type="personal")
        await self.remember(personal)
        return created.id

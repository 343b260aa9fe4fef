"""Slack requests in and out of the inbox: store before the ack, answer from a worker."""

from __future__ import annotations

import dataclasses
import logging
import time
from dataclasses import dataclass, field

from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack import home
from bot.adapters.slack.background import Background
from bot.adapters.slack.delivery import Destination
from bot.adapters.slack.files import fetched
from bot.adapters.slack.people import introduce
from bot.adapters.slack.work import HOME, PLATFORM, SUBMIT, Work, load, new
from bot.adapters.slack.workspaces import Clients
from bot.inbox_job import Job, Outgoing, Stored, Waiter
from bot.inbox_worker import InboxWorker
from bot.services import Services
from bot.wire import dump_reply
from core.actions import WRITING, ActionId
from core.messages import Inbound, Reply

log = logging.getLogger(__name__)

# How long after opening App Home a person may still be looking at it.
HOME_SEEN_FOR = 30 * 60


def logged_something(inbound: Inbound, reply: Reply) -> bool:
    if not reply.ok:
        return False
    # A reply offering Undo saved something; so did a Yes, an Undo or a form that went through.
    if any(b.action_id == ActionId.UNDO for b in reply.buttons):
        return True
    return inbound.action is not None and inbound.action.action_id in WRITING


def outgoing(team: str, reply: Reply, to: Destination) -> Outgoing:
    """The reply row's payload: what to say, where, in which workspace."""
    data = {"team": team, "reply": dump_reply(reply), "to": dataclasses.asdict(to)}
    return Outgoing(conversation=to.channel or to.user, payload=data)


@dataclass
class Flows:
    services: Services
    background: Background = field(default_factory=Background)
    # App Home is refreshed this long after a log, so that a burst of logs costs one publish.
    home_delay: float = 1.0
    inbox: InboxWorker | None = None
    clients: Clients | None = None
    _home_due: set[tuple[str, str]] = field(default_factory=set)
    # Who opened App Home lately (monotonic seconds): only their view can be on screen, stale.
    _home_viewers: dict[tuple[str, str], float] = field(default_factory=dict)

    def attach(self, inbox: InboxWorker, clients: Clients) -> None:
        """Store into and answer from this worker; reach workspaces through `clients`."""
        self.inbox, self.clients = inbox, clients
        inbox.register(PLATFORM, self.process)

    async def store(
        self, work: Work, key: str, *, urgent: bool = False, waiter: Waiter | None = None
    ) -> Stored:
        """The row is committed when this returns: only then may the listener ack."""
        assert self.inbox is not None, "Flows.attach() was not called"
        return await self.inbox.put(new(work, key), urgent=urgent, waiter=waiter)

    async def process(self, job: Job) -> None:
        """Answer one stored request (the inbox worker's processor for Slack)."""
        assert self.clients is not None
        work = load(job.row.kind, job.data)
        client = await self.clients.get(job.row.workspace)
        if client is None:
            log.info("Slack: %s is no longer installed; dropping its request", job.row.workspace)
            await job.finish(None)
            return
        if work.kind == HOME:
            await self.open_home(work.inbound, client)
            await job.finish(None)
            return
        inbound = await introduce(work.inbound, client, self.services.sessions)
        # Downloaded here, not at the ack: Slack wants its answer within 3 s.
        inbound = await fetched(inbound, client)
        to = _fresh(work.to, job)
        reply: Reply | None = None
        try:
            sealing = job.sealing(lambda answer: self._outgoing(job, work, answer, to))
            reply = await self.services.router.handle(inbound, sealing)
            if not sealing.sealed:
                await job.finish(self._outgoing(job, work, reply, to))
        finally:
            waiter = job.waiter
            if waiter is not None:
                waiter.give(reply or Reply(text="", ok=False))
        job.send()
        if logged_something(inbound, reply):
            self.refresh_home_soon(client, inbound)

    def _outgoing(self, job: Job, work: Work, reply: Reply, to: Destination) -> Outgoing | None:
        if work.kind == SUBMIT and (reply.errors or reply.form is not None) and job.inline():
            return None  # shown inside the modal by the ack itself
        return outgoing(job.row.workspace, reply, to)

    def refresh_home_soon(self, client: AsyncWebClient, person: Inbound) -> None:
        """One App Home refresh per person per `home_delay`, however many logs came in.

        Only for people who opened App Home in the last HOME_SEEN_FOR seconds: anyone else
        gets a freshly composed view the moment they open it (app_home_opened).
        """
        key = (person.workspace, person.user)
        seen = self._home_viewers.get(key)
        if seen is None or time.monotonic() - seen > HOME_SEEN_FOR:
            self._home_viewers.pop(key, None)
            return
        if key in self._home_due:
            return
        self._home_due.add(key)

        async def refresh() -> None:
            # Cleared before reading: a log committed after this point schedules another.
            self._home_due.discard(key)
            await home.publish(client, self.services.router, person)

        self.background.spawn_later(self.home_delay, refresh, name="slack-home-refresh")

    async def open_home(self, person: Inbound, client: AsyncWebClient) -> None:
        self._home_viewers[(person.workspace, person.user)] = time.monotonic()
        person = await introduce(person, client, self.services.sessions)
        await home.publish(client, self.services.router, person)


def _fresh(to: Destination, job: Job) -> Destination:
    """Drop what has expired since the request came in (a restart, a backlog)."""
    if to.trigger_id and job.age.total_seconds() > TRIGGER_LIFE:
        to = dataclasses.replace(to, trigger_id=None)
    return to


# Slack expires a trigger_id 3 s after the click: later, a form is offered as a button.
TRIGGER_LIFE = 3.0

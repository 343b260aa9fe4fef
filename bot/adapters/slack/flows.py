"""What happens after the ack: one function per kind of interaction, router in the middle."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack import home
from bot.adapters.slack.background import Background
from bot.adapters.slack.delivery import Destination, deliver
from bot.adapters.slack.people import introduce
from bot.services import Services
from core.actions import WRITING, ActionId
from core.messages import Inbound, Reply
from storage.events import first_time

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


@dataclass
class Flows:
    services: Services
    background: Background = field(default_factory=Background)
    # App Home is refreshed this long after a log, so that a burst of logs costs one publish.
    home_delay: float = 1.0
    _home_due: set[tuple[str, str]] = field(default_factory=set)
    # Who opened App Home lately (monotonic seconds): only their view can be on screen, stale.
    _home_viewers: dict[tuple[str, str], float] = field(default_factory=dict)

    async def answer(self, inbound: Inbound, client: AsyncWebClient, to: Destination) -> None:
        """Identify the person (first contact), ask the router, deliver, refresh App Home."""
        inbound = await introduce(inbound, client, self.services.sessions)
        reply = await self.services.router.handle(inbound)
        await self.deliver(inbound, reply, client, to)

    async def event(self, inbound: Inbound, client: AsyncWebClient, to: Destination) -> None:
        # Slack retries after 3 s without an ack (X-Slack-Retry-Num); the row decides once.
        if not await first_time(self.services.sessions, "slack", inbound.event_id):
            log.info("dropping a Slack retry of an event already handled")
            return
        await self.answer(inbound, client, to)

    async def deliver(
        self, inbound: Inbound, reply: Reply, client: AsyncWebClient, to: Destination
    ) -> None:
        await deliver(client, reply, to)
        if logged_something(inbound, reply):
            self.refresh_home_soon(client, inbound)

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
        if not await first_time(self.services.sessions, "slack", person.event_id):
            return
        self._home_viewers[(person.workspace, person.user)] = time.monotonic()
        person = await introduce(person, client, self.services.sessions)
        await home.publish(client, self.services.router, person)

"""Proactive Teams sends for the scheduler: paced per conversation, retried as Teams asks."""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx
from microsoft_teams.api.activities.message.message import MessageActivityInput
from microsoft_teams.api.models import Account
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    stop_before_delay,
)

from bot.adapters.teams import refs
from bot.adapters.teams.cards import markdown
from bot.adapters.teams.connector import Connector, message_for
from scheduler.notify import Outbound, SendResult

log = logging.getLogger(__name__)

# Teams throttles bots at about 7 messages per second per conversation (and 60 per 30 s
# per thread); we pace below that so bursts (a leaderboard to many channels) do not hit 429.
PER_CONVERSATION_PER_SECOND = 7.0
# Teams' documented transient answers: throttled, precondition (412), bad gateway, timeout.
RETRYABLE = frozenset({429, 412, 502, 504})
# 403/404: the bot was removed, the user left or blocked it; retrying never helps.
PERMANENT = frozenset({400, 401, 403, 404})
ATTEMPTS = 5
MAX_WAIT_SECONDS = 60.0
# The dispatcher gives one send 30 s; past this budget we hand Retry-After back to it instead
# of sleeping here, so a long throttle never turns into a timeout (and a possible duplicate).
RETRY_BUDGET_SECONDS = 15.0

Sleep = Callable[[float], Awaitable[None]]


class Pacer:
    """Spaces sends to one conversation 1/rate seconds apart (slots are reserved atomically)."""

    def __init__(
        self,
        rate: float = PER_CONVERSATION_PER_SECOND,
        clock: Callable[[], float] = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.interval = 1.0 / rate
        self.clock = clock
        self.sleep = sleep
        self._next: dict[str, float] = {}

    async def wait(self, key: str) -> None:
        now = self.clock()
        slot = max(now, self._next.get(key, now))
        self._next[key] = slot + self.interval
        if len(self._next) > 10_000:
            self._next = {k: v for k, v in self._next.items() if v > now}
        if slot > now:
            await self.sleep(slot - now)


def retry_after(exc: BaseException) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date), if the answer had one."""
    if not isinstance(exc, httpx.HTTPStatusError):
        return None
    raw = exc.response.headers.get("retry-after")
    if not raw:
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _retryable(exc: BaseException) -> bool:
    if isinstance(exc, httpx.HTTPStatusError):
        return exc.response.status_code in RETRYABLE
    return isinstance(exc, httpx.TransportError)


def _wait(state: RetryCallState) -> float:
    """Retry-After when Teams gave one, else exponential backoff (1, 2, 4 s...) with full jitter."""
    outcome = state.outcome
    exc = outcome.exception() if outcome is not None else None
    stated = retry_after(exc) if exc is not None else None
    if stated is not None:
        return min(stated, MAX_WAIT_SECONDS)
    ceiling = min(MAX_WAIT_SECONDS, 2.0 ** (state.attempt_number - 1))
    return random.uniform(ceiling / 2, ceiling)


def _with_mentions(message: Outbound) -> MessageActivityInput:
    """A text message that @-mentions each person (a mention entity per name), then the reply.

    The people are named by their Entra object id, which Teams accepts in a mention.
    """
    activity = MessageActivityInput(text="", text_format="markdown")
    for mention in message.mentions:
        activity.add_mention(Account(id=mention.user, name=mention.name))
        activity.add_text(" ")
    return activity.add_text(markdown(message.reply.text))


class TeamsNotifier:
    """The scheduler's Notifier for Teams, sending to stored conversation references."""

    platform = "teams"

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        connector: Connector,
        *,
        attempts: int = ATTEMPTS,
        budget: float = RETRY_BUDGET_SECONDS,
        sleep: Sleep = asyncio.sleep,
        pacer: Pacer | None = None,
    ) -> None:
        self.sessions = sessions
        self.connector = connector
        self.attempts = attempts
        self.budget = budget
        self.sleep = sleep
        self.pacer = pacer or Pacer(sleep=sleep)

    async def send(self, message: Outbound) -> SendResult:
        kind, key = ("channel", message.channel) if message.channel else ("user", message.user)
        if not key:
            return SendResult(ok=False, error="no user or channel to send to", permanent=True)
        target = await refs.lookup(self.sessions, message.workspace, kind, key)
        if target is None:
            # Teams only lets a bot message someone after an install or a first message.
            return SendResult(
                ok=False, error=f"no Teams conversation known for {kind} {key}", permanent=True
            )
        activity = _with_mentions(message) if message.mentions else message_for(message.reply)
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.attempts) | stop_before_delay(self.budget),
            wait=_wait,
            retry=retry_if_exception(_retryable),
            sleep=self.sleep,
            reraise=True,
        )
        # A channel post's thread is its own conversation, "<channel>;messageid=<post id>":
        # what Teams gives inbound thread messages, and where a reply shows under the post.
        conversation = target.conversation_id
        if message.thread:
            conversation = f"{conversation};messageid={message.thread}"
        sent: str | None = None
        try:
            async for attempt in retrying:
                with attempt:
                    await self.pacer.wait(target.conversation_id)
                    sent = await self.connector.send(target.service_url, conversation, activity)
        except httpx.HTTPStatusError as exc:
            status = exc.response.status_code
            log.warning("Teams: send to %s %s failed with HTTP %s", kind, key, status)
            return SendResult(
                ok=False,
                retry_after=retry_after(exc),
                error=f"HTTP {status}",
                permanent=status in PERMANENT,
            )
        except httpx.HTTPError as exc:
            return SendResult(ok=False, error=f"{type(exc).__name__}: {exc}")
        return SendResult(ok=True, message_id=sent or None)

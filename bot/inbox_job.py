"""One claimed inbox row as its platform's processor sees it: finish it with the write."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal, Protocol

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.sealing import Sealing
from core.messages import Actor, Reply
from storage import inbox, replies
from storage.inbox import Claimed


@dataclass(frozen=True)
class WorkerConfig:
    # Rows answered at once; SQLite has one writer, so more only queues on its lock.
    concurrency: int = 8
    # Rows held in memory (running + waiting); the rest wait in the database.
    capacity: int = 256
    lease: timedelta = timedelta(seconds=30)
    max_attempts: int = 5
    backoff: timedelta = timedelta(seconds=5)
    # Done rows are kept this long: a replay within Slack's 5-minute signature window is
    # recognised by its key.
    keep_done: timedelta = timedelta(days=1)


class Stopping(Exception):
    """The process is shutting down and takes no new requests (the platform retries)."""


@dataclass(frozen=True)
class Stored:
    """The outcome of `put`: the row's id, and whether this request is a replay."""

    id: int | None
    duplicate: bool


@dataclass(frozen=True)
class Outgoing:
    """A reply to queue in the outbox: the platform's own transport reads `payload` back."""

    conversation: str
    payload: dict[str, Any]


class Waiter:
    """An HTTP request holding its answer open for one row (a Slack modal ack, a Teams invoke).

    Whoever moves first wins: the processor `take`s it when an answer is ready (the request
    then carries that answer), or the request gives up after its time budget (the answer
    then goes out as a message). Both moves are synchronous, so they cannot interleave.
    """

    def __init__(self) -> None:
        self.state: Literal["waiting", "taken", "gone"] = "waiting"
        self.answer: asyncio.Future[Reply] = asyncio.get_running_loop().create_future()

    def take(self) -> bool:
        if self.state != "waiting":
            return False
        self.state = "taken"
        return True

    def give(self, reply: Reply) -> None:
        if not self.answer.done():
            self.answer.set_result(reply)

    def give_up(self) -> bool:
        """The request stops waiting; False when the processor already took it."""
        if self.state != "waiting":
            return False
        self.state = "gone"
        return True


class Host(Protocol):
    """What a job needs from the worker that runs it."""

    sessions: async_sessionmaker[AsyncSession]
    clock: Callable[[], datetime]
    hold: timedelta

    def waiter(self, row_id: int) -> Waiter | None: ...

    def send_soon(self, reply_id: int, *, urgent: bool) -> None: ...

    async def send_now(self, reply_id: int) -> None: ...

    async def workspace_id(self, session: AsyncSession, platform: str, workspace: str) -> int: ...


@dataclass
class Job:
    row: Claimed
    host: Host
    urgent: bool = False
    reply_id: int | None = field(default=None, init=False)
    data: dict[str, Any] = field(init=False)
    _inline: bool | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        loaded = json.loads(self.row.payload)
        self.data = loaded if isinstance(loaded, dict) else {}

    @property
    def waiter(self) -> Waiter | None:
        return self.host.waiter(self.row.id)

    def inline(self) -> bool:
        """Whether the request still waiting for this row carries its answer (decided once)."""
        if self._inline is None:
            waiter = self.waiter
            self._inline = waiter is not None and waiter.take()
        return self._inline

    @property
    def age(self) -> timedelta:
        return self.host.clock() - self.row.received_at

    def sealing(self, outgoing: Callable[[Reply], Outgoing | None]) -> Sealing:
        """For Router.handle: mark the row done and queue `outgoing(reply)` with the write."""

        async def step(session: AsyncSession, actor: Actor, reply: Reply) -> None:
            await inbox.finish(session, self.row.id, self.row.attempt, self.host.clock())
            out = outgoing(reply)
            if out is not None:
                self.reply_id = await self._queue(session, out, actor.workspace_id, actor.user_id)

        return Sealing(step)

    async def finish(self, out: Outgoing | None) -> None:
        """Mark the row done (and queue `out`) in a transaction of its own: nothing was written."""
        async with self.host.sessions() as session, session.begin():
            await inbox.finish(session, self.row.id, self.row.attempt, self.host.clock())
            if out is not None:
                ws = await self.host.workspace_id(session, self.row.platform, self.row.workspace)
                self.reply_id = await self._queue(session, out, ws, None)

    def send(self) -> None:
        """Send what was queued, soon (the reply sender batches it with others)."""
        if self.reply_id is not None:
            self.host.send_soon(self.reply_id, urgent=self.urgent)

    async def send_now(self) -> None:
        """Send what was queued and wait for it (a request is held open for it)."""
        if self.reply_id is not None:
            await self.host.send_now(self.reply_id)

    async def _queue(
        self, session: AsyncSession, out: Outgoing, workspace_id: int, user_id: int | None
    ) -> int:
        payload = {**out.payload, "received_at": self.row.received_at.isoformat()}
        return await replies.queue(
            session,
            key=f"reply:{self.row.platform}:{self.row.id}",
            workspace_id=workspace_id,
            user_id=user_id,
            platform=self.row.platform,
            conversation=out.conversation,
            payload=json.dumps(payload),
            now=self.host.clock(),
            hold=self.host.hold,
        )


# A platform's processor: answer one job (raise to have it retried with backoff).
Processor = Callable[[Job], Awaitable[None]]

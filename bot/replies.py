"""Send the replies inbox rows queued with their writes: at once, in batches, never twice.

A reply row is committed with the write it answers (bot/inbox_job.py). This process then
sends it at once: one transaction marks a batch `sending` (and records the sends finished
meanwhile), then the platform calls run side by side. A row whose process died before
sending is picked up by any replica's sweep; one that was on the wire when its process
died is in doubt, and is sent again only when its platform says it never arrived.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine, Sequence
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.write_gate import WriteGate
from scheduler.notify import SendResult
from storage import replies
from storage.replies import IN_DOUBT, Queued

log = logging.getLogger(__name__)

BATCH = 64
# The pump waits this long before each transaction, so the replies of a burst share one:
# at 250 logs/s a batch was 1.5 replies, and the pump's transactions were a quarter of all
# (issue 18's profile). Nobody notices 10 ms on a chat reply.
LINGER = 0.01
# A send that failed for a reason worth retrying waits this long, then the sweep resends it.
BACKOFF = timedelta(seconds=15)
MAX_ATTEMPTS = 4


class Transport(Protocol):
    """How one platform delivers a queued reply, and tells whether an in-doubt one arrived."""

    async def send(self, reply: Queued) -> SendResult: ...

    async def arrived(self, reply: Queued) -> bool | None:
        """True: it is there; False: it never arrived; None: the platform cannot say."""
        ...


class ReplySender:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        clock: Callable[[], datetime],
        *,
        lease: timedelta,
        write: WriteGate,
        concurrency: int = 32,
    ) -> None:
        self.sessions = sessions
        self.clock = clock
        self.lease = lease
        self.transports: dict[str, Transport] = {}
        self._write = write
        # Batches being started at once: more would only queue for the database.
        self._batches = asyncio.Semaphore(2)
        self._due: list[int] = []
        self._sent: list[int] = []
        self._calls = asyncio.Semaphore(concurrency)
        self._tasks: set[asyncio.Task[Any]] = set()
        self._pumping = False

    def _spawn(self, work: Coroutine[Any, Any, None], name: str) -> None:
        task = asyncio.create_task(work, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("reply sending failed", exc_info=task.exception())

    def soon(self, reply_id: int, *, urgent: bool = False) -> None:
        """Send this reply soon; `urgent` ones skip the line (a trigger_id expires in 3 s)."""
        if urgent:
            self._spawn(self._send_batch([reply_id]), "reply-urgent")
            return
        self._due.append(reply_id)
        self._kick()

    async def now(self, reply_id: int) -> None:
        """Send this reply and return when it is out (the caller holds a request open)."""
        await self._send_batch([reply_id])

    async def _pump(self) -> None:
        """Book-keep in as few transactions as the load allows: each one records the sends
        finished meanwhile and starts the replies due meanwhile. The lists are taken once
        the write is ours, so whatever piled up while we waited for it goes in too."""
        try:
            while self._due or self._sent:
                if len(self._due) < BATCH:
                    await asyncio.sleep(LINGER)
                async with self._batches, self._write() as session:
                    sent, self._sent = self._sent, []
                    due, self._due = self._due[:BATCH], self._due[BATCH:]
                    if sent:
                        await replies.mark_sent(session, sent, self.clock())
                    started = (
                        await replies.start_sending(session, due, self.clock() + self.lease)
                        if due
                        else []
                    )
                for queued in started:
                    # Side by side: one slow call holds up nobody.
                    self._spawn(self._send_one(queued), "reply-send")
        finally:
            self._pumping = False

    def _kick(self) -> None:
        if not self._pumping:
            self._pumping = True
            self._spawn(self._pump(), "reply-pump")

    async def _send_batch(self, ids: Sequence[int]) -> None:
        async with self._batches, self._write() as session:
            started = await replies.start_sending(session, ids, self.clock() + self.lease)
        await asyncio.gather(*(self._send_one(q) for q in started))

    async def _send_one(self, queued: Queued) -> None:
        transport = self.transports.get(queued.platform)
        try:
            if transport is None:
                result = SendResult(ok=False, error=f"no {queued.platform} transport")
            else:
                async with self._calls:
                    result = await transport.send(queued)
        except Exception as exc:
            log.exception("sending a %s reply raised", queued.platform)
            result = SendResult(ok=False, error=f"{type(exc).__name__}: {exc}")
        if result.ok:
            self._record(queued.id)
            return
        error = result.error or "send failed"
        async with self._write() as session:
            if result.permanent or queued.attempts + 1 >= MAX_ATTEMPTS:
                log.warning("reply %s given up: %s", queued.id, error)
                await replies.mark_failed(session, queued.id, error)
            else:
                wait = timedelta(seconds=result.retry_after) if result.retry_after else BACKOFF
                await replies.mark_retry(session, queued.id, self.clock() + wait, error)

    def _record(self, reply_id: int) -> None:
        """The `sent` mark rides in the pump's next transaction, with others finished meanwhile."""
        self._sent.append(reply_id)
        self._kick()

    async def sweep(self) -> None:
        """Pick up replies no live process holds, and settle the ones left on the wire."""
        platforms = sorted(self.transports)
        if not platforms:
            return
        now = self.clock()
        async with self._write() as session:
            orphans = await replies.claim_orphans(session, now, self.lease, platforms, BATCH)
            doubtful = await replies.claim_in_doubt(session, now, self.lease, platforms, BATCH)
        for reply_id in orphans:
            self.soon(reply_id)
        for queued in doubtful:
            await self._settle(queued)

    async def _settle(self, queued: Queued) -> None:
        transport = self.transports[queued.platform]
        try:
            arrived = await transport.arrived(queued)
        except Exception:
            log.warning("could not check reply %s on %s", queued.id, queued.platform, exc_info=True)
            return  # the lease runs out and the next sweep asks again
        async with self._write() as session:
            if arrived is True:
                await replies.mark_sent(session, [queued.id], self.clock())
            elif arrived is False:
                await replies.back_to_pending(session, queued.id)
            else:
                await replies.mark_failed(session, queued.id, IN_DOUBT)
        if arrived is False:
            self.soon(queued.id)

    @property
    def busy(self) -> bool:
        return bool(self._tasks or self._due or self._sent)

    async def drain(self) -> None:
        while self._tasks:
            await asyncio.wait(set(self._tasks))

    async def cancel(self) -> None:
        """Stop sending (shutdown past its grace); what was on the wire is settled later."""
        self._due.clear()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

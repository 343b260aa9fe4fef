"""The inbox worker: store each request before its ack, answer it from the database.

`put` writes verified requests in one short transaction (concurrent requests share it)
before their HTTP answer. A row this process has room for is inserted already leased to
it and queued in memory; past `capacity` rows are inserted unleased and wait in the
database (memory stays bounded, the ack stays fast), where this process's pump or any
other replica claims them later. Leases are renewed while rows are held, released on a
graceful stop, and simply run out after kill -9, so the next process resumes every row.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.http_guard import InFlight
from bot.identity import workspace_for
from bot.inbox_job import Job, Processor, Stopping, Stored, Waiter, WorkerConfig
from bot.replies import ReplySender
from bot.write_gate import WriteGate
from core.messages import Inbound
from storage import inbox
from storage.inbox import Claimed, New

log = logging.getLogger(__name__)
# A request waiting for its row: what to store, whether it is urgent, and its ack's future.
Incoming = tuple[New, bool, asyncio.Future[Stored]]
# Seconds a row waits at most for requests in flight to be acked before it starts anyway.
ACKS_FIRST = 0.1


class InboxWorker:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        settings: Settings,
        clock: Callable[[], datetime],
        config: WorkerConfig | None = None,
    ) -> None:
        self.sessions = sessions
        self.settings = settings
        self.clock = clock
        self.config = config or WorkerConfig()
        self.hold = self.config.lease
        self.processors: dict[str, Processor] = {}
        sqlite = sessions.kw["bind"].dialect.name == "sqlite"
        self._write = WriteGate(sessions, serial=sqlite)
        self.requests = InFlight()
        self.replies = ReplySender(sessions, clock, lease=self.config.lease, write=self._write)
        self._incoming: list[Incoming] = []
        self._queue: deque[Job] = deque()
        self._running: dict[int, Job] = {}
        self._waiters: dict[int, Waiter] = {}
        self._tasks: set[asyncio.Task[Any]] = set()
        self._flushing = False
        self._pumping = False
        # The database may hold rows nobody holds: our overflow, other replicas', the dead's.
        self._backlog = False
        self._stopping = False
        self._beating: asyncio.Task[None] | None = None

    # -- what adapters call ---------------------------------------------------------

    def register(self, platform: str, processor: Processor) -> None:
        self.processors[platform] = processor

    async def put(self, new: New, *, urgent: bool = False, waiter: Waiter | None = None) -> Stored:
        """Store one verified request (before the ack); urgent ones start at once."""
        if self._stopping:
            raise Stopping("shutting down")
        done: asyncio.Future[Stored] = asyncio.get_running_loop().create_future()
        self._incoming.append((new, urgent, done))
        if not self._flushing:
            self._flushing = True
            self._spawn(self._flush(), "inbox-put")
        stored = await done
        if waiter is not None and stored.id is not None:
            self._waiters[stored.id] = waiter
        return stored

    def waiter(self, row_id: int) -> Waiter | None:
        return self._waiters.get(row_id)

    def forget_waiter(self, row_id: int) -> None:
        self._waiters.pop(row_id, None)

    def send_soon(self, reply_id: int, *, urgent: bool) -> None:
        self.replies.soon(reply_id, urgent=urgent)

    async def send_now(self, reply_id: int) -> None:
        await self.replies.now(reply_id)

    async def workspace_id(self, session: AsyncSession, platform: str, workspace: str) -> int:
        """The reply row's workspace, for an answer the router gave without identifying anyone."""
        probe = Inbound(platform=platform, workspace=workspace, user="")  # type: ignore[arg-type]
        return (await workspace_for(session, probe, self.settings)).id

    # -- storing ----------------------------------------------------------------------

    async def _flush(self) -> None:
        """Group commit: every request that arrived meanwhile goes into one transaction. The
        batch is taken once the write is ours, so requests that came while we waited join it."""
        try:
            while self._incoming:
                batch: list[Incoming] = []
                try:
                    async with self._write(urgent=True) as session:  # an ack is waiting on it
                        batch, self._incoming = self._incoming[:500], self._incoming[500:]
                        now = self.clock()
                        leased = self._leasable(batch)
                        ids = await inbox.put(
                            session, [n for n, _, _ in batch], now, leased, self.hold
                        )
                except Exception as exc:
                    for _, _, done in batch:
                        done.set_exception(exc)
                    continue
                self._stored(batch, ids, leased, now)  # committed: now they may start
        finally:
            self._flushing = False

    def _leasable(self, batch: list[Incoming]) -> set[tuple[str, str]]:
        """Ours at once (leased, claim 1) while there is room; the rest wait unleased."""
        room = max(0, self.config.capacity - len(self._queue) - len(self._running))
        mine = [n for n, urgent, _ in batch if urgent] + [n for n, u, _ in batch if not u]
        return {(n.platform, n.key[:200]) for n in mine[:room]}

    def _stored(
        self,
        batch: list[Incoming],
        ids: dict[tuple[str, str], int],
        leased: set[tuple[str, str]],
        now: datetime,
    ) -> None:
        for new, urgent, done in batch:
            # A second copy in the same batch (a retry racing its original) is a duplicate too.
            row_id = ids.pop((new.platform, new.key[:200]), None)
            done.set_result(Stored(row_id, duplicate=row_id is None))
            if row_id is not None and (new.platform, new.key[:200]) in leased:
                row = Claimed(row_id, new.platform, new.kind, new.workspace, new.payload, 1, now)
                self._enqueue(Job(row, self, urgent=urgent))
            elif row_id is not None:
                self._backlog = True
        if self._backlog:
            self.kick()

    # -- running ----------------------------------------------------------------------

    def _enqueue(self, job: Job) -> None:
        if job.urgent:
            self._start(job)  # a person is waiting on a trigger_id or an open request
        else:
            self._queue.append(job)
            self._dispatch()

    def _dispatch(self) -> None:
        while self._queue and len(self._running) < self.config.concurrency and not self._stopping:
            self._start(self._queue.popleft())

    def _start(self, job: Job) -> None:
        self._running[job.row.id] = job
        self._spawn(self._run(job), "inbox-job")

    async def _run(self, job: Job) -> None:
        processor = self.processors.get(job.row.platform)
        try:
            if processor is None:
                raise LookupError(f"no processor for {job.row.platform}")
            if not job.urgent:
                # Acks first: this row is already safe, theirs are not until they commit.
                await self.requests.calm(ACKS_FIRST)
            await processor(job)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.exception("inbox row %s (%s) failed", job.row.id, job.row.kind)
            await self._retry(job.row, f"{type(exc).__name__}: {exc}")
        finally:
            self._running.pop(job.row.id, None)
            self._waiters.pop(job.row.id, None)
            self._dispatch()
            if self._backlog:
                self.kick()

    async def _retry(self, row: Claimed, error: str) -> None:
        give_up = row.attempt >= self.config.max_attempts
        at = self.clock() + self.config.backoff * 2 ** (row.attempt - 1)
        with contextlib.suppress(Exception):
            async with self._write() as session:
                await inbox.retry(session, row.id, row.attempt, at, error, give_up=give_up)

    def kick(self) -> None:
        """Claim rows nobody holds while there is room (a finishing job kicks again)."""
        if not self._pumping and not self._stopping and self.processors:
            self._pumping = True
            self._spawn(self._pump(), "inbox-pump")

    async def _pump(self) -> None:
        try:
            while self._backlog and not self._stopping:
                room = self.config.capacity - len(self._queue) - len(self._running)
                # In batches: claiming the one or two rows each finished job makes room for
                # cost a claim statement per row under a backlog (5% of the CPU per log).
                if room < max(self.config.concurrency, self.config.capacity // 4):
                    return
                async with self._write() as session:
                    rows = await inbox.claim(
                        session, self.clock(), self.hold, sorted(self.processors), room
                    )
                # Fewer than asked: nothing more is due right now (the heartbeat looks again).
                self._backlog = len(rows) == room
                for row in rows:
                    self._enqueue(Job(row, self))
        finally:
            self._pumping = False

    def _spawn(self, work: Coroutine[Any, Any, None], name: str) -> None:
        task = asyncio.create_task(work, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # -- time, shutdown, observation ---------------------------------------------------

    def held(self) -> list[tuple[int, int]]:
        return [(j.row.id, j.row.attempt) for j in (*self._queue, *self._running.values())]

    async def heartbeat(self) -> None:
        """Renew the leases of held rows, look for unheld ones, settle stranded replies."""
        held = self.held()
        if held:
            async with self._write() as session:
                await inbox.renew(session, held, self.clock() + self.hold)
        self._backlog = True
        self.kick()
        await self.replies.sweep()

    def start(self) -> None:
        """Resume what an earlier process left, then beat every third of a lease."""
        if self._beating is None:
            self._beating = asyncio.create_task(self._beat(), name="inbox-heartbeat")

    async def _beat(self) -> None:
        beats = 0
        while True:
            try:
                await self.heartbeat()
                if beats % 100 == 0:
                    await self.forget_old()
            except Exception:
                # The database may be away for a moment; the next beat tries again.
                log.warning("inbox heartbeat failed", exc_info=True)
            beats += 1
            await asyncio.sleep(self.hold.total_seconds() / 3)

    async def forget_old(self) -> None:
        async with self._write() as session:
            await inbox.forget_done_before(session, self.clock() - self.config.keep_done)

    async def stop(self, grace: float) -> None:
        """Take nothing new; finish running rows within `grace` s, give the rest back."""
        self._stopping = True
        if self._beating is not None:
            self._beating.cancel()
            await asyncio.gather(self._beating, return_exceptions=True)
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(grace):
                await self.drain()  # queued rows do not start: _dispatch checks _stopping
        # Past the grace: a cancelled write rolls back, and its row goes back with the rest
        # (so do rows a claim in flight brought in meanwhile).
        held = self.held()
        await self.replies.cancel()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        held = list(dict.fromkeys([*held, *self.held()]))
        self._queue.clear()
        try:
            async with self._write() as session:
                await inbox.release(session, held)
        except Exception:
            log.warning("could not give %d inbox rows back; their leases run out", len(held))
        log.info("inbox worker stopped; %d unanswered rows given back", len(held))

    async def drain(self) -> None:
        """Wait until nothing is stored, running or sending (tests; graceful stop)."""
        while self._tasks or self.replies.busy:
            if self._tasks:
                await asyncio.wait(set(self._tasks))
            await self.replies.drain()

    @property
    def in_flight(self) -> int:
        return len(self._queue) + len(self._running)

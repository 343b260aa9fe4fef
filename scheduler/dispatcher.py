"""Send due outbox rows through each platform's notifier: paced, retried, never twice."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from scheduler import outbox
from scheduler.content import Prepared, prepare
from scheduler.notify import Finder, Notifier, SendResult, Sought
from scheduler.pacing import Pacer
from scheduler.rules import DEFAULT_GRACE
from storage.models import User, Workspace

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    """What happened to one delivery in this pass (one line of `quotabot tick`)."""

    key: str
    kind: str
    platform: str
    recipient: str
    status: str  # sent | skipped | retry | failed | throttled
    detail: str = ""


@dataclass(frozen=True)
class DispatchConfig:
    lease: timedelta = timedelta(minutes=10)
    # How long a row may sit in "sending"; past it, a restarted dispatcher calls it in doubt.
    send_lease: timedelta = timedelta(minutes=2)
    send_timeout: float = 30.0
    batch: int = 200
    concurrency: int = 32
    # Deliveries being prepared (read from the database) at once.
    readers: int = 4
    max_attempts: int = 5
    backoff: timedelta = timedelta(seconds=30)
    backoff_cap: timedelta = timedelta(minutes=20)
    # 429s waited out in process per message before leaving it to a later pass.
    max_throttle_waits: int = 5
    grace: timedelta = DEFAULT_GRACE


class Dispatcher:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        notifiers: Mapping[str, Notifier],
        clock: Callable[[], datetime],
        config: DispatchConfig | None = None,
        pacer: Pacer | None = None,
    ) -> None:
        self.sessions = sessions
        self.notifiers = notifiers
        self.clock = clock
        self.config = config or DispatchConfig()
        self.pacer = pacer
        self._slots = asyncio.Semaphore(self.config.concurrency)
        self._reading = asyncio.Semaphore(self.config.readers)
        # SQLite has one writer at a time and its busy handler waits by sleeping (up to
        # 100 ms a try): we queue our own writers in process so they never collide; other
        # processes still wait on busy_timeout. PostgreSQL needs no such queue.
        sqlite = sessions.kw.get("bind") is not None and (
            sessions.kw["bind"].dialect.name == "sqlite"
        )
        self._write_lock: asyncio.Lock | None = asyncio.Lock() if sqlite else None

    @asynccontextmanager
    async def _write(self) -> AsyncIterator[AsyncSession]:
        """A short write transaction, one at a time in this process on SQLite."""
        async with (
            self._write_lock or contextlib.nullcontext(),
            self.sessions() as session,
            session.begin(),
        ):
            yield session

    async def run(self, deadline: float | None = None) -> list[Outcome]:
        """Claim and send until nothing is due, or until the loop time `deadline`."""
        if self.pacer is None:
            self.pacer = Pacer()
        outcomes: list[Outcome] = []
        await self._settle_in_doubt()
        loop = asyncio.get_running_loop()
        while deadline is None or loop.time() < deadline:
            ids = await self._claim()
            if not ids:
                break
            done = await asyncio.gather(*(self._deliver(i) for i in ids))
            outcomes.extend(o for o in done if o is not None)
        return outcomes

    async def _settle_in_doubt(self) -> None:
        """Rows a dead dispatcher left on the wire: sent, sent again, or failed in doubt."""
        async with self._write() as session:
            rows = await outbox.claim_in_doubt(session, self.clock(), self.config.send_lease)
        if rows:
            log.warning("%d deliveries were in flight when a dispatcher died", len(rows))
        for row in rows:
            arrived = await self._arrived(row)
            async with self._write() as session:
                await outbox.settle_in_doubt(session, row.id, arrived, self.clock())

    async def _arrived(self, row: outbox.InDoubt) -> bool | None:
        notifier = self.notifiers.get(row.platform)
        if notifier is None or not hasattr(notifier, "arrived"):
            return None  # this platform cannot say: failed, never sent twice
        async with self.sessions() as session:
            found = (
                await session.execute(
                    select(Workspace.external_id, User.external_id)
                    .select_from(Workspace)
                    .outerjoin(User, User.id == row.user_id)
                    .where(Workspace.id == row.workspace_id)
                )
            ).first()
        if found is None:
            return None
        workspace, user = found
        sought = Sought(
            workspace,
            row.key,
            row.due_at,
            user=user if row.user_id is not None else None,
            channel=None if row.user_id is not None else (row.conversation or None),
        )
        try:
            return await cast(Finder, notifier).arrived(sought)
        except Exception:
            log.warning("could not look for delivery %s on %s", row.id, row.platform, exc_info=True)
            return None

    async def _claim(self) -> list[int]:
        platforms = sorted(self.notifiers)
        if not platforms:
            return []
        async with self._write() as session:
            return await outbox.claim(
                session, self.clock(), self.config.lease, platforms, self.config.batch
            )

    async def _deliver(self, delivery_id: int) -> Outcome | None:
        try:
            return await self._deliver_one(delivery_id)
        except Exception as exc:
            # One bad row must not stop the others; it stays leased and is retried later.
            log.exception("delivery %s failed unexpectedly", delivery_id)
            return Outcome(str(delivery_id), "?", "?", "?", "retry", repr(exc))

    async def _deliver_one(self, delivery_id: int) -> Outcome | None:
        # Preparing reads a few rows; more of these at once than the pool has connections
        # only adds queueing (measured: 2x slower on PostgreSQL with the whole batch at once).
        async with self._reading, self.sessions() as session, session.begin():
            item = await prepare(session, delivery_id, self.clock(), self.config.grace)
        if item is None:
            return None
        if item.skip is not None or item.outbound is None:
            async with self._write() as session:
                await outbox.mark_skipped(session, delivery_id, item.skip or "")
            return self._outcome(item, "skipped", item.skip or "")
        assert self.pacer is not None
        for _ in range(self.config.max_throttle_waits + 1):
            result = await self._attempt(item, self.pacer)
            if result is None:
                return None  # another dispatcher won the row; it reports it
            if result.ok:
                return self._outcome(item, "sent")  # recorded inside _attempt
            if result.retry_after is None:
                return await self._failed(item, result)
            now = self.clock()
            async with self._write() as session:
                await outbox.mark_retry(
                    session,
                    delivery_id,
                    now + timedelta(seconds=result.retry_after),
                    f"throttled: retry after {result.retry_after:g}s",
                    counts=False,
                    lease_until=now + self.config.lease,
                )
        return self._outcome(item, "throttled", "still throttled; left for the next pass")

    async def _attempt(self, item: Prepared, pacer: Pacer) -> SendResult | None:
        """Wait for the channel's turn, mark the row `sending`, send; None if not ours.

        The row is marked only once its turn has come and a concurrency slot is held, so
        a crash leaves at most `concurrency` rows in doubt: exactly the ones on the wire.
        """
        assert item.outbound is not None
        notifier = self.notifiers[item.platform]
        async with pacer.channel(item.workspace, item.channel), self._slots:
            await pacer.budget(item.workspace)
            async with self._write() as session:
                mine = await outbox.start_sending(
                    session, item.delivery_id, self.clock() + self.config.send_lease
                )
            if not mine:
                return None
            try:
                result = await asyncio.wait_for(
                    notifier.send(item.outbound), self.config.send_timeout
                )
            except TimeoutError:
                # The platform may have shown it: giving up avoids a duplicate.
                return SendResult(ok=False, error="timed out", permanent=True)
            except Exception as exc:
                log.exception("notifier %s raised", item.platform)
                return SendResult(ok=False, error=f"{type(exc).__name__}: {exc}")
            if result.ok:
                # Recorded before the slot is released, or the next send could start (and a
                # crash strand it) while this "sent" is still unwritten. If this write fails,
                # the row stays "sending" and is later called in doubt: never sent twice.
                async with self._write() as session:
                    await outbox.mark_sent(
                        session, item.delivery_id, self.clock(), result.message_id
                    )
            if result.retry_after is not None:
                # Paused before the channel is released: nobody slips in meanwhile.
                pacer.pause(item.workspace, result.retry_after)
            return result

    async def _failed(self, item: Prepared, result: SendResult) -> Outcome:
        attempts = item.attempts + 1
        error = result.error or "send failed"
        async with self._write() as session:
            if result.permanent or attempts >= self.config.max_attempts:
                await outbox.mark_failed(session, item.delivery_id, error)
                return self._outcome(item, "failed", f"{error} (attempt {attempts})")
            delay = min(self.config.backoff * 2 ** (attempts - 1), self.config.backoff_cap)
            await outbox.mark_retry(session, item.delivery_id, self.clock() + delay, error)
        return self._outcome(item, "retry", f"{error}; next try in {delay}")

    @staticmethod
    def _outcome(item: Prepared, status: str, detail: str = "") -> Outcome:
        return Outcome(item.key, item.kind, item.platform, item.recipient, status, detail)

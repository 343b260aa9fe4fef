"""Our short write transactions, one at a time on SQLite, the acks' inserts first.

SQLite has one writer, and a connection that finds the lock taken waits in SQLite's busy
handler, which sleeps 1, 2, 5, 10... ms whatever happens meanwhile: under a burst, an ack's
insert could wait seconds behind the worker's bookkeeping (Slack gives up after 3 s). So the
inbox's own transactions queue here, in process, and an urgent one (an ack) goes first.
PostgreSQL needs no queue: its writers wait on row locks, not on a sleeping timer.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker


class WriteGate:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], *, serial: bool) -> None:
        self.sessions = sessions
        self.serial = serial
        self._held = False
        self._queue: list[tuple[int, int, asyncio.Future[None]]] = []
        self._order = itertools.count()

    @asynccontextmanager
    async def __call__(self, *, urgent: bool = False) -> AsyncIterator[AsyncSession]:
        """One transaction: committed when the block ends, rolled back when it raises."""
        if self.serial:
            await self._acquire(0 if urgent else 1)
        try:
            async with self.sessions() as session, session.begin():
                yield session
        finally:
            if self.serial:
                self._release()

    async def _acquire(self, rank: int) -> None:
        if not self._held:
            self._held = True
            return
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._queue, (rank, next(self._order), turn))
        try:
            await turn
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():
                self._release()  # handed over just as we gave up: pass it on
            raise

    def _release(self) -> None:
        while self._queue:
            _, _, turn = heapq.heappop(self._queue)
            if not turn.done():
                turn.set_result(None)  # the gate stays held: handed straight over
                return
        self._held = False

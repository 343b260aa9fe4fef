"""Clocks tests can set and advance: no test waits on, or asserts about, the wall clock."""

from __future__ import annotations

import asyncio
import heapq
import itertools
from datetime import datetime, timedelta


class FakeClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


class VirtualTime:
    """Monotonic seconds that pass only when every task is waiting: a clock and its sleep.

    `sleep(s)` queues a wake-up s seconds from now. Whenever the tasks that can run have had
    their turns (QUIET turns of the loop), the time jumps to the earliest queued wake-up and
    that sleeper runs, so paced code runs at full speed and every gap it keeps is exact,
    however loaded the machine. Work that waits on real I/O (a database, a socket) takes no
    time here and may come back after the clock moved on: it can look late, never early.
    """

    QUIET = 50

    def __init__(self, start: float = 1_000.0) -> None:
        self.now = start
        self._wakeups: list[tuple[float, int, asyncio.Future[None]]] = []
        self._order = itertools.count()
        self._driver: asyncio.Task[None] | None = None

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        wakeup = asyncio.get_running_loop().create_future()
        heapq.heappush(self._wakeups, (self.now + max(seconds, 0.0), next(self._order), wakeup))
        if self._driver is None or self._driver.done():
            self._driver = asyncio.create_task(self._drive())
        await wakeup

    async def _drive(self) -> None:
        while self._wakeups:
            for _ in range(self.QUIET):
                await asyncio.sleep(0)  # a turn of the loop for every task that can run
            at, _, wakeup = heapq.heappop(self._wakeups)
            if not wakeup.done():
                self.now = max(self.now, at)
                wakeup.set_result(None)

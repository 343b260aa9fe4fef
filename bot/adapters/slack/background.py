"""Work started after the ack: tracked tasks that tests (and shutdown) can wait for."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


class Background:
    """asyncio tasks we own: kept referenced (the loop holds only weak ones) and awaitable.

    At most `limit` run at once; the rest wait parked on a semaphore, off the loop's ready
    queue. Under a burst the acks stay fast (they never queue behind hundreds of runnable
    tasks) and the work drains at the rate the database allows.
    """

    def __init__(self, limit: int = 4) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()
        self._slots = asyncio.Semaphore(limit)

    async def _bounded(self, work: Coroutine[Any, Any, T]) -> T:
        async with self._slots:
            return await work

    def spawn(
        self, work: Coroutine[Any, Any, T], name: str = "slack", *, urgent: bool = False
    ) -> asyncio.Task[T]:
        """Run `work` soon; `urgent` skips the queue (a trigger_id or a modal ack is waiting)."""
        task = asyncio.create_task(work if urgent else self._bounded(work), name=name)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def spawn_later(
        self, delay: float, make: Callable[[], Coroutine[Any, Any, T]], name: str = "slack"
    ) -> asyncio.Task[T]:
        """Start `make()` after `delay` seconds; the wait itself takes no slot."""

        async def later() -> T:
            await asyncio.sleep(delay)
            return await self._bounded(make())

        task = asyncio.create_task(later(), name=name)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("Slack background work failed", exc_info=task.exception())

    @property
    def pending(self) -> int:
        return len(self._tasks)

    async def drain(self) -> None:
        """Wait until all work (including work spawned by work) has finished.

        Callers bound the wait themselves (`async with asyncio.timeout(...)`).
        """
        while self._tasks:
            await asyncio.wait(set(self._tasks))

"""Send pacing: one message per second per channel, a per-workspace budget, 429 pauses.

Slack's chat.postMessage allows about one message per second per channel and a
workspace-wide budget beyond that; Teams throttles per conversation similarly. Spacing
is measured from when the previous send to a channel *finished*, under a per-channel
lock, so a busy event loop can delay messages but never bunch them up. A 429 pauses the
whole workspace for the Retry-After the platform asked for.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager


class Pacer:
    def __init__(
        self,
        per_channel: float = 1.0,
        per_workspace: float = 20.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.channel_gap = 1.0 / per_channel
        self.workspace_gap = 1.0 / per_workspace
        self._clock = clock
        self._sleep = sleep
        # One small lock and timestamp per channel seen: a few MB for 10,000s of reps.
        self._locks: dict[tuple[str, str], asyncio.Lock] = {}
        self._channel_done: dict[tuple[str, str], float] = {}
        self._workspace_next: dict[str, float] = {}
        self._paused_until: dict[str, float] = {}

    async def _sleep_until(self, when: Callable[[], float]) -> None:
        # `when` is re-read after each sleep: a 429 may have moved it meanwhile.
        while (delay := when() - self._clock()) > 0:  # a time to reach, not an event to wait on
            await self._sleep(delay)

    @asynccontextmanager
    async def channel(self, workspace: str, channel: str) -> AsyncIterator[None]:
        """One send at a time per channel, starting a full gap after the previous one ended."""
        key = (workspace, channel)
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            await self._sleep_until(
                lambda: max(
                    self._channel_done.get(key, 0.0) + self.channel_gap,
                    self._paused_until.get(workspace, 0.0),
                )
            )
            try:
                yield
            finally:
                self._channel_done[key] = self._clock()

    async def budget(self, workspace: str) -> None:
        """Wait for this workspace's next send slot (called with the channel held)."""
        now = self._clock()
        slot = max(
            now,
            self._workspace_next.get(workspace, now),
            self._paused_until.get(workspace, now),
        )
        self._workspace_next[workspace] = slot + self.workspace_gap
        await self._sleep_until(lambda: max(slot, self._paused_until.get(workspace, 0.0)))

    def pause(self, workspace: str, seconds: float) -> None:
        """The platform said "Retry-After: seconds": nobody in this workspace sends before."""
        until = self._clock() + max(seconds, 0.0)
        if until > self._paused_until.get(workspace, 0.0):
            self._paused_until[workspace] = until

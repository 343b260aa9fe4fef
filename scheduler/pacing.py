"""Send pacing: at most one message per second per channel, a per-workspace budget, 429 pauses.

Slack's chat.postMessage allows about one message per second per channel and a
workspace-wide budget beyond that; Teams throttles per conversation similarly. We
reserve send slots ahead of time instead of reacting to errors, and a 429 pauses the
whole workspace for the Retry-After the platform asked for.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable


class Pacer:
    def __init__(
        self,
        per_channel: float = 1.0,
        per_workspace: float = 20.0,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self.channel_gap = 1.0 / per_channel
        self.workspace_gap = 1.0 / per_workspace
        self._clock = clock or time.monotonic
        self._channel_next: dict[tuple[str, str], float] = {}
        self._workspace_next: dict[str, float] = {}
        self._paused_until: dict[str, float] = {}

    def reserve(self, workspace: str, channel: str) -> float:
        """Book the earliest slot both limits allow; returns its (monotonic) time."""
        now = self._clock()
        key = (workspace, channel)
        slot = max(
            now,
            self._channel_next.get(key, now),
            self._workspace_next.get(workspace, now),
            self._paused_until.get(workspace, now),
        )
        self._channel_next[key] = slot + self.channel_gap
        self._workspace_next[workspace] = slot + self.workspace_gap
        return slot

    async def wait(self, workspace: str, channel: str) -> None:
        slot = self.reserve(workspace, channel)
        while True:
            if self._paused_until.get(workspace, 0.0) > slot:
                # A 429 arrived after our booking: book again behind the pause, so the
                # waiting messages resume at the paced rate rather than all at once.
                slot = self.reserve(workspace, channel)
            delay = slot - self._clock()
            if delay <= 0:
                return
            await asyncio.sleep(delay)

    def pause(self, workspace: str, seconds: float) -> None:
        """The platform said "Retry-After: seconds": nobody in this workspace sends before."""
        until = self._clock() + max(seconds, 0.0)
        if until > self._paused_until.get(workspace, 0.0):
            self._paused_until[workspace] = until

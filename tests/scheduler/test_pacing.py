"""The pacer on a virtual clock: a second between sends to a channel, a workspace budget,
and a 429 that pauses the whole workspace, sends already waiting included."""

from __future__ import annotations

import asyncio

import pytest

from scheduler.pacing import Pacer
from tests.support.clock import VirtualTime

Started = list[tuple[str, float]]


class Floor:
    """Sends paced the way the dispatcher paces them: channel turn, then workspace slot."""

    def __init__(self) -> None:
        self.time = VirtualTime()
        self.start = self.time()
        self.pacer = Pacer(
            per_channel=1.0, per_workspace=10.0, clock=self.time, sleep=self.time.sleep
        )
        self.started: Started = []
        self.turns: Started = []

    async def send(
        self, channel: str, workspace: str = "T1", takes: float = 0.0, retry_after: float = 0.0
    ) -> None:
        async with self.pacer.channel(workspace, channel):
            self.turns.append((channel, self.time() - self.start))
            await self.pacer.budget(workspace)
            self.started.append((channel, self.time() - self.start))
            await self.time.sleep(takes)  # the HTTP call
            if retry_after:
                self.pacer.pause(workspace, retry_after)  # Slack answered 429

    def at(self, channel: str) -> list[float]:
        return [round(at, 6) for name, at in self.started if name == channel]


async def test_a_channel_gets_its_next_send_a_full_second_after_the_last_one_ended() -> None:
    floor = Floor()
    await asyncio.gather(*(floor.send("C1", takes=0.5) for _ in range(3)))
    assert floor.at("C1") == [0.0, 1.5, 3.0]


async def test_the_workspace_budget_spaces_sends_to_different_channels() -> None:
    floor = Floor()
    await asyncio.gather(*(floor.send(f"C{i}") for i in range(4)))
    assert sorted(at for _, at in floor.started) == pytest.approx([0.0, 0.1, 0.2, 0.3])


async def test_a_429_holds_every_send_in_the_workspace_until_retry_after_has_passed() -> None:
    floor = Floor()
    await asyncio.gather(
        floor.send("C1", takes=0.05, retry_after=30),  # Slack says: wait 30 s
        floor.send("C2"),  # already waiting for the workspace's next slot
        floor.send("C1"),  # waiting for its channel's turn
        floor.send("C9", workspace="T2"),  # another workspace: not held
    )
    assert floor.at("C1") == [0.0, 30.05]
    assert floor.at("C2") == [30.05]
    assert floor.at("C9") == [0.0]
    # A send waiting out the pause has not been given its channel turn either (the dispatcher
    # takes a concurrency slot only after the turn, so a paused workspace holds none).
    assert [round(at, 6) for name, at in floor.turns if name == "C1"] == [0.0, 30.05]

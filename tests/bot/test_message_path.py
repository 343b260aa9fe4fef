"""The path of a message: parse with no connection held, identity read once, one transaction."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.registration import register_all
from bot.router import Router
from bot.services import Services
from bot.understand import Parse
from core.messages import Actor, Inbound
from nlp.intent import Intent
from storage.models import Activity, PendingAction
from tests.support.dialog import Chat
from tests.support.world import make_world

CALLS = Intent("log_activity", {"items": [{"activity": "call", "count": 3}]}, 0.95)


class Connections:
    """Pooled connections checked out of one engine right now, from the pool's own events."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.out = 0
        self.ever = 0
        self._engine = engine.sync_engine

    def _checkout(self, *_: Any) -> None:
        self.out += 1
        self.ever += 1

    def _checkin(self, *_: Any) -> None:
        self.out -= 1

    @contextmanager
    def watching(self) -> Iterator[Connections]:
        event.listen(self._engine, "checkout", self._checkout)
        event.listen(self._engine, "checkin", self._checkin)
        try:
            yield self
        finally:
            event.remove(self._engine, "checkout", self._checkout)
            event.remove(self._engine, "checkin", self._checkin)


class WatchingParser:
    """A Parse that answers a fixed intent and notes how many connections were out meanwhile."""

    def __init__(self, answer: Intent, connections: Connections) -> None:
        self.answer = answer
        self.connections = connections
        self.seen: list[tuple[str, int]] = []

    async def __call__(self, text: str, inbound: Inbound, actor: Actor) -> Intent:
        self.seen.append((text, self.connections.out))
        return self.answer


def with_parser(services: Services, parser: Parse) -> Chat:
    router = Router(services.sessions, services.settings, parser, services.clock)
    register_all(router)
    services.router = router
    return Chat(services)


async def count(services: Services, model: type[Activity] | type[PendingAction]) -> int:
    async with services.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_the_parser_runs_while_no_connection_is_checked_out(services: Services) -> None:
    await make_world(services)
    with Connections(services.engine).watching() as connections:
        parser = WatchingParser(CALLS, connections)
        chat = with_parser(services, parser)
        logged = await chat.say("rita", "3 calls")
        # "yes" with no open question: looked up in a transaction, closed, then parsed.
        await chat.say("rita", "yes")
        # A newcomer: the identity transaction creates them before the parse.
        await chat.say("newbie", "3 calls")
        parser.answer = Intent("log_activity", CALLS.slots, 0.5)
        asked = await chat.say("rita", "3 calls maybe")

    assert [text for text, _ in parser.seen] == ["3 calls", "yes", "3 calls", "3 calls maybe"]
    assert [out for _, out in parser.seen] == [0, 0, 0, 0]
    assert connections.ever > 0 and connections.out == 0
    assert logged.ok and "Logged 3 calls" in logged.text
    assert "Just checking" in asked.text
    assert await count(services, Activity) == 3
    assert await count(services, PendingAction) == 1


class Statements:
    """SELECTs on one table, from the engine's cursor events."""

    def __init__(self, engine: AsyncEngine, table: str) -> None:
        self._engine = engine.sync_engine
        self._reads = re.compile(rf"^\s*SELECT\b.*\b(?:FROM|JOIN)\s+{table}\b", re.S | re.I)
        self.selects = 0

    def _seen(self, *args: Any) -> None:
        statement: str = args[2]
        self.selects += bool(self._reads.search(statement))

    @contextmanager
    def watching(self) -> Iterator[Statements]:
        event.listen(self._engine, "before_cursor_execute", self._seen)
        try:
            yield self
        finally:
            event.remove(self._engine, "before_cursor_execute", self._seen)


@pytest.mark.parametrize("table", ["users", "workspaces"])
async def test_the_speaker_is_read_once_per_message(services: Services, table: str) -> None:
    await make_world(services)
    # Every message reads its speaker afresh here (tests/bot/test_speakers.py: reuse).
    services.router.speakers.reuse_for = 0
    chat = Chat(services)
    logged = await chat.say("rita", "3 calls with Acme")
    undo = logged.buttons[0]
    for step in ("3 calls with Acme", "/quota", "/pipeline", "/log", "press undo"):
        with Statements(services.engine, table).watching() as reads:
            if step == "press undo":
                reply = await chat.press("rita", undo.action_id, undo.value)
            else:
                reply = await chat.say("rita", step)
        assert reply.ok, (step, reply.text)
        assert reads.selects == 1, (step, table)

"""The parse step of the router: offline parser first, the optional LLM only when unsure."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

from bot.config import Settings
from bot.core import Actor, Inbound
from handlers.periods import local_today
from nlp.intent import Intent
from nlp.parser import parse

Parse = Callable[[str, Inbound, Actor], Awaitable[Intent]]


def make_parser(settings: Settings, clock: Callable[[], datetime]) -> Parse:
    async def parse_message(text: str, inbound: Inbound, actor: Actor) -> Intent:
        today = local_today(clock(), actor.tz)
        return parse(text, today=today, command=inbound.command)

    return parse_message

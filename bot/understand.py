"""The parse step of the router: offline parser first, the optional LLM only when unsure."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

from openai import AsyncOpenAI

from bot.config import Settings
from bot.core import Actor, Inbound
from handlers.periods import local_today
from nlp.intent import Intent
from nlp.llm import LlmSettings, llm_parse, make_client
from nlp.parser import CLARIFY_BELOW, parse

Parse = Callable[[str, Inbound, Actor], Awaitable[Intent]]


def llm_settings(settings: Settings) -> LlmSettings | None:
    if not (settings.llm_base_url and settings.llm_model):
        return None
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    return LlmSettings(base_url=settings.llm_base_url, model=settings.llm_model, api_key=key)


def make_parser(
    settings: Settings,
    clock: Callable[[], datetime],
    llm_client: AsyncOpenAI | None = None,
) -> Parse:
    """Adapters call the router only after acknowledging the platform, so a slow model
    never delays Slack's 3-second ack; the model sees the message text and nothing else."""
    llm = llm_settings(settings)
    client = llm_client if llm_client is not None or llm is None else make_client(llm)

    async def parse_message(text: str, inbound: Inbound, actor: Actor) -> Intent:
        today = local_today(clock(), actor.tz)
        offline = parse(text, today=today, command=inbound.command)
        # "unknown" is unsure too from the bot's side: the model may understand the slang.
        unsure = offline.name == "unknown" or offline.confidence < CLARIFY_BELOW
        if llm is None or client is None or not unsure or not text.strip():
            return offline
        return await llm_parse(text, today=today, offline=offline, settings=llm, client=client)

    return parse_message

"""The parse step of the router: offline parser first, the optional LLM only when unsure."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from bot import clarify, logging_setup, metrics
from bot.config import Settings
from core.messages import Actor, Inbound
from core.periods import local_today
from nlp.intent import Intent
from nlp.llm import LlmSettings, make_client, parse_with_fallback

if TYPE_CHECKING:  # the openai SDK takes ~1 s to import; only a configured LLM pays it
    from openai import AsyncOpenAI


class Parse(Protocol):
    """Text -> Intent. The router calls it with no database session open: it may wait
    seconds on a model, and must not hold a pooled connection (or SQLite's write lock)."""

    async def __call__(self, text: str, inbound: Inbound, actor: Actor) -> Intent: ...


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
        # The rest of this message's handling logs under its workspace (never its text).
        logging_setup.workspace.set(inbound.workspace)
        intent = await parse_with_fallback(
            text,
            today=today,
            command=inbound.command,
            settings=llm,
            client=client,
            date_order=actor.date_order,
        )
        if inbound.upload is not None:
            # A file is only ever taken as an import (the handler reads the rest of the
            # message as its kind): nothing else a person says with a file writes anything.
            kind = intent.slots.get("kind") if intent.name == "import_file" else None
            intent = Intent("import_file", {"kind": kind, "upload": inbound.upload}, 1.0)
        metrics.parsed(intent, unsure=intent.is_write and clarify.unsure(intent))
        return intent

    return parse_message

"""The router asks the optional LLM only about messages the offline parser is unsure of."""

from __future__ import annotations

import json
from typing import Any

from openai import AsyncOpenAI
from sqlalchemy import func, select

from bot.registration import register_all
from bot.router import Router
from bot.services import Services
from bot.understand import make_parser
from storage.models import Activity
from tests.conftest import make_settings
from tests.support import fake_llm as fake
from tests.support.clock import FakeClock
from tests.support.dialog import Chat
from tests.support.world import make_world


def fake_llm(answer: dict[str, Any], seen: list[dict[str, Any]]) -> AsyncOpenAI:
    return fake.client(fake.replying(json.dumps(answer), seen))


def with_llm(services: Services, db_url: str, clock: FakeClock, client: AsyncOpenAI) -> Chat:
    settings = make_settings(db_url, llm_base_url="http://llm.test/v1", llm_model="tiny")
    router = Router(services.sessions, settings, make_parser(settings, clock, client), clock)
    register_all(router)
    services.router = router
    return Chat(services)


async def test_confident_messages_never_reach_the_llm(
    services: Services, db_url: str, clock: FakeClock
) -> None:
    await make_world(services)
    seen: list[dict[str, Any]] = []
    chat = with_llm(
        services,
        db_url,
        clock,
        fake_llm({"intent": "unknown", "slots": {}, "confidence": 0.9}, seen),
    )
    reply = await chat.say("rita", "logged 3 calls and 2 emails with Acme Corp")
    assert reply.ok and seen == []


async def test_unsure_message_is_answered_by_the_llm(
    services: Services, db_url: str, clock: FakeClock
) -> None:
    await make_world(services)
    seen: list[dict[str, Any]] = []
    answer = {"intent": "pipeline_summary", "slots": {}, "confidence": 0.88}
    chat = with_llm(services, db_url, clock, fake_llm(answer, seen))
    reply = await chat.say("rita", "globex deal?")
    assert len(seen) == 1
    assert "globex deal?" in json.dumps(seen[0])
    assert "Your pipeline is empty" in reply.text


async def test_small_talk_never_leaves_the_building(
    services: Services, db_url: str, clock: FakeClock
) -> None:
    await make_world(services)
    seen: list[dict[str, Any]] = []
    chat = with_llm(services, db_url, clock, fake_llm({"intent": "help", "slots": {}}, seen))
    await chat.say("rita", "what's for lunch today")
    assert seen == []


async def test_llm_write_still_needs_a_yes_when_unsure(
    services: Services, db_url: str, clock: FakeClock
) -> None:
    await make_world(services)
    answer = {
        "intent": "log_activity",
        "slots": {"items": [{"activity": "demo", "count": 2}], "date": "2026-11-18"},
        "confidence": 0.5,
    }
    chat = with_llm(services, db_url, clock, fake_llm(answer, []))
    reply = await chat.say("rita", "demo")
    assert "Just checking" in reply.text
    async with services.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Activity)) == 0

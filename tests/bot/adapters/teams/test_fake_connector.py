"""The fake connector refuses what Bot Framework refuses: no token, a wrong one, a wrong route."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from bot.adapters.teams.connector import Connector, message_for
from core.messages import Reply
from tests.bot.adapters.teams.conftest import StubTokenProvider
from tests.bot.adapters.teams.fake_connector import BOT_TOKEN, FakeConnector

CHAT = "a:1dana-personal-chat"
MESSAGE = {"type": "message", "text": "You're at 5 of 20 activities today."}


@pytest.fixture
async def fake() -> AsyncIterator[FakeConnector]:
    async with FakeConnector() as connector:
        yield connector


async def post(fake: FakeConnector, path: str, body: object, token: str | None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with httpx.AsyncClient(base_url=fake.url) as http:
        return await http.post(path, json=body, headers=headers)


async def test_the_bots_token_posts_a_message(fake: FakeConnector) -> None:
    answer = await post(fake, f"v3/conversations/{CHAT}/activities", MESSAGE, BOT_TOKEN)
    assert answer.status_code == 201 and answer.json()["id"]
    [sent] = fake.delivered(CHAT)
    assert sent.body == MESSAGE


@pytest.mark.parametrize("token", [None, "someone-elses-token"])
async def test_a_call_without_the_bots_token_is_unauthorized(
    fake: FakeConnector, token: str | None
) -> None:
    answer = await post(fake, f"v3/conversations/{CHAT}/activities", MESSAGE, token)
    assert answer.status_code == 401
    assert answer.json() == {"message": "Authorization has been denied for this request."}
    assert fake.delivered() == [] and [c.status for c in fake.calls] == [401]


async def test_a_misspelt_route_is_not_found(fake: FakeConnector) -> None:
    answer = await post(fake, f"v3/conversation/{CHAT}/activities", MESSAGE, BOT_TOKEN)
    assert answer.status_code == 404 and answer.json()["error"]["code"] == "NotFound"
    assert fake.delivered() == []


async def test_an_activity_without_a_type_or_a_conversation_without_members_is_refused(
    fake: FakeConnector,
) -> None:
    untyped = await post(fake, f"v3/conversations/{CHAT}/activities", {"text": "hi"}, BOT_TOKEN)
    empty = await post(fake, "v3/conversations", {"bot": {"id": "28:bot"}}, BOT_TOKEN)
    assert (untyped.status_code, empty.status_code) == (400, 400)
    assert fake.delivered() == []


async def test_the_apps_connector_uses_routes_the_fake_serves(fake: FakeConnector) -> None:
    connector = Connector(StubTokenProvider())
    try:
        sent = await connector.send(fake.url, CHAT, message_for(Reply(text="Hi Dana")))
        reply = await connector.send(fake.url, CHAT, message_for(Reply(text="Again")), sent)
    finally:
        await connector.aclose()
    assert [c.status for c in fake.calls] == [201, 201]
    # The SDK replies by posting to the conversation with replyToId set.
    assert [c.path for c in fake.calls] == [f"/teams/v3/conversations/{CHAT}/activities"] * 2
    assert [c.body.get("replyToId") for c in fake.calls] == [None, sent]
    assert reply and all(c.headers["Authorization"] == f"Bearer {BOT_TOKEN}" for c in fake.calls)


async def test_a_connector_with_the_wrong_token_is_refused(fake: FakeConnector) -> None:
    fake.token = "the-real-bot-token"
    connector = Connector(StubTokenProvider())
    try:
        with pytest.raises(httpx.HTTPStatusError) as refused:
            await connector.send(fake.url, CHAT, message_for(Reply(text="Hi Dana")))
    finally:
        await connector.aclose()
    assert refused.value.response.status_code == 401

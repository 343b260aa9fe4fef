"""Only Bot Framework may call /api/messages: anything else gets 401 and changes nothing."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import func, select

import bot.adapters.teams as teams_adapter
from bot.app import build_services
from bot.server import create_app
from storage.models import ConversationReference, User, Workspace
from tests.bot.adapters.teams.fake_connector import FakeConnector
from tests.bot.adapters.teams.harness import TeamsTenant, activity
from tests.bot.adapters.teams.tokens import SigningKey
from tests.conftest import make_settings
from tests.support.clock import FakeClock


async def nothing_touched(teams: TeamsTenant) -> bool:
    async with teams.services.sessions() as session:
        counts = [
            await session.scalar(select(func.count()).select_from(model))
            for model in (Workspace, User, ConversationReference)
        ]
    return counts == [0, 0, 0] and teams.connector.calls == []


async def test_a_valid_token_is_accepted(teams: TeamsTenant) -> None:
    response = await teams.post(teams.activity("personal_message"))

    assert response.status_code == 200
    assert len(teams.connector.activities()) == 1


async def test_a_request_without_a_token_is_refused(teams: TeamsTenant) -> None:
    response = await teams.post(teams.activity("personal_message"), token=None)

    assert response.status_code == 401
    assert await nothing_touched(teams)


async def test_a_token_signed_by_an_unknown_key_is_refused(teams: TeamsTenant) -> None:
    stranger = SigningKey("not-published")
    body = teams.activity("personal_message")

    response = await teams.post(body, token=stranger.token(body["serviceUrl"]))

    assert response.status_code == 401
    assert await nothing_touched(teams)


async def test_a_token_for_another_bot_is_refused(teams: TeamsTenant) -> None:
    body = teams.activity("personal_message")

    response = await teams.post(body, token=teams.key.token(body["serviceUrl"], aud="other-app"))

    assert response.status_code == 401
    assert await nothing_touched(teams)


async def test_an_expired_token_is_refused(teams: TeamsTenant) -> None:
    body = teams.activity("personal_message")
    an_hour_ago = int(time.time()) - 3600
    token = teams.key.token(body["serviceUrl"], exp=an_hour_ago, nbf=an_hour_ago - 60)

    response = await teams.post(body, token=token)

    assert response.status_code == 401
    assert await nothing_touched(teams)


async def test_a_token_from_another_issuer_is_refused(teams: TeamsTenant) -> None:
    body = teams.activity("personal_message")

    response = await teams.post(body, token=teams.key.token(body["serviceUrl"], iss="https://evil"))

    assert response.status_code == 401
    assert await nothing_touched(teams)


async def test_an_activity_pointing_at_another_service_url_is_refused(teams: TeamsTenant) -> None:
    # A stolen token replayed with a serviceUrl the attacker controls.
    body = teams.activity("personal_message")
    token = teams.key.token(body["serviceUrl"])
    body["serviceUrl"] = "https://attacker.example/teams/"

    response = await teams.post(body, token=token)

    assert response.status_code == 401
    assert await nothing_touched(teams)


async def test_a_garbage_token_is_refused(teams: TeamsTenant) -> None:
    response = await teams.post(teams.activity("personal_message"), token="not.a.jwt")

    assert response.status_code == 401
    assert await nothing_touched(teams)


@pytest.fixture
async def app_without_credentials(
    db_url: str, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[httpx.AsyncClient]:
    monkeypatch.delenv(teams_adapter.DEV_NO_AUTH_ENV, raising=False)
    services = build_services(make_settings(db_url), clock=clock, auto_migrate=False)
    app = create_app(services)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://quotabot.test") as http:
        yield http
    await services.engine.dispose()


async def test_without_credentials_teams_is_not_served(
    app_without_credentials: httpx.AsyncClient,
) -> None:
    response = await app_without_credentials.post("/api/messages", json={"type": "message"})

    assert response.status_code in (404, 405)


async def test_the_status_line_says_why_teams_is_off(db_url: str, clock: FakeClock) -> None:
    services = build_services(make_settings(db_url), clock=clock, auto_migrate=False)
    app = create_app(services)
    await services.engine.dispose()

    assert any(s.startswith("Teams: not served") for s in app.state.adapter_status)


async def test_the_dev_flag_serves_the_playground_without_tokens(
    db_url: str, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv(teams_adapter.DEV_NO_AUTH_ENV, "1")
    services = build_services(make_settings(db_url), clock=clock, auto_migrate=False)
    connector = FakeConnector(token=None)  # the playground's connector takes anonymous calls
    await connector.start()
    try:
        app = create_app(services)
        body = activity("personal_message", connector.url)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://q.test") as http:
            response = await http.post("/api/messages", json=body)
    finally:
        await connector.stop()
        await services.engine.dispose()

    assert response.status_code == 200
    assert "Authorization" not in connector.activities()[0].headers
    assert any("WITHOUT authentication" in s for s in app.state.adapter_status)
    assert "WITHOUT authentication" in caplog.text


async def test_a_key_not_endorsed_for_teams_is_refused(teams: TeamsTenant) -> None:
    webchat_only = SigningKey("webchat-key")
    jwk = webchat_only.jwk()
    jwk["endorsements"] = ["webchat"]
    teams.connector.jwks["keys"].append(jwk)
    body = teams.activity("personal_message")

    response = await teams.post(body, token=webchat_only.token(body["serviceUrl"]))

    assert response.status_code == 401
    assert await nothing_touched(teams)


async def test_unreachable_signing_keys_answer_503_so_teams_retries(teams: TeamsTenant) -> None:
    await teams.connector.stop()  # the OpenID metadata is gone too

    response = await teams.post(teams.activity("personal_message"))

    assert response.status_code == 503

"""/api/messages under hostile input, and outbound tokens from a configurable authority."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from typing import Any

import jwt
import pytest
from aiohttp import web

import bot.adapters.teams as teams_adapter
from bot.app import build_services
from bot.server import create_app
from tests.bot.adapters.teams.fake_connector import BOT_TOKEN, FakeConnector
from tests.bot.adapters.teams.harness import TeamsTenant
from tests.bot.adapters.teams.test_security import nothing_touched
from tests.bot.adapters.teams.tokens import APP_ID, TENANT, SigningKey
from tests.conftest import make_settings
from tests.support.clock import FakeClock
from tests.support.loopback import LoopbackServer

MB = 1024 * 1024


async def test_a_token_that_never_expires_is_refused(teams: TeamsTenant) -> None:
    body = teams.activity("personal_message")

    assert (
        await teams.post(body, token=_without_exp(teams.key, body["serviceUrl"]))
    ).status_code == 401
    assert await nothing_touched(teams)
    assert (await teams.post(body)).status_code == 200  # the same token with an expiry


def _without_exp(key: SigningKey, service_url: str) -> str:
    now = int(time.time())
    claims = {"serviceurl": service_url, "nbf": now - 10, "iat": now - 10}
    claims.update(iss="https://api.botframework.com", aud=APP_ID)
    return jwt.encode(claims, key.private, algorithm="RS256", headers={"kid": key.kid})


async def test_the_token_is_checked_before_the_body_is_read(teams: TeamsTenant) -> None:
    garbage = b"{not json" + b"[" * 5000
    anonymous = await teams.http.post("/api/messages", content=garbage)
    assert anonymous.status_code == 401  # not 400: a stranger's body is never parsed

    token = teams.key.token(teams.connector.url)
    headers = {"Authorization": f"Bearer {token}"}
    assert (
        await teams.http.post("/api/messages", content=garbage, headers=headers)
    ).status_code == 400
    deep = json.dumps({"type": "message", "x": json.loads("[" * 100 + "]" * 100)})
    assert (
        await teams.http.post("/api/messages", content=deep, headers=headers)
    ).status_code == 400
    assert await nothing_touched(teams)


async def test_a_body_over_a_megabyte_is_refused_before_the_token_is_checked(
    teams: TeamsTenant,
) -> None:
    response = await teams.http.post("/api/messages", content=b"x" * (MB + 1))
    assert response.status_code == 413


async def test_names_and_links_people_typed_are_shown_not_followed(teams: TeamsTenant) -> None:
    body = teams.activity("personal_message", text="3 calls with Acme")
    body["from"]["name"] = "[Bonus](https://evil.example) *Boss*"
    assert (await teams.post(body)).status_code == 200
    board = teams.activity("personal_message", text="leaderboard", id="board-1")
    assert (await teams.post(board)).status_code == 200

    shown = json.dumps([call.body for call in teams.connector.activities()], ensure_ascii=False)
    assert "](https://evil.example)" not in shown
    assert "\uff3bBonus\uff3d(https://evil.example) \u2217Boss\u2217" in shown


class IdentityProvider(LoopbackServer):
    """Microsoft's identity platform in miniature: OpenID metadata and a token endpoint per
    tenant, client credentials checked, one token issued."""

    def __init__(self, client_id: str, secret: str) -> None:
        self.client_id, self.secret = client_id, secret
        self.grants: list[dict[str, Any]] = []

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/{tenant}/v2.0/.well-known/openid-configuration", self._metadata)
        app.router.add_post("/{tenant}/oauth2/v2.0/token", self._token)
        return app

    async def _metadata(self, request: web.Request) -> web.Response:
        tenant = request.match_info["tenant"]
        return web.json_response({"token_endpoint": f"{self.base_url}/{tenant}/oauth2/v2.0/token"})

    async def _token(self, request: web.Request) -> web.Response:
        form = dict(await request.post())
        self.grants.append({"tenant": request.match_info["tenant"], **form})
        if (form.get("client_id"), form.get("client_secret")) != (self.client_id, self.secret):
            return web.json_response({"error": "invalid_client"}, status=401)
        return web.json_response({"access_token": BOT_TOKEN, "expires_in": 3600})


@pytest.fixture
async def own_cloud(
    db_url: str,
    clock: FakeClock,
    connector: FakeConnector,
    signing_key: SigningKey,
    monkeypatch: pytest.MonkeyPatch,
) -> AsyncIterator[tuple[TeamsTenant, IdentityProvider]]:
    async with IdentityProvider(APP_ID, "test-secret") as idp:
        settings = make_settings(
            db_url,
            teams_client_id=APP_ID,
            teams_client_secret="test-secret",
            teams_tenant_id=TENANT,
            teams_authority_url=idp.base_url,
        )
        monkeypatch.setenv(teams_adapter.OPENID_URL_ENV, connector.openid_url)
        services = build_services(settings, clock=clock, auto_migrate=False)
        tenant = TeamsTenant(create_app(services), services, connector, signing_key)
        try:
            yield tenant, idp
        finally:
            await tenant.close()
            await services.engine.dispose()


async def test_replies_carry_a_token_from_the_configured_authority(
    own_cloud: tuple[TeamsTenant, IdentityProvider],
) -> None:
    teams, idp = own_cloud
    assert (await teams.post(teams.activity("personal_message"))).status_code == 200

    [reply] = teams.connector.delivered()
    assert reply.headers["Authorization"] == f"Bearer {BOT_TOKEN}"
    [grant] = idp.grants
    assert (grant["tenant"], grant["grant_type"]) == (TENANT, "client_credentials")
    assert grant["scope"] == "https://api.botframework.com/.default"

"""Fixtures: a fake connector with a local key set, and the real app configured for Teams."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest

import bot.adapters.teams as teams_adapter
from bot.app import build_services
from bot.server import create_app
from bot.services import Services
from tests.bot.adapters.teams.fake_connector import BOT_TOKEN, FakeConnector
from tests.bot.adapters.teams.harness import TeamsTenant
from tests.bot.adapters.teams.tokens import APP_ID, TENANT, SigningKey
from tests.conftest import make_settings
from tests.support.clock import FakeClock

__all__ = ["BOT_TOKEN", "StubTokenProvider"]


class StubTokenProvider:
    """Stands in for the SDK's MSAL client-credentials flow: no login.microsoftonline.com."""

    def __init__(self) -> None:
        self.scopes: list[str] = []

    async def get_app_token(self, scope: str, tenant_id: str | None) -> str:
        self.scopes.append(scope)
        return BOT_TOKEN


@pytest.fixture(scope="session")
def signing_key() -> SigningKey:
    return SigningKey("test-key-1")


@pytest.fixture
async def connector(signing_key: SigningKey) -> AsyncIterator[FakeConnector]:
    fake = FakeConnector()
    fake.jwks = {"keys": [signing_key.jwk()]}
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


@pytest.fixture
def token_provider() -> StubTokenProvider:
    return StubTokenProvider()


@asynccontextmanager
async def teams_app_services(
    db_url: str, clock: FakeClock, **overrides: object
) -> AsyncIterator[Services]:
    """Services for the Teams app registration the tests sign for (and any other settings)."""
    settings = make_settings(
        db_url,
        teams_client_id=APP_ID,
        teams_client_secret="test-secret",
        teams_tenant_id=TENANT,
        **overrides,
    )
    services = build_services(settings, clock=clock, auto_migrate=False)
    try:
        yield services
    finally:
        await services.engine.dispose()


@pytest.fixture
async def teams_services(db_url: str, clock: FakeClock) -> AsyncIterator[Services]:
    async with teams_app_services(db_url, clock) as services:
        yield services


@pytest.fixture
async def teams(
    teams_services: Services,
    connector: FakeConnector,
    signing_key: SigningKey,
    token_provider: StubTokenProvider,
    monkeypatch: pytest.MonkeyPatch,
) -> AsyncIterator[TeamsTenant]:
    monkeypatch.setenv(teams_adapter.OPENID_URL_ENV, connector.openid_url)
    monkeypatch.setattr(teams_adapter, "default_token_provider", lambda _s: token_provider)
    tenant = TeamsTenant(create_app(teams_services), teams_services, connector, signing_key)
    try:
        yield tenant
    finally:
        await tenant.close()

"""Teams: the quota card carries an Adaptive Card Image whose URL QuotaBot serves as a PNG."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import pytest
from PIL import Image
from sqlalchemy import select

from bot.app import build_services
from bot.charts.links import configure
from bot.services import Services
from storage.models import Quota, User
from tests.bot.adapters.teams.harness import TeamsTenant
from tests.bot.adapters.teams.tokens import APP_ID, TENANT
from tests.conftest import make_settings
from tests.support.clock import FakeClock

DANA = "0d1c7a52-9b3e-4c8f-a2d6-5e4f3b2a1c90"
DANA_CHAT = "a:1Xo7pYdQh4cRk2mQZtW9vJ0FqH3nLx8bE5sA6yU1iO2gP4rT7eK9wM0dN3fB5hC8jV6zX1qS"


@pytest.fixture
async def teams_services(db_url: str, clock: FakeClock) -> AsyncIterator[Services]:
    settings = make_settings(
        db_url,
        teams_client_id=APP_ID,
        teams_client_secret="test-secret",
        teams_tenant_id=TENANT,
        public_url="https://quotabot.test/",
        secret_key="a chart-signing secret of some length",
    )
    services = build_services(settings, clock=clock, auto_migrate=False)
    try:
        yield services
    finally:
        configure(None)  # links are process-wide: later tests render without them
        await services.engine.dispose()


def _images(element: Any) -> list[dict[str, Any]]:
    if isinstance(element, dict):
        own = [element] if element.get("type") == "Image" else []
        return own + [i for v in element.values() for i in _images(v)]
    if isinstance(element, list):
        return [i for v in element for i in _images(v)]
    return []


async def test_quota_card_carries_an_image_that_resolves_to_the_png(teams: TeamsTenant) -> None:
    await teams.post(teams.activity("personal_message"))
    async with teams.services.sessions() as session, session.begin():
        dana = (await session.scalars(select(User).where(User.external_id == DANA))).one()
        session.add(
            Quota(
                workspace_id=dana.workspace_id,
                subject=f"user:{dana.id}",
                user_id=dana.id,
                metric="activities",
                period_kind="month",
                period_start=date(2026, 11, 1),
                target=100,
            )
        )
    await teams.post(teams.activity("personal_message", id="quota-1", text="/quota"))
    card = teams.connector.cards(DANA_CHAT)[-1]
    [image] = _images(card["body"])
    assert image["altText"].startswith("Quota — November 2026. activities: 3 of 100 activities")
    assert image["url"].startswith("https://quotabot.test/charts/")
    served = await teams.http.get(urlsplit(image["url"]).path)
    assert served.status_code == 200
    assert Image.open(io.BytesIO(served.content)).format == "PNG"

"""Slack over HTTP: an answer with a chart carries an image block whose URL QuotaBot serves
as a PNG; a forged or expired chart URL serves nothing."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import pytest
from PIL import Image
from sqlalchemy import select

from bot.charts.links import MAX_URL, configure
from storage.models import Quota, User
from tests.bot.adapters.slack.conftest import running
from tests.bot.adapters.slack.harness import SECRET, SlackWorkspace
from tests.conftest import make_settings
from tests.support.clock import FakeClock
from tests.support.slack_api import BOT_TOKEN, FakeSlack

PUBLIC = "https://quotabot.test"


@pytest.fixture
async def charted(
    db_url: str, clock: FakeClock, fake_slack: FakeSlack
) -> AsyncIterator[SlackWorkspace]:
    settings = make_settings(
        db_url,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SECRET,
        slack_api_url=fake_slack.api_url,
        public_url=PUBLIC,
        secret_key="a chart-signing secret of some length",
    )
    async with running(settings, clock, fake_slack) as workspace:
        yield workspace
    configure(None)  # links are process-wide: later tests render without them


async def _quota_answer(slack: SlackWorkspace) -> dict[str, Any]:
    await slack.command("/log", "closed Initech for $24k")
    await slack.settle()
    async with slack.services.sessions() as session, session.begin():
        dana = (await session.scalars(select(User).where(User.external_id == "U0DANA"))).one()
        session.add(
            Quota(
                workspace_id=dana.workspace_id,
                subject=f"user:{dana.id}",
                user_id=dana.id,
                metric="revenue",
                period_kind="month",
                period_start=date(2026, 11, 1),
                target=5_000_000,
            )
        )
    await slack.command("/quota")
    await slack.settle()
    answer: dict[str, Any] = slack.fake.hooks[-1]
    return answer


def _image(answer: dict[str, Any]) -> dict[str, Any]:
    images: list[dict[str, Any]] = [b for b in answer["blocks"] if b["type"] == "image"]
    assert len(images) == 1
    return images[0]


async def test_quota_answer_shows_a_chart_served_by_quotabot(charted: SlackWorkspace) -> None:
    answer = await _quota_answer(charted)
    image = _image(answer)
    assert image["alt_text"].startswith("Quota — November 2026. revenue: $24,000 of $50,000")
    url = image["image_url"]
    assert url.startswith(f"{PUBLIC}/charts/") and url.endswith(".png") and len(url) <= MAX_URL
    served = await charted.http.get(urlsplit(url).path)
    assert served.status_code == 200 and served.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(served.content)).format == "PNG"
    # The text bars give way to the picture; the facts stay.
    assert "`█" not in str(answer["blocks"])


async def test_forged_and_expired_chart_urls_serve_nothing(
    charted: SlackWorkspace, clock: FakeClock
) -> None:
    path = urlsplit(_image(await _quota_answer(charted))["image_url"]).path
    token = path.removeprefix("/charts/").removesuffix(".png")
    forged = token[:40] + ("A" if token[40] != "A" else "B") + token[41:]
    assert (await charted.http.get(f"/charts/{forged}.png")).status_code == 404
    assert (await charted.http.get("/charts/not-a-token.png")).status_code == 404
    assert (await charted.http.get(f"/charts/{token}")).status_code == 404
    clock.advance(days=2)
    assert (await charted.http.get(path)).status_code == 404


async def test_without_a_public_url_the_answer_stays_text(slack: SlackWorkspace) -> None:
    answer = await _quota_answer(slack)
    assert not [b for b in answer["blocks"] if b["type"] == "image"]
    assert "`█" in str(answer["blocks"])

"""Slack in Socket Mode has no public URL for image blocks: an answer posted as a message gets
its chart uploaded into the conversation as a PNG; an ephemeral answer never does."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from datetime import date

import pytest
from PIL import Image
from sqlalchemy import select

from bot.charts.links import configure
from storage.models import Quota, User
from tests.bot.adapters.slack.conftest import running
from tests.bot.adapters.slack.harness import SECRET, SlackWorkspace, text_of
from tests.conftest import make_settings
from tests.support.clock import FakeClock
from tests.support.slack_api import BOT_TOKEN, FakeSlack

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
async def socket_mode(
    db_url: str, clock: FakeClock, fake_slack: FakeSlack
) -> AsyncIterator[SlackWorkspace]:
    # As `quotabot serve` runs with SLACK_APP_TOKEN and no QUOTABOT_PUBLIC_URL: nothing
    # outside can fetch a chart from us, though the secret key is there.
    settings = make_settings(
        db_url,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SECRET,
        slack_api_url=fake_slack.api_url,
        secret_key="a chart-signing secret of some length",
    )
    async with running(settings, clock, fake_slack) as workspace:
        yield workspace


async def _dana_has_a_quota(slack: SlackWorkspace) -> None:
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


async def test_a_dm_answer_brings_its_chart_as_an_uploaded_png(socket_mode: SlackWorkspace) -> None:
    await _dana_has_a_quota(socket_mode)

    await socket_mode.dm("how am I tracking against quota?")
    await socket_mode.settle()

    answer = socket_mode.fake.called("chat.postMessage")[-1]
    assert answer["channel"] == "D0DANA" and "$24,000" in text_of(answer)
    [chart] = socket_mode.fake.files.shared()
    assert chart.channel == "D0DANA" and chart.filename == "progress.png"
    assert chart.alt_txt.startswith("Quota — November 2026. revenue: $24,000 of $50,000")
    assert chart.data is not None and chart.data.startswith(PNG_SIGNATURE)
    width, height = Image.open(io.BytesIO(chart.data)).size
    assert width > 300 and height > 150
    # No image block: Slack could not fetch one from a bot it cannot reach.
    assert not [b for b in answer["blocks"] if b["type"] == "image"]


async def test_a_failed_upload_leaves_the_answer_sent_once(
    socket_mode: SlackWorkspace, clock: FakeClock
) -> None:
    await _dana_has_a_quota(socket_mode)
    socket_mode.fake.then("files.completeUploadExternal", {"ok": False, "error": "internal_error"})

    await socket_mode.dm("how am I tracking against quota?")
    await socket_mode.settle()
    clock.advance(minutes=10)  # past the backoff of a send the outbox would retry
    await socket_mode.app.state.inbox.replies.sweep()
    await socket_mode.settle()

    # The message is out: a lost picture must not make the outbox post the answer again.
    answers = [m for m in socket_mode.fake.called("chat.postMessage") if "$24,000" in text_of(m)]
    assert len(answers) == 1 and "`█" in str(answers[0]["blocks"])
    assert len(socket_mode.fake.called("files.completeUploadExternal")) == 1
    assert socket_mode.fake.files.shared() == []


async def test_an_ephemeral_answer_uploads_nothing(socket_mode: SlackWorkspace) -> None:
    await _dana_has_a_quota(socket_mode)

    # /quota in a channel answers Dana alone: a file there would show the whole channel.
    await socket_mode.command("/quota")
    await socket_mode.settle()

    assert socket_mode.fake.hooks[-1]["response_type"] == "ephemeral"
    assert "`█" in str(socket_mode.fake.hooks[-1]["blocks"])
    assert socket_mode.fake.called("files.getUploadURLExternal") == []
    assert socket_mode.fake.files.shared() == []


@pytest.fixture
async def public(
    db_url: str, clock: FakeClock, fake_slack: FakeSlack
) -> AsyncIterator[SlackWorkspace]:
    settings = make_settings(
        db_url,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SECRET,
        slack_api_url=fake_slack.api_url,
        public_url="https://quotabot.test",
        secret_key="a chart-signing secret of some length",
    )
    async with running(settings, clock, fake_slack) as workspace:
        yield workspace
    configure(None)  # links are process-wide: later tests render without them


async def test_with_a_public_url_the_dm_carries_an_image_block_and_no_file(
    public: SlackWorkspace,
) -> None:
    await _dana_has_a_quota(public)

    await public.dm("how am I tracking against quota?")
    await public.settle()

    answer = public.fake.called("chat.postMessage")[-1]
    assert [b["type"] for b in answer["blocks"]].count("image") == 1
    assert public.fake.called("files.getUploadURLExternal") == []

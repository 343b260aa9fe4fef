"""Proactive sends for the scheduler: DM via conversations.open, channels, and 429 handling."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.adapters import slack as slack_adapter
from bot.app import build_services
from bot.services import Services
from core.messages import Reply
from scheduler.notify import Outbound
from tests.bot.adapters.slack.harness import SECRET, SlackWorkspace, text_of
from tests.conftest import make_settings
from tests.support.clock import FakeClock
from tests.support.slack_api import BOT_TOKEN, FakeSlack

NUDGE = Reply(text="You're at 12 of 20 activities today. Two more calls before 5?")


@pytest.fixture
async def services(db_url: str, clock: FakeClock, fake_slack: FakeSlack) -> AsyncIterator[Services]:
    settings = make_settings(
        db_url,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SECRET,
        slack_api_url=fake_slack.api_url,
    )
    built = build_services(settings, clock=clock, auto_migrate=False)
    try:
        yield built
    finally:
        await built.engine.dispose()


async def test_a_nudge_opens_the_dm_and_posts_there(
    services: Services, fake_slack: FakeSlack
) -> None:
    notifier = slack_adapter.notifier(services)
    assert notifier is not None and notifier.platform == "slack"

    result = await notifier.send(Outbound("slack", "T0ACME", NUDGE, user="U0DANA"))
    assert result.ok
    assert [c["users"] for c in fake_slack.called("conversations.open")] == ["U0DANA"]
    [posted] = fake_slack.called("chat.postMessage")
    assert posted["channel"] == "D0DANA"
    assert "12 of 20" in text_of(posted)


async def test_the_dm_is_opened_once_per_person(services: Services, fake_slack: FakeSlack) -> None:
    notifier = slack_adapter.notifier(services)
    assert notifier is not None
    for _ in range(3):
        assert (await notifier.send(Outbound("slack", "T0ACME", NUDGE, user="U0DANA"))).ok
    assert len(fake_slack.called("conversations.open")) == 1
    assert [p["channel"] for p in fake_slack.called("chat.postMessage")] == ["D0DANA"] * 3


async def test_a_leaderboard_goes_straight_to_the_team_channel(
    services: Services, fake_slack: FakeSlack
) -> None:
    notifier = slack_adapter.notifier(services)
    assert notifier is not None
    await notifier.send(Outbound("slack", "T0ACME", Reply(text="🏆"), channel="C0SALES"))
    assert fake_slack.called("conversations.open") == []
    assert fake_slack.called("chat.postMessage")[0]["channel"] == "C0SALES"


async def test_rate_limited_sends_report_retry_after_instead_of_sleeping(
    services: Services, fake_slack: FakeSlack
) -> None:
    notifier = slack_adapter.notifier(services)
    assert notifier is not None
    fake_slack.throttle("chat.postMessage", retry_after=30)
    result = await notifier.send(Outbound("slack", "T0ACME", NUDGE, channel="C0SALES"))
    assert not result.ok
    assert result.retry_after == 30
    assert len(fake_slack.called("chat.postMessage")) == 1


async def test_a_channel_the_bot_is_not_in_is_a_permanent_failure(
    services: Services, fake_slack: FakeSlack
) -> None:
    notifier = slack_adapter.notifier(services)
    assert notifier is not None
    fake_slack.add_channel("C0PRIVATE", member=False)
    result = await notifier.send(Outbound("slack", "T0ACME", NUDGE, channel="C0PRIVATE"))
    assert (result.ok, result.error, result.permanent) == (False, "not_in_channel", True)


async def test_replies_to_people_wait_out_a_429_and_go_through(slack: SlackWorkspace) -> None:
    # Chat replies use slack-sdk's rate-limit retry handler, which honours Retry-After.
    slack.fake.throttle("chat.postMessage", retry_after=0)
    await slack.dm("3 calls with Acme")
    await slack.settle()
    assert len(slack.fake.called("chat.postMessage")) == 2

"""Nothing slow runs before the ack: the HTTP answer returns while the work is still held."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from bot.adapters.slack import listeners
from bot.sealing import Sealing
from core.messages import Inbound, Reply
from tests.bot.adapters.slack.harness import SlackWorkspace, text_of
from tests.support.slack_api import fixture


class HeldRouter:
    """A router that answers only when the test lets it: as slow as we like."""

    def __init__(self, slack: SlackWorkspace) -> None:
        self.real = slack.services.router.handle
        self.gate = asyncio.Event()
        self.started = 0
        slack.services.router.handle = self.handle  # type: ignore[method-assign]

    async def handle(self, inbound: Inbound, seal: Sealing | None = None) -> Reply:
        self.started += 1
        await self.gate.wait()
        return await self.real(inbound, seal)


async def answered_while_held(
    request: asyncio.Future[httpx.Response], router: HeldRouter
) -> httpx.Response:
    """The HTTP answer, which must come while the router is still held.

    The router (and, where the test holds it, Slack's Web API) answers only when the test
    lets it, and the test has not: an ack that waited for either would never come. The
    bound only turns such a hang into a failure; it measures nothing.
    """
    async with asyncio.timeout(60):
        response = await request
    assert not router.gate.is_set()
    return response


async def warm_up(slack: SlackWorkspace) -> None:
    # Bolt calls auth.test once, on the first request, to learn the bot's user id.
    await slack.event(fixture("url_verification"))
    await slack.command("/quota")
    await slack.settle()
    slack.fake.calls.clear()
    slack.fake.hooks.clear()


@pytest.mark.parametrize(
    "send",
    [
        lambda s: s.command("/log", "3 calls with Acme"),
        lambda s: s.dm("3 calls with Acme"),
        lambda s: s.event(s.mention("how am I tracking?")),
        lambda s: s.press("log_another"),
        lambda s: s.interact(fixture("shortcut_log_activity")),
        lambda s: s.event(fixture("event_app_home_opened")),
    ],
    ids=["command", "dm", "mention", "button", "shortcut", "app_home"],
)
async def test_ack_comes_back_before_the_router_or_slack_answer(
    slack: SlackWorkspace, send: object
) -> None:
    await warm_up(slack)
    router = HeldRouter(slack)
    slack.fake.hold = asyncio.Event()  # and Slack's Web API is slow too

    request = asyncio.ensure_future(send(slack))  # type: ignore[operator]
    response = await answered_while_held(request, router)
    assert response.status_code == 200
    assert slack.fake.calls == []

    router.gate.set()
    slack.fake.hold.set()
    await slack.settle()
    assert router.started >= 1
    assert slack.fake.calls or slack.fake.hooks  # the answer went out after all


async def test_a_slow_form_submission_is_acked_within_budget_and_answered_later(
    slack: SlackWorkspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    await slack.command("/log")
    await slack.settle()
    view = slack.fake.called("views.open")[-1]["view"]
    monkeypatch.setattr(listeners, "SUBMIT_BUDGET", 0.05)
    router = HeldRouter(slack)

    submit = slack.submit(view, kind="demo", count="1", account="Hooli")
    response = await answered_while_held(asyncio.ensure_future(submit), router)
    assert response.status_code == 200
    assert response.text == ""  # the modal closes; the confirmation follows as a message

    router.gate.set()
    await slack.settle()
    assert "Logged 1 demo" in text_of(slack.last_posted())

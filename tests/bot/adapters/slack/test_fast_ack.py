"""Commands and DMs from a workspace Bolt has met skip Bolt, and are answered the same."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from slack_bolt import BoltResponse
from sqlalchemy import func, select

from storage.models import Activity, InboxMessage
from tests.bot.adapters.slack import signing
from tests.bot.adapters.slack.harness import SlackWorkspace, text_of
from tests.support.slack_api import fixture


@pytest.fixture
def through_bolt(slack: SlackWorkspace) -> list[str]:
    """What Bolt dispatched (a middleware after ours): the shortcut's misses, in order."""
    seen: list[str] = []

    async def count(body: dict[str, object], next: Callable[[], Awaitable[BoltResponse]]) -> None:
        seen.append(str(body.get("command") or body.get("type")))
        await next()

    slack.app.state.slack.built.bolt.middleware(count)
    return seen


async def logged(slack: SlackWorkspace) -> int:
    async with slack.services.sessions() as session:
        return int(await session.scalar(select(func.coalesce(func.sum(Activity.count), 0))))


async def stored(slack: SlackWorkspace) -> int:
    async with slack.services.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(InboxMessage)))


async def test_once_bolt_met_the_workspace_commands_and_dms_skip_it(
    slack: SlackWorkspace, through_bolt: list[str]
) -> None:
    first = await slack.command("/log", "1 call with Acme")
    second = await slack.command("/log", "2 calls with Globex")
    dm = await slack.dm("3 emails to Initech")
    await slack.settle()

    assert [r.status_code for r in (first, second, dm)] == [200, 200, 200]
    assert [first.text, second.text, dm.text] == ["", "", ""]
    assert through_bolt == ["/log"]  # only the first: it taught us the workspace
    assert await logged(slack) == 6
    replies = [text_of(m) for m in (*slack.fake.hooks, *slack.fake.called("chat.postMessage"))]
    assert any("Logged 2 calls with Globex" in r for r in replies)
    assert any("3 emails" in r for r in replies)


async def test_a_mention_in_a_channel_loses_the_bots_name_on_the_shortcut(
    slack: SlackWorkspace, through_bolt: list[str]
) -> None:
    await slack.command("/quota")
    await slack.event(slack.mention("2 demos with Acme"))
    await slack.settle()

    assert through_bolt == ["/quota"]
    assert await logged(slack) == 2
    [answer] = slack.fake.called("chat.postEphemeral")
    assert "2 demos" in text_of(answer)


async def test_another_workspace_never_takes_the_shortcut(
    slack: SlackWorkspace, through_bolt: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    await slack.command("/quota")
    other = await slack.command("/log", "5 calls with Acme", team_id="T0OTHER")
    await slack.settle()

    # Single-workspace mode: Bolt's own-team check drops a team that is not ours, as before.
    assert other.status_code == 200
    assert "ignoring a request from workspace T0OTHER" in caplog.text
    assert await logged(slack) == 0


async def test_a_known_workspace_goes_back_through_bolt_after_a_minute(
    slack: SlackWorkspace, through_bolt: list[str]
) -> None:
    now = [0.0]
    slack.app.state.slack_fast_ack.known.clock = lambda: now[0]
    await slack.command("/log", "1 call with Acme")
    now[0] = 59.0
    await slack.command("/log", "2 calls with Acme")
    now[0] = 121.0
    await slack.command("/log", "3 calls with Acme")
    await slack.settle()

    assert through_bolt == ["/log", "/log"]
    assert await logged(slack) == 6


async def test_a_command_missing_its_user_is_refused_and_stores_nothing(
    slack: SlackWorkspace, through_bolt: list[str]
) -> None:
    await slack.command("/quota")
    await slack.settle()
    before = await stored(slack)

    body = fixture("slash_command_log")
    del body["user_id"]
    body.update(command="/log", text="3 calls", trigger_id=slack.trigger())
    response = await slack.post(signing.form_body(body), signing.FORM)

    assert (response.status_code, response.text) == (400, "malformed request")
    assert through_bolt == ["/quota"]
    assert await stored(slack) == before


async def test_our_own_messages_and_other_bots_are_acked_and_ignored(
    slack: SlackWorkspace, through_bolt: list[str]
) -> None:
    await slack.command("/quota")
    await slack.settle()
    before = await stored(slack)

    ours = slack.message("Logged 3 calls", user="UBOT")
    other_bot = slack.message("beep")
    other_bot["event"]["bot_id"] = "B0OTHER"
    edited = slack.message("3 calls")
    edited["event"]["subtype"] = "message_changed"
    answers = [await slack.event(e) for e in (ours, other_bot, edited)]
    await slack.settle()

    assert [(a.status_code, a.text) for a in answers] == [(200, "")] * 3
    assert through_bolt == ["/quota"]
    assert await stored(slack) == before


async def test_a_replayed_command_on_the_shortcut_is_stored_once(
    slack: SlackWorkspace, through_bolt: list[str]
) -> None:
    await slack.command("/quota")
    body = fixture("slash_command_log")
    body.update(
        command="/log",
        text="4 calls with Acme",
        trigger_id=slack.trigger(),
        response_url=slack.fake.hook_url("command"),
    )
    raw = signing.form_body(body)
    first = await slack.post(raw, signing.FORM)
    again = await slack.post(raw, signing.FORM)
    await slack.settle()

    assert (first.status_code, again.status_code) == (200, 200)
    assert through_bolt == ["/quota"]
    assert await logged(slack) == 4


async def test_a_stopping_server_answers_503_so_slack_retries_elsewhere(
    slack: SlackWorkspace, through_bolt: list[str]
) -> None:
    await slack.command("/quota")
    await slack.settle()
    before = await stored(slack)
    await slack.app.state.inbox.stop(0)  # SIGTERM: uvicorn still drains open requests

    response = await slack.dm("3 calls with Acme")

    assert (response.status_code, response.text) == (503, "shutting down")
    assert await stored(slack) == before

"""Multi-workspace install: /slack/install, Slack, /slack/oauth_redirect, encrypted row."""

from __future__ import annotations

import html
import re
import urllib.parse
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from slack_bolt import BoltResponse
from sqlalchemy import select

from bot.adapters.slack.installations import SqlInstallationStore
from bot.adapters.slack.secrets import TokenBox
from storage.models import SlackInstallation
from tests.bot.adapters.slack.conftest import running
from tests.bot.adapters.slack.harness import SECRET, SlackWorkspace
from tests.bot.adapters.slack.test_fast_ack import logged
from tests.conftest import make_settings
from tests.support.clock import FakeClock
from tests.support.slack_api import CLIENT_ID, CLIENT_SECRET, FakeSlack, fixture

SECRET_KEY = "a-long-test-secret-key-for-fernet"
BOT_TOKEN = fixture("oauth_v2_access")["access_token"]


@pytest.fixture
async def distributed(
    db_url: str, clock: FakeClock, fake_slack: FakeSlack
) -> AsyncIterator[SlackWorkspace]:
    settings = make_settings(
        db_url,
        slack_client_id=CLIENT_ID,
        slack_client_secret=CLIENT_SECRET,
        slack_signing_secret=SECRET,
        secret_key=SECRET_KEY,
        slack_api_url=fake_slack.api_url,
    )
    async with running(settings, clock, fake_slack) as workspace:
        yield workspace


async def install(slack: SlackWorkspace) -> str:
    page = await slack.http.get("/slack/install")
    assert page.status_code == 200
    link = re.search(r'<a href="([^"]+)"', html.unescape(page.text))
    assert link is not None
    assert f"client_id={CLIENT_ID}" in link.group(1)
    assert "scope=app_mentions:read,chat:write" in urllib.parse.unquote(link.group(1))
    state = re.search(r"state=([^&\"]+)", link.group(1))
    assert state is not None
    return state.group(1)


async def test_installing_stores_the_workspace_with_an_encrypted_token(
    distributed: SlackWorkspace,
) -> None:
    state = await install(distributed)
    done = await distributed.http.get(
        "/slack/oauth_redirect", params={"code": "c0de", "state": state}
    )
    assert done.status_code == 200
    [exchange] = distributed.fake.called("oauth.v2.access")
    assert exchange["code"] == "c0de"

    async with distributed.services.sessions() as session:
        [row] = (await session.scalars(select(SlackInstallation))).all()
    assert row.team_id == "T0GLOBEX"
    assert row.bot_user_id == "UBOT"
    assert row.bot_token_encrypted and BOT_TOKEN not in row.bot_token_encrypted
    assert BOT_TOKEN not in row.data

    store = SqlInstallationStore(distributed.services.sessions, CLIENT_ID, TokenBox(SECRET_KEY))
    bot = await store.async_find_bot(enterprise_id=None, team_id="T0GLOBEX")
    assert bot is not None and bot.bot_token == BOT_TOKEN


async def test_the_installed_workspace_is_served_with_its_own_token(
    distributed: SlackWorkspace,
) -> None:
    state = await install(distributed)
    await distributed.http.get("/slack/oauth_redirect", params={"code": "c0de", "state": state})
    distributed.fake.calls.clear()

    response = await distributed.command("/log", "2 calls with Acme", team_id="T0GLOBEX")
    assert response.status_code == 200
    await distributed.settle()
    assert "Logged 2 calls" in distributed.fake.hooks[-1]["text"]
    # No auth.test before the ack: the stored installation already names the bot.
    assert [call.method for call in distributed.fake.calls if call.method == "auth.test"] == []
    assert {call.token for call in distributed.fake.calls} == {BOT_TOKEN}


async def test_a_state_works_once_and_a_forged_one_not_at_all(
    distributed: SlackWorkspace,
) -> None:
    forged = await distributed.http.get(
        "/slack/oauth_redirect", params={"code": "c0de", "state": "forged"}
    )
    assert forged.status_code != 200 or "failure" in forged.text.lower()
    state = await install(distributed)
    first = await distributed.http.get(
        "/slack/oauth_redirect", params={"code": "c", "state": state}
    )
    again = await distributed.http.get(
        "/slack/oauth_redirect", params={"code": "c", "state": state}
    )
    assert first.status_code == 200
    assert again.status_code != 200
    assert len(distributed.fake.called("oauth.v2.access")) == 1


async def test_a_workspace_that_never_installed_is_refused(distributed: SlackWorkspace) -> None:
    response = await distributed.command("/quota", team_id="T0UNKNOWN")
    await distributed.settle()
    assert response.status_code == 200
    # Bolt tells the person (through response_url) to reinstall; nothing else runs.
    [notice] = distributed.fake.hooks
    assert "reinstall" in notice["text"]
    assert distributed.fake.calls == []


async def test_an_installed_workspace_takes_the_shortcut_until_it_uninstalls(
    distributed: SlackWorkspace,
) -> None:
    state = await install(distributed)
    await distributed.http.get("/slack/oauth_redirect", params={"code": "c0de", "state": state})
    seen: list[str] = []

    async def count(body: dict[str, object], next: Callable[[], Awaitable[BoltResponse]]) -> None:
        seen.append(str(body.get("command") or body.get("type")))
        await next()

    distributed.app.state.slack.built.bolt.middleware(count)
    await distributed.command("/log", "1 call with Acme", team_id="T0GLOBEX")
    await distributed.command("/log", "2 calls with Acme", team_id="T0GLOBEX")
    await distributed.settle()
    assert seen == ["/log"]
    assert await logged(distributed) == 3

    goodbye = {**fixture("event_message_im"), "event_id": "Ev0BYE"}
    goodbye.update(team_id="T0GLOBEX", context_team_id="T0GLOBEX")
    goodbye.pop("authorizations", None)
    goodbye["event"] = {"type": "app_uninstalled", "event_ts": "1763478000.000100"}
    await distributed.event(goodbye)
    after = await distributed.command("/log", "3 calls with Acme", team_id="T0GLOBEX")
    await distributed.settle()

    # Back through Bolt, which finds no installation and asks for a reinstall.
    assert after.status_code == 200
    assert "reinstall" in distributed.fake.hooks[-1]["text"]
    assert seen == ["/log", "event_callback"]
    assert await logged(distributed) == 3

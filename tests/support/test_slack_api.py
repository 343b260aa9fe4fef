"""The strict fake Slack refuses what the real one refuses, through the client the app uses."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from tests.support.clock import VirtualTime
from tests.support.slack_api import BOT_TOKEN, CLIENT_ID, CLIENT_SECRET, FakeSlack
from tests.support.slack_methods import METHODS, manifest_scopes

SLACK_ADAPTER = Path(__file__).resolve().parents[2] / "bot" / "adapters" / "slack"
MODAL = {"type": "modal", "title": {"type": "plain_text", "text": "Log activity"}, "blocks": []}


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    async with FakeSlack() as slack:
        yield slack


def client(fake: FakeSlack, token: str | None = BOT_TOKEN) -> AsyncWebClient:
    return AsyncWebClient(token=token, base_url=fake.api_url)


async def refusal(call: Any) -> tuple[int, dict[str, Any]]:
    """The HTTP status and body of a call Slack refused."""
    with pytest.raises(SlackApiError) as refused:
        await call
    data = refused.value.response.data
    assert isinstance(data, dict)
    return refused.value.response.status_code, data


async def test_a_misspelt_method_is_unknown(fake: FakeSlack) -> None:
    _, body = await refusal(client(fake).api_call("chat.postMesage", json={"channel": "C0SALES"}))
    assert body == {"ok": False, "error": "unknown_method", "req_method": "chat.postMesage"}
    assert fake.misused() == fake.calls


async def test_a_method_needing_a_scope_the_manifest_does_not_grant_is_refused(
    fake: FakeSlack,
) -> None:
    # conversations.join needs channels:join, which manifest.yml does not ask for.
    _, body = await refusal(client(fake).conversations_join(channel="C0SALES"))
    assert body["error"] == "missing_scope"
    assert body["needed"] == "channels:join"
    assert body["provided"].split(",") == list(manifest_scopes())


async def test_a_token_without_chat_write_cannot_post(fake: FakeSlack) -> None:
    fake.grant("xoxb-read-only", scopes=("users:read",))
    _, body = await refusal(
        client(fake, "xoxb-read-only").chat_postMessage(channel="C0SALES", text="hi")
    )
    assert (body["error"], body["needed"], body["provided"]) == (
        "missing_scope",
        "chat:write",
        "users:read",
    )
    assert fake.delivered() == []


@pytest.mark.parametrize(
    ("token", "error"),
    [("xoxb-made-up", "invalid_auth"), (None, "not_authed"), (BOT_TOKEN, "token_revoked")],
)
async def test_a_bad_missing_or_revoked_token_is_refused(
    fake: FakeSlack, token: str | None, error: str
) -> None:
    fake.revoke(BOT_TOKEN)
    _, body = await refusal(client(fake, token).chat_postMessage(channel="C0SALES", text="hi"))
    assert body == {"ok": False, "error": error}
    assert fake.delivered() == []


async def test_the_bot_token_is_read_from_the_bearer_header(fake: FakeSlack) -> None:
    answer = await client(fake).auth_test()
    assert (answer["team_id"], answer["user_id"]) == ("T0ACME", "UBOT")
    assert [call.token for call in fake.calls] == [BOT_TOKEN]


async def test_missing_arguments_are_named(fake: FakeSlack) -> None:
    _, body = await refusal(client(fake).api_call("chat.postMessage", json={"text": "hi"}))
    assert body["error"] == "invalid_arguments"
    assert body["response_metadata"]["messages"] == ["[ERROR] missing required field: channel"]
    _, body = await refusal(client(fake).api_call("chat.postMessage", json={"channel": "C0SALES"}))
    assert "missing required field: text or blocks or attachments" in str(body)


async def test_channels_that_do_not_exist_or_lack_the_bot_are_refused(fake: FakeSlack) -> None:
    fake.add_channel("C0PRIVATE", member=False)
    web = client(fake)
    _, missing = await refusal(web.chat_postMessage(channel="C0NOWHERE", text="hi"))
    _, outside = await refusal(web.chat_postMessage(channel="C0PRIVATE", text="hi"))
    posted = await web.chat_postMessage(channel="C0SALES", text="hi")
    assert (missing["error"], outside["error"]) == ("channel_not_found", "not_in_channel")
    assert posted["channel"] == "C0SALES"
    assert [call.channel for call in fake.delivered()] == ["C0SALES"]


async def test_a_dm_is_opened_for_people_slack_knows(fake: FakeSlack) -> None:
    web = client(fake)
    opened = await web.conversations_open(users="U0DANA")
    _, stranger = await refusal(web.conversations_open(users="U0NOBODY"))
    by_user_id = await web.chat_postMessage(channel="U0DANA", text="hi")
    assert opened["channel"]["id"] == "D0DANA" == by_user_id["channel"]
    assert stranger["error"] == "user_not_found"


async def test_a_throttled_method_answers_429_with_retry_after_until_it_has_passed(
    fake: FakeSlack,
) -> None:
    time = VirtualTime()
    fake.clock = time
    fake.throttle("chat.postMessage", retry_after=30)
    web = AsyncWebClient(token=BOT_TOKEN, base_url=fake.api_url, retry_handlers=[])
    status, body = await refusal(web.chat_postMessage(channel="C0SALES", text="1"))
    await time.sleep(29)
    again, _ = await refusal(web.chat_postMessage(channel="C0SALES", text="2"))
    await time.sleep(1)
    posted = await web.chat_postMessage(channel="C0SALES", text="3")
    assert (status, body, again) == (429, {"ok": False, "error": "ratelimited"}, 429)
    assert [c.status for c in fake.calls] == [429, 429, 200] and posted["ok"]
    throttled = [c for c in fake.calls if c.status == 429]
    assert fake.early == 1 and len(throttled) == fake.throttled == 2


async def test_the_429_carries_a_retry_after_header(fake: FakeSlack) -> None:
    fake.throttle("chat.postMessage", retry_after=7)
    web = AsyncWebClient(token=BOT_TOKEN, base_url=fake.api_url, retry_handlers=[])
    with pytest.raises(SlackApiError) as refused:
        await web.chat_postMessage(channel="C0SALES", text="hi")
    assert refused.value.response.headers["Retry-After"] == "7"


async def test_email_needs_its_own_scope(fake: FakeSlack) -> None:
    fake.grant("xoxb-no-email", scopes=("users:read",))
    with_email = await client(fake).users_info(user="U0DANA")
    without = await client(fake, "xoxb-no-email").users_info(user="U0DANA")
    assert with_email["user"]["profile"]["email"] == "dana.lee@acme.example"
    assert "email" not in without["user"]["profile"]


async def test_the_oauth_exchange_checks_the_client_and_uses_a_code_once(fake: FakeSlack) -> None:
    web = client(fake, None)
    _, wrong = await refusal(
        web.oauth_v2_access(client_id=CLIENT_ID, client_secret="guess", code="c0de")
    )
    installed = await web.oauth_v2_access(
        client_id=CLIENT_ID, client_secret=CLIENT_SECRET, code="c0de"
    )
    _, reused = await refusal(
        web.oauth_v2_access(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, code="c0de")
    )
    assert (wrong["error"], reused["error"]) == ("bad_client_secret", "invalid_code")
    # The token it issued now works, for the workspace that installed the app.
    answer = await client(fake, installed["access_token"]).auth_test()
    assert answer["team_id"] == installed["team"]["id"] == "T0GLOBEX"


async def test_block_kit_slack_would_reject_is_refused(fake: FakeSlack) -> None:
    web = client(fake)
    long_title = {**MODAL, "title": {"type": "plain_text", "text": "Log calls, emails and demos"}}
    _, modal = await refusal(web.views_open(trigger_id="1.2.3", view=long_title))
    too_many = [{"type": "divider"}] * 51
    _, message = await refusal(web.chat_postMessage(channel="C0SALES", text="x", blocks=too_many))
    opened = await web.views_open(trigger_id="1.2.3", view=MODAL)
    assert modal["error"] == "invalid_arguments"
    assert "less than 25 characters" in str(modal["response_metadata"])
    assert message["error"] == "invalid_blocks"
    assert opened["view"]["id"].startswith("V")


def test_every_web_api_method_the_app_calls_is_known_and_granted_by_the_manifest() -> None:
    called = {
        # The SDK names methods with "_" for Slack's "." (usergroups_users_list).
        name.replace("_", ".")
        for path in SLACK_ADAPTER.glob("*.py")
        for name in re.findall(r"client\.([a-z]+_[A-Za-z_0-9]+)\(", path.read_text())
    }
    if "files.upload.v2" in called:
        # The SDK's helper for the two methods (and an upload POST) Slack documents.
        called -= {"files.upload.v2"}
        called |= {"files.getUploadURLExternal", "files.completeUploadExternal"}
    assert called >= {"chat.postMessage", "conversations.open", "users.info", "views.publish"}
    granted = set(manifest_scopes())
    for name in sorted(called):
        assert name in METHODS, f"{name}: the fake does not know this method"
        scopes = METHODS[name].scopes
        assert not scopes or granted & set(scopes), f"{name} needs one of {scopes}"

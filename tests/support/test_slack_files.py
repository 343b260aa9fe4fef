"""The fake Slack's file upload takes what files_upload_v2 sends and refuses what Slack would."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp import ClientSession
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from tests.support.slack_api import BOT_TOKEN, FakeSlack

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    async with FakeSlack() as slack:
        yield slack


def client(fake: FakeSlack, token: str = BOT_TOKEN) -> AsyncWebClient:
    return AsyncWebClient(token=token, base_url=fake.api_url)


async def test_files_upload_v2_shares_the_bytes_in_the_channel(fake: FakeSlack) -> None:
    done = await client(fake).files_upload_v2(
        content=PNG, filename="chart.png", title="Quota", alt_txt="Quota chart", channel="D0DANA"
    )
    assert done["file"]["id"] == "F0UPLOAD0001" and done["file"]["ims"] == ["D0DANA"]
    [shared] = fake.files.shared()
    assert (shared.data, shared.alt_txt, shared.title, shared.channel) == (
        PNG,
        "Quota chart",
        "Quota",
        "D0DANA",
    )
    assert [c.method for c in fake.calls] == [
        "files.getUploadURLExternal",
        "files.completeUploadExternal",
    ]


async def test_a_token_without_files_write_cannot_upload(fake: FakeSlack) -> None:
    fake.grant("xoxb-chat-only", scopes=("chat:write",))
    with pytest.raises(SlackApiError) as refused:
        await client(fake, "xoxb-chat-only").files_upload_v2(
            content=PNG, filename="chart.png", channel="C0SALES"
        )
    assert refused.value.response["error"] == "missing_scope"
    assert refused.value.response["needed"] == "files:write"
    assert fake.files.shared() == []


async def test_a_file_is_completed_once_and_only_after_its_bytes_arrived(fake: FakeSlack) -> None:
    slack = client(fake)
    started = await slack.files_getUploadURLExternal(filename="chart.png", length=len(PNG))
    files = [{"id": started["file_id"], "title": "Quota"}]
    with pytest.raises(SlackApiError) as early:
        await slack.files_completeUploadExternal(files=files, channel_id="C0SALES")
    assert early.value.response["error"] == "file_not_found"

    async with ClientSession() as http, http.post(started["upload_url"], data=PNG) as posted:
        assert (posted.status, await posted.text()) == (200, f"OK - {len(PNG)}")
    await slack.files_completeUploadExternal(files=files, channel_id="C0SALES")
    with pytest.raises(SlackApiError) as again:
        await slack.files_completeUploadExternal(files=files, channel_id="C0SALES")
    assert again.value.response["error"] == "file_not_found"
    assert [f.channel for f in fake.files.shared()] == ["C0SALES"]


async def test_a_channel_the_bot_is_not_in_gets_no_file(fake: FakeSlack) -> None:
    fake.add_channel("C0ELSEWHERE", member=False)
    with pytest.raises(SlackApiError) as refused:
        await client(fake).files_upload_v2(content=PNG, filename="c.png", channel="C0ELSEWHERE")
    assert refused.value.response["error"] == "not_in_channel"
    assert fake.files.shared() == []


async def test_a_file_sent_to_the_bot_comes_down_only_with_files_read(fake: FakeSlack) -> None:
    entry = fake.files.send("U0DANA", "people.csv", b"name\nNina\n")
    info = (await client(fake).files_info(file=entry["id"]))["file"]
    assert info["size"] == 10 and info["name"] == "people.csv"

    async with ClientSession() as http:
        auth = {"Authorization": f"Bearer {BOT_TOKEN}"}
        async with http.get(info["url_private_download"], headers=auth) as got:
            assert (got.content_type, await got.read()) == ("text/csv", b"name\nNina\n")
        # Without a token (or one lacking files:read) Slack serves its sign-in page, 200.
        async with http.get(info["url_private_download"]) as page:
            assert page.status == 200 and page.content_type == "text/html"
    fake.grant("xoxb-no-files", scopes=("chat:write",))
    with pytest.raises(SlackApiError) as refused:
        await client(fake, "xoxb-no-files").files_info(file=entry["id"])
    assert refused.value.response["error"] == "missing_scope"
    with pytest.raises(SlackApiError) as unknown:
        await client(fake).files_info(file="F0NOPE")
    assert unknown.value.response["error"] == "file_not_found"

"""Slack: an admin shares a CSV in the DM and gets the dry run with Import / Cancel; an export
asked for anywhere arrives as a file in the asker's DM. Against the strict fake Web API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.config import Settings
from storage.models import ChatFile, User
from tests.bot.adapters.slack.conftest import running
from tests.bot.adapters.slack.harness import SECRET, SlackWorkspace, buttons, text_of
from tests.conftest import make_settings
from tests.support.clock import FakeClock
from tests.support.slack_api import BOT_TOKEN, FakeSlack

PEOPLE = b"name,email,role,team\nNina New,nina@acme.test,rep,East\nOtto Other,,rep,East\n"


def admin_settings(db_url: str, fake_slack: FakeSlack) -> Settings:
    # Dana runs QuotaBot here (QUOTABOT_ADMINS), as a workspace's installer would.
    return make_settings(
        db_url,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SECRET,
        slack_api_url=fake_slack.api_url,
        admins="U0DANA",
    )


@pytest.fixture
async def admin(
    db_url: str, clock: FakeClock, fake_slack: FakeSlack
) -> AsyncIterator[SlackWorkspace]:
    async with running(admin_settings(db_url, fake_slack), clock, fake_slack) as workspace:
        yield workspace


async def share(
    slack: SlackWorkspace, name: str, data: bytes, text: str = "", user: str = "U0DANA"
) -> None:
    """A file_share message in the DM, as Slack sends it (the file's bytes stay on Slack)."""
    envelope = slack.message(text, user)
    envelope["event"].update(subtype="file_share", files=[slack.fake.files.send(user, name, data)])
    await slack.event(envelope)
    await slack.settle()


def by_label(message: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {b["text"]["text"]: b for b in buttons(message).values()}


async def count(slack: SlackWorkspace, model: type[User] | type[ChatFile]) -> int:
    async with slack.services.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_a_shared_csv_is_checked_then_imported_on_the_button(admin: SlackWorkspace) -> None:
    await admin.dm("hi")
    await admin.settle()
    before = await count(admin, User)

    await share(admin, "people.csv", PEOPLE, "import people")

    report = admin.fake.called("chat.postMessage")[-1]
    assert report["channel"] == "D0DANA"
    assert "Would import 2 people" in text_of(report) and "dry run" in text_of(report)
    assert await count(admin, User) == before
    # Fetched with the bot token (files:read), once.
    [sent] = admin.fake.files.sent.values()
    assert sent.downloads == 1 and admin.fake.called("files.info")[-1]["file"] == sent.id

    go = by_label(report)["Import"]
    await admin.press(go["action_id"], go["value"])
    await admin.settle()
    assert "Imported 2 people" in text_of(admin.last_posted())
    assert await count(admin, User) == before + 2 and await count(admin, ChatFile) == 0

    await admin.press(go["action_id"], go["value"])  # a second click writes nothing twice
    await admin.settle()
    assert "already imported or cancelled" in text_of(admin.last_posted())
    assert await count(admin, User) == before + 2


async def test_a_rep_sharing_a_csv_is_refused_and_nothing_is_kept(slack: SlackWorkspace) -> None:
    await share(slack, "people.csv", PEOPLE, "import people")

    assert "Only a workspace admin can import" in text_of(slack.last_posted())
    assert await count(slack, ChatFile) == 0


async def test_without_files_read_the_file_cannot_be_fetched(
    db_url: str, clock: FakeClock, fake_slack: FakeSlack
) -> None:
    # An install from before this feature: its token lacks files:read.
    scopes = tuple(s for s in fake_slack.tokens[BOT_TOKEN].scopes if s != "files:read")
    fake_slack.grant(BOT_TOKEN, scopes=scopes)
    async with running(admin_settings(db_url, fake_slack), clock, fake_slack) as slack:
        await share(slack, "people.csv", PEOPLE)
        assert "couldn't download people.csv" in text_of(slack.last_posted())
        assert await count(slack, ChatFile) == 0
    fake_slack.calls.clear()  # missing_scope was the point here, not a misuse


async def test_an_export_in_a_channel_arrives_as_a_file_in_the_dm(admin: SlackWorkspace) -> None:
    await admin.command("/deal", "closed Initech for $24k")
    await admin.settle()

    await admin.command("/quotabot", "export deals")
    await admin.settle()

    answer = admin.fake.hooks[-1]
    assert answer["response_type"] == "ephemeral" and "1 deal of everyone" in text_of(answer)
    # Not inline: the CSV is uploaded into Dana's DM with the bot, nowhere else.
    assert "```" not in str(answer["blocks"])
    [file] = admin.fake.files.shared()
    assert file.channel == "D0DANA" and file.filename.endswith(".csv")
    assert file.data is not None and file.data.decode().startswith("account,owner,amount")
    assert "Initech" in file.data.decode()


async def test_a_rep_asking_for_an_export_gets_a_reason_and_no_file(slack: SlackWorkspace) -> None:
    await slack.command("/quotabot", "export deals")
    await slack.settle()

    assert "Only managers and admins can export data" in text_of(slack.fake.hooks[-1])
    assert slack.fake.files.shared() == []


async def test_a_file_over_the_chat_cap_is_not_even_downloaded(admin: SlackWorkspace) -> None:
    big = b"name\n" + b"x" * (5 * 1024 * 1024)
    await share(admin, "everyone.csv", big, "import people")

    assert "over 5 MB" in text_of(admin.last_posted())
    assert "quotabot import" in text_of(admin.last_posted())
    [sent] = admin.fake.files.sent.values()
    assert sent.downloads == 0 and await count(admin, ChatFile) == 0


async def test_a_failed_upload_says_so_in_the_dm_and_the_answer_goes_once(
    admin: SlackWorkspace, clock: FakeClock
) -> None:
    admin.fake.then("files.completeUploadExternal", {"ok": False, "error": "internal_error"})

    await admin.command("/quotabot", "export people")
    await admin.settle()
    clock.advance(minutes=10)  # past the backoff of a send the outbox would retry
    await admin.app.state.inbox.replies.sweep()
    await admin.settle()

    assert len([h for h in admin.fake.hooks if "of everyone" in text_of(h)]) == 1
    [note] = admin.fake.called("chat.postMessage")
    assert note["channel"] == "U0DANA" and "couldn't upload" in note["text"]
    assert admin.fake.files.shared() == []

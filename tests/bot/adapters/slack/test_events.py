"""Direct messages and @mentions: free text in, replies in place, retries logged once."""

from __future__ import annotations

from sqlalchemy import func, select

from storage.models import Account, Activity, InboxMessage
from tests.bot.adapters.slack.harness import SlackWorkspace, text_of
from tests.support.slack_api import fixture


async def activities(slack: SlackWorkspace) -> int:
    async with slack.services.sessions() as session:
        return int(await session.scalar(select(func.coalesce(func.sum(Activity.count), 0))) or 0)


async def test_url_verification_echoes_the_challenge(slack: SlackWorkspace) -> None:
    response = await slack.event(fixture("url_verification"))
    assert response.status_code == 200
    assert response.json() == {"challenge": fixture("url_verification")["challenge"]}


async def test_a_direct_message_is_logged_and_answered_in_the_dm(slack: SlackWorkspace) -> None:
    response = await slack.dm("logged 3 calls and 2 emails with Acme Corp")
    assert response.status_code == 200
    await slack.settle()

    [answer] = slack.fake.called("chat.postMessage")
    assert answer["channel"] == "D0DANA"
    assert "thread_ts" not in answer  # a DM reads as a conversation, not a thread
    assert "Logged 3 calls and 2 emails" in text_of(answer)
    assert await activities(slack) == 5


async def test_a_mention_in_a_channel_is_answered_in_its_thread_privately(
    slack: SlackWorkspace,
) -> None:
    envelope = slack.mention("how am I tracking vs quota this quarter?")
    await slack.event(envelope)
    await slack.settle()

    # Personal numbers asked in a channel: only Dana sees them, under her message.
    [answer] = slack.fake.called("chat.postEphemeral")
    assert answer["channel"] == "C0SALES"
    assert answer["user"] == "U0DANA"
    assert answer["thread_ts"] == envelope["event"]["ts"]
    assert slack.fake.called("chat.postMessage") == []


async def test_the_bots_own_mention_is_stripped_and_others_pass_through(
    slack: SlackWorkspace,
) -> None:
    seen: list[str] = []
    handle = slack.services.router.handle

    async def spy(inbound, seal=None):  # type: ignore[no-untyped-def]
        seen.append(inbound.text)
        return await handle(inbound, seal)

    slack.services.router.handle = spy  # type: ignore[method-assign]
    await slack.event(slack.mention("how is <@U0SAM> tracking?"))
    await slack.settle()
    assert seen == ["how is <@U0SAM> tracking?"]


async def test_messages_from_bots_and_edits_are_ignored(slack: SlackWorkspace) -> None:
    from_bot = slack.message("3 calls with Acme")
    from_bot["event"].update(bot_id="B0OTHER", subtype="bot_message")
    edited = slack.message("3 calls with Acme")
    edited["event"]["subtype"] = "message_changed"
    ours = slack.message("3 calls with Acme", user="UBOT")

    for envelope in (from_bot, edited, ours):
        assert (await slack.event(envelope)).status_code == 200
    await slack.settle()
    assert slack.fake.called("chat.postMessage") == []
    assert await activities(slack) == 0


async def test_a_retried_event_is_logged_once(slack: SlackWorkspace) -> None:
    envelope = slack.message("3 calls with Acme")
    await slack.event(envelope)
    # Slack did not see our ack in time and sends the same event_id again, twice.
    await slack.event(
        envelope, **{"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    )
    await slack.event(
        envelope, **{"X-Slack-Retry-Num": "2", "X-Slack-Retry-Reason": "http_timeout"}
    )
    await slack.settle()

    assert await activities(slack) == 3
    assert len(slack.fake.called("chat.postMessage")) == 1
    async with slack.services.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(InboxMessage)) == 1


async def test_what_slack_escapes_in_a_message_is_read_as_typed(slack: SlackWorkspace) -> None:
    # Slack sends "&", "<" and ">" typed in a message as &amp; &lt; &gt; (its mrkdwn).
    await slack.dm("closed AT&amp;T for $5k")
    await slack.settle()

    async with slack.services.sessions() as session:
        names = list(await session.scalars(select(Account.name)))
    assert names == ["AT&T"]
    [answer] = slack.fake.called("chat.postMessage")
    assert "AT&amp;T" in text_of(answer)  # and escaped again on the way out, once
    assert "&amp;amp;" not in text_of(answer)


async def test_a_word_typed_in_bold_is_the_word(slack: SlackWorkspace) -> None:
    # Slack sends its formatting as typed: *bold*, _italic_, ~struck~.
    await slack.dm("~3~ 4 calls with *Acme*")
    await slack.dm("closed _Initech_ for $5k")
    await slack.settle()

    async with slack.services.sessions() as session:
        names = sorted(await session.scalars(select(Account.name)))
    assert names == ["Acme", "Initech"]
    assert await activities(slack) == 4

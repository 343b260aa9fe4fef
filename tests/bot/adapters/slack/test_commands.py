"""Slash commands: ack at once with an empty 200, answer through response_url."""

from __future__ import annotations

from sqlalchemy import func, select

from storage.models import Account, Activity, User
from tests.bot.adapters.slack.harness import SlackWorkspace, button_ids, text_of


async def test_log_command_is_acked_then_answered_privately(slack: SlackWorkspace) -> None:
    response = await slack.command("/log", "3 calls with Acme")
    assert response.status_code == 200
    assert response.text == ""

    await slack.settle()
    [reply] = slack.fake.hooks
    assert reply["response_type"] == "ephemeral"
    assert "Logged 3 calls with Acme" in text_of(reply)
    assert button_ids(reply) == ["undo", "log_another"]
    async with slack.services.sessions() as session:
        assert await session.scalar(select(func.sum(Activity.count))) == 3


async def test_first_contact_fills_name_zone_and_email_from_users_info(
    slack: SlackWorkspace,
) -> None:
    await slack.command("/log", "1 call with Acme")
    await slack.settle()
    await slack.command("/quota")
    await slack.settle()

    assert [call["user"] for call in slack.fake.called("users.info")] == ["U0DANA"]
    async with slack.services.sessions() as session:
        dana = (await session.scalars(select(User).where(User.external_id == "U0DANA"))).one()
    assert dana.name == "Dana Lee"
    assert dana.tz == "America/New_York"
    assert dana.email == "dana.lee@acme.example"


async def test_leaderboard_is_shared_in_the_channel(slack: SlackWorkspace) -> None:
    await slack.command("/log", "2 demos with Globex")
    await slack.settle()
    await slack.command("/leaderboard")
    await slack.settle()
    board = slack.fake.hooks[-1]
    assert board["response_type"] == "in_channel"
    assert "```" in text_of(board)  # the ranking renders as a monospace table


async def test_log_without_text_opens_the_log_form(slack: SlackWorkspace) -> None:
    await slack.command("/log")
    await slack.settle()
    [opened] = slack.fake.called("views.open")
    assert opened["trigger_id"].startswith("7461000000001.")
    view = opened["view"]
    assert view["callback_id"] == "form:log_activity"
    assert [b["block_id"] for b in view["blocks"]] == [
        "kind",
        "count",
        "account",
        "date",
        "duration_min",
        "notes",
    ]
    assert slack.fake.hooks == []


async def test_a_command_reads_slacks_escaping_as_typed(slack: SlackWorkspace) -> None:
    # should_escape: true (manifest.yml): Slack sends & < > as entities, and people as ids.
    await slack.command("/deal", "won AT&amp;T for $5k")
    await slack.command("/quota", "<@U0DANA|dana> this month")
    await slack.settle()

    async with slack.services.sessions() as session:
        assert list(await session.scalars(select(Account.name))) == ["AT&T"]
    answers = sorted(text_of(hook) for hook in slack.fake.hooks)
    assert len(answers) == 2
    assert answers[0].startswith("No quota is set for you")  # dana named herself
    assert "AT&amp;T" in answers[1] and "&amp;amp;" not in answers[1]

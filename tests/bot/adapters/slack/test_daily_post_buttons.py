"""The morning post in a Slack channel, end to end: sent by the scheduler through the strict
fake, its buttons pressed in the channel by a rep, answered by the real app."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from bot.adapters import slack as slack_adapter
from bot.app import make_tick
from scheduler.dispatcher import DispatchConfig
from storage.models import Team, User, Workspace
from tests.bot.adapters.slack.harness import SlackWorkspace, buttons, text_of
from tests.scheduler.world import fast_pacer
from tests.support.slack_api import fixture

NINE_UTC = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)


async def a_team_in_c0sales(slack: SlackWorkspace) -> None:
    """Dana writes once (so the workspace and she exist), then joins team Sales."""
    await slack.dm("hi")
    await slack.settle()
    async with slack.services.sessions() as session, session.begin():
        ws = await session.scalar(select(Workspace).where(Workspace.external_id == "T0ACME"))
        assert ws is not None
        team = Team(workspace_id=ws.id, name="Sales", channel="C0SALES", timezone="UTC")
        session.add(team)
        await session.flush()
        dana = await session.scalar(select(User).where(User.external_id == "U0DANA"))
        assert dana is not None
        dana.team_id = team.id


def press_in_channel(slack: SlackWorkspace, post: dict[str, Any], action_id: str) -> Any:
    """Dana presses a button of the channel post `post`, as Slack sends it."""
    payload = fixture("block_actions_undo")
    payload["trigger_id"] = slack.trigger()
    payload["response_url"] = slack.fake.hook_url("action")
    payload["channel"] = {"id": "C0SALES", "name": "sales"}
    payload["container"].update(channel_id="C0SALES", message_ts=post["ts"])
    payload["message"].update(ts=post["ts"], text=post["text"], blocks=post["blocks"])
    button = buttons(post)[action_id]
    payload["actions"][0].update(action_id=action_id, value=button.get("value", ""))
    return slack.interact(payload)


async def test_the_post_lands_in_the_channel_and_its_buttons_work(slack: SlackWorkspace) -> None:
    await a_team_in_c0sales(slack)
    notifier = slack_adapter.notifier(slack.services)
    assert notifier is not None
    slack.services.notifiers = {"slack": notifier}
    tick = make_tick(slack.services, DispatchConfig(), fast_pacer())

    await tick(NINE_UTC)
    [call] = [c for c in slack.fake.delivered() if c.params["channel"] == "C0SALES"]
    post = {**call.params, "ts": call.answer["ts"]}
    assert "Good morning, Sales!" in text_of(post)
    assert list(buttons(post)) == ["open_log_form", "my_numbers"]
    assert slack.fake.misused() == []

    # "Log activity" opens the log form for whoever presses it.
    response = await press_in_channel(slack, post, "open_log_form")
    assert response.status_code == 200
    await slack.settle()
    [opened] = slack.fake.called("views.open")
    assert opened["view"]["callback_id"] == "form:log_activity"

    # "My numbers" answers the presser only, never the channel.
    before = len(slack.fake.called("chat.postMessage"))
    response = await press_in_channel(slack, post, "my_numbers")
    assert response.status_code == 200
    await slack.settle()
    answer = slack.last_posted()
    assert (answer["hook"], answer["response_type"]) == ("action", "ephemeral")
    assert "No quota is set for you for November 2026 yet." in text_of(answer)
    assert len(slack.fake.called("chat.postMessage")) == before

"""The team's channel posts in Teams, end to end against the fake connector: an Adaptive
Card through the stored channel reference, its buttons pressed, the afternoon names in the
post's thread."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from bot.adapters.teams.connector import Connector
from bot.adapters.teams.notifier import Pacer, TeamsNotifier
from bot.app import make_tick
from scheduler.dispatcher import DispatchConfig
from storage.models import Delivery, Team, User, Workspace
from tests.bot.adapters.teams.conftest import StubTokenProvider
from tests.bot.adapters.teams.fake_connector import PREFIX
from tests.bot.adapters.teams.harness import TeamsTenant
from tests.bot.adapters.teams.test_conversations import DANA, DANA_CHAT, TEAM_GENERAL, texts
from tests.bot.adapters.teams.tokens import TENANT
from tests.scheduler.world import fast_pacer

NINE_UTC = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
HALF_FOUR_UTC = NINE_UTC.replace(hour=16, minute=30)


async def no_wait(seconds: float) -> None:
    return None


async def sales_team_in_general(teams: TeamsTenant) -> int:
    """Sam's team added the app (he runs QuotaBot; its General channel is remembered), Dana
    installed it (a rep), and the Sales team posts there, with the afternoon names on."""
    await teams.post(teams.activity("install_team"))
    await teams.post(teams.activity("install_personal"))
    teams.connector.calls.clear()
    async with teams.services.sessions() as session, session.begin():
        ws = await session.scalar(select(Workspace).where(Workspace.external_id == TENANT))
        assert ws is not None
        team = Team(
            workspace_id=ws.id,
            name="Sales",
            channel=TEAM_GENERAL,
            timezone="UTC",
            afternoon_time="16:30",
            mention_missing=True,
        )
        session.add(team)
        await session.flush()
        dana = await session.scalar(select(User).where(User.external_id == DANA))
        assert dana is not None
        dana.team_id = team.id
        return team.id


def tick_for(teams: TeamsTenant) -> Any:
    connector = Connector(StubTokenProvider())
    notifier = TeamsNotifier(
        teams.services.sessions, connector, sleep=no_wait, pacer=Pacer(sleep=no_wait)
    )
    teams.services.notifiers = {"teams": notifier}
    return make_tick(teams.services, DispatchConfig(), fast_pacer())


def press(teams: TeamsTenant, verb: str) -> dict[str, Any]:
    """Dana presses a button of the channel post: an adaptiveCard/action invoke."""
    body = teams.activity("card_execute_submit", id=f"press-{verb}")
    body["value"]["action"] = {
        "type": "Action.Execute",
        "verb": verb,
        "data": {"action_id": verb, "value": ""},
    }
    return body


async def test_the_morning_card_lands_in_the_channel_and_its_buttons_work(
    teams: TeamsTenant,
) -> None:
    await sales_team_in_general(teams)
    tick = tick_for(teams)

    await tick(NINE_UTC)
    await tick(NINE_UTC)  # the same minute again sends nothing
    [card] = teams.connector.cards(TEAM_GENERAL)
    assert "Good morning, Sales!" in texts(card)
    assert [a["verb"] for a in card["actions"]] == ["open_log_form", "my_numbers"]
    [call] = teams.connector.delivered(TEAM_GENERAL)
    assert call.path == f"{PREFIX}/v3/conversations/{TEAM_GENERAL}/activities"

    opened = (await teams.post(press(teams, "open_log_form"))).json()
    assert opened["statusCode"] == 200
    assert [a["verb"] for a in opened["value"]["actions"]] == ["submit:log_activity"]
    numbers = (await teams.post(press(teams, "my_numbers"))).json()
    assert numbers["statusCode"] == 200 and "quota" in texts(numbers["value"]).lower()
    # Both answered the presser in place; nothing more went to the channel.
    assert len(teams.connector.delivered(TEAM_GENERAL)) == 1


async def test_the_afternoon_names_are_a_reply_to_the_afternoon_card(teams: TeamsTenant) -> None:
    team_id = await sales_team_in_general(teams)
    tick = tick_for(teams)

    await tick(HALF_FOUR_UTC)
    await tick(HALF_FOUR_UTC + timedelta(minutes=1))
    general = f"{PREFIX}/v3/conversations/{TEAM_GENERAL}"
    post, names = [c for c in teams.connector.delivered() if c.path.startswith(general)]
    assert post.path == f"{PREFIX}/v3/conversations/{TEAM_GENERAL}/activities"
    async with teams.services.sessions() as session:
        parent = await session.scalar(
            select(Delivery).where(Delivery.kind == "afternoon", Delivery.team_id == team_id)
        )
    assert parent is not None and parent.message_id
    thread = f"{TEAM_GENERAL};messageid={parent.message_id}"
    assert names.path == f"{PREFIX}/v3/conversations/{thread}/activities"
    [mention] = [e for e in names.body["entities"] if e["type"] == "mention"]
    assert mention["mentioned"]["id"] == DANA
    assert names.body["text"].startswith(f"{mention['text']} Nothing logged today yet")


async def test_a_channel_the_app_was_never_added_to_fails_and_the_manager_hears_how(
    teams: TeamsTenant,
) -> None:
    team_id = await sales_team_in_general(teams)
    elsewhere = "19:0000000000000000000000000000abcd@thread.tacv2"
    async with teams.services.sessions() as session, session.begin():
        team = await session.get(Team, team_id)
        dana = await session.scalar(select(User).where(User.external_id == DANA))
        assert team is not None and dana is not None
        team.channel, team.manager_id, dana.role = elsewhere, dana.id, "manager"
    tick = tick_for(teams)

    await tick(NINE_UTC)
    await tick(NINE_UTC + timedelta(minutes=1))
    async with teams.services.sessions() as session:
        [failed] = (await session.scalars(select(Delivery).where(Delivery.kind == "daily"))).all()
    assert failed.status == "failed"
    assert failed.error == f"no Teams conversation known for channel {elsewhere}"
    [dm] = teams.connector.delivered(DANA_CHAT)
    assert "add the QuotaBot app to that team and channel" in dm.body["text"]

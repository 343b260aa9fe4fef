"""Admins change workspace and team scheduling settings from chat; nobody else can."""

from __future__ import annotations

from bot.services import Services
from storage.models import Team, Workspace
from tests.support.dialog import Chat
from tests.support.world import make_world


async def test_admin_sets_working_days_holidays_and_nudge_time(services: Services) -> None:
    world = await make_world(services)
    reply = await Chat(services).say(
        "ada",
        "/quotabot settings workspace working-days mon-thu holiday-country RO nudge-time 15:30",
    )
    assert reply.ok, reply.text
    async with services.sessions() as session:
        ws = await session.get(Workspace, world.workspace_id)
    assert ws is not None
    assert (ws.working_days, ws.holiday_country, ws.nudge_time) == ("1,2,3,4", "RO", "15:30")


async def test_admin_sets_a_team_leaderboard_slot(services: Services) -> None:
    world = await make_world(services)
    reply = await Chat(services).say(
        "ada", "/quotabot settings team East channel C0EAST leaderboard thu 17:00"
    )
    assert reply.ok, reply.text
    async with services.sessions() as session:
        east = await session.get(Team, world.east)
    assert east is not None and (east.channel, east.leaderboard_day, east.leaderboard_time) == (
        "C0EAST",
        4,
        "17:00",
    )


async def test_reps_and_managers_cannot_change_workspace_settings(services: Services) -> None:
    world = await make_world(services)
    chat = Chat(services)
    for who in ("rita", "mia"):
        reply = await chat.say(who, "/quotabot settings workspace working-days mon-sun")
        assert not reply.ok and "Only a workspace admin" in reply.text
    async with services.sessions() as session:
        ws = await session.get(Workspace, world.workspace_id)
    assert ws is not None and ws.working_days == "1,2,3,4,5"


async def test_personal_settings_still_reach_the_person(services: Services) -> None:
    await make_world(services)
    reply = await Chat(services).say("rita", "/quotabot settings nudges off")
    assert "Nudges are off" in reply.text


async def test_admin_tunes_forecast_weights_and_the_forecast_uses_them(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.press(
        "rita",
        "submit:log_deal",
        fields={
            "account": "Acme",
            "stage": "proposal",
            "amount": "10000",
            "close_date": "2026-12-01",
        },
    )
    before = dict((f.label, f.value) for f in (await chat.say("rita", "/forecast")).facts)
    assert before["Weighted forecast"] == "$5,000"
    reply = await chat.say("ada", "/quotabot settings workspace stage-probabilities proposal 30")
    assert (
        "Forecast weights",
        "prospecting 10%, qualification 25%, proposal 30%, negotiation 75%",
    ) in [(f.label, f.value) for f in reply.facts]
    after = dict((f.label, f.value) for f in (await chat.say("rita", "/forecast")).facts)
    assert after["Weighted forecast"] == "$3,000"
    bad = await chat.say("ada", "/quotabot settings workspace stage-probabilities won 100")
    assert not bad.ok and "not an open stage" in bad.text

"""A manager asking about their own (usually empty) numbers is pointed at their team's."""

from __future__ import annotations

from bot.services import Services
from tests.support.dialog import Chat
from tests.support.world import make_world


async def test_a_managers_empty_pipeline_points_at_the_team(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)

    mine = await chat.say("mia", "/pipeline")
    rep = await chat.say("rita", "/pipeline")

    assert mine.text == "Your own pipeline is empty. Your team's: `/pipeline team`."
    assert rep.text.startswith("Your pipeline is empty. Add a deal")


async def test_a_manager_without_a_quota_is_not_told_to_ask_a_manager(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)

    mine = await chat.say("mia", "/quota")
    rep = await chat.say("rita", "/quota")

    assert mine.notes == (
        "Your team's: `/team`.",
        "Set a quota with `/goal @name revenue 50k this month`.",
    )
    assert rep.notes == ("A manager can set one: `/goal @name revenue 50k this month`.",)


async def test_a_managers_empty_forecast_points_at_the_team_and_names_whose(
    services: Services,
) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "new opp Acme 40k closing end of month")

    mine = await chat.say("mia", "/forecast")
    team = await chat.say("mia", "/forecast team")

    assert mine.notes[0] == "You have no deals of your own in it. Your team's: `/forecast team`."
    assert team.text.startswith("Team East's forecast for ")
    assert not any("no deals of your own" in note for note in team.notes)

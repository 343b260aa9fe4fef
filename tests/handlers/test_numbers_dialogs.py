"""Reps and managers ask for numbers: quota pace, pipeline, forecast, team, leaderboard."""

from __future__ import annotations

from datetime import date

from bot.services import Services
from tests.support.dialog import Chat
from tests.support.world import counts, make_world, set_quota

NOV = date(2026, 11, 1)


async def test_quota_shows_attainment_pace_and_what_is_left(services: Services) -> None:
    world = await make_world(services)
    await set_quota(services, world, "rita", "revenue", "month", NOV, 5_000_000)
    chat = Chat(services)
    await chat.say("rita", "closed Initech for $24k")
    reply = await chat.say("rita", "how am I tracking vs quota?")
    # 10:00 in New York on Wed 18 Nov: 12 of November's 21 working days are done, and an
    # hour of today's eight working hours: pace is $50,000 x 12.125 / 21 = $28,869.
    assert reply.text == "You're at 48% of $50,000 for November 2026, behind pace."
    assert "$24,000 of $50,000 (48%)" in reply.facts[0].value
    assert "on pace would be $28,869 by now" in reply.facts[0].value
    # $26,000 to go over today and the 8 working days after it.
    assert any("$2,889 per working day for the 9 working days left" in n for n in reply.notes)
    assert reply.bars[0].value == 2_400_000 and reply.bars[0].target == 5_000_000
    assert reply.bars[0].shown == "$24,000 of $50,000"


async def test_quota_shows_other_currency_wins_without_adding_them(services: Services) -> None:
    world = await make_world(services)
    await set_quota(services, world, "rita", "revenue", "month", NOV, 5_000_000)
    chat = Chat(services)
    await chat.say("rita", "closed Initech for $10k")
    await chat.say("rita", "closed Lufthansa for €8.5k")
    reply = await chat.say("rita", "/quota")
    assert reply.text.startswith("You're at 20% of $50,000")
    assert "Also won in other currencies: €8,500 (not counted toward the USD quota)." in reply.notes


async def test_quota_ahead_of_pace(services: Services) -> None:
    world = await make_world(services)
    await set_quota(services, world, "rita", "activities", "week", date(2026, 11, 16), 50)
    chat = Chat(services)
    await chat.say("rita", "40 calls")
    reply = await chat.say("rita", "how am I tracking this week?")
    assert reply.text == "You're at 80% of 50 activities for week of 16 Nov, ahead of pace 🚀."


async def test_quota_without_target_says_so_and_shows_totals(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "12 calls")
    reply = await chat.say("rita", "/quota")
    assert "No quota is set for you for November 2026" in reply.text
    assert ("Activities so far", "12") in [(f.label, f.value) for f in reply.facts]


async def test_pipeline_by_stage_with_closing_and_totals(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "new opp Globex 40k")
    await chat.say("rita", "new opp Hooli 10k")
    await chat.say("rita", "sent Hooli a proposal")
    reply = await chat.say("rita", "what's in my pipeline?")
    assert reply.text == "Your pipeline: $50,000 across 2 open deals."
    assert reply.table is not None
    assert ("Prospecting", "1", "$40K") in reply.table.rows
    assert ("Total", "2", "$50K") in reply.table.rows


async def test_forecast_weights_open_deals_closing_in_the_period(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "closed Initech for $10k")
    await chat.press(
        "rita",
        "submit:log_deal",
        fields={
            "account": "Acme",
            "stage": "negotiation",
            "amount": "20000",
            "close_date": "2026-12-15",
        },
    )
    await chat.press(
        "rita",
        "submit:log_deal",
        fields={
            "account": "Globex",
            "stage": "proposal",
            "amount": "8000",
            "close_date": "2027-02-01",
        },
    )
    reply = await chat.say("rita", "/forecast")
    facts = dict((f.label, f.value) for f in reply.facts)
    assert facts["Closed-won"] == "$10,000"
    assert facts["Commit (won + negotiation)"] == "$30,000"
    assert facts["Weighted forecast"] == "$25,000"  # 10k + 75% of 20k; Globex closes next quarter
    assert facts["Best case"] == "$30,000"


async def test_manager_sees_team_distribution_not_just_an_average(services: Services) -> None:
    world = await make_world(services)
    await set_quota(services, world, "rita", "revenue", "month", NOV, 3_000_000)
    await set_quota(services, world, "ron", "revenue", "month", NOV, 3_000_000)
    chat = Chat(services)
    await chat.say("rita", "closed Initech for $30k")
    await chat.say("ron", "8 calls")
    reply = await chat.say("mia", "how is my team doing?")
    assert reply.text == "Team East, November 2026: 1 on pace, 1 behind."
    assert reply.table is not None
    rows = {row[0]: row for row in reply.table.rows}
    assert rows["Rita Rep"][-2:] == ("100%", "on pace")
    assert rows["Ron Rep"][1] == "8" and rows["Ron Rep"][-1] == "behind"
    assert any("Ron Rep" in note for note in reply.notes)


async def test_leaderboard_shares_ranks_on_ties_and_skips_zeros(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "10 calls")
    await chat.say("ron", "10 calls")
    await chat.say("wes", "4 calls")
    reply = await chat.say("wes", "/leaderboard")
    assert "2 reps share the lead" in reply.text
    assert reply.table is not None
    assert [(r[0], r[1]) for r in reply.table.rows] == [
        ("🥇 1", "Rita Rep"),
        ("🥇 1", "Ron Rep"),
        ("🥉 3", "Wes Rep"),
    ]
    assert reply.private is False


async def test_manager_sets_quota_for_own_rep_and_it_counts(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    reply = await chat.say("mia", "set <@rita> quota to 150k for Q1")
    assert reply.text == "✅ Set Rita Rep's revenue quota for Q1 2027 to $150,000."
    reply = await chat.say("mia", "set <@rita> quota to 160k for Q1")
    assert ("Was", "$150,000") in [(f.label, f.value) for f in reply.facts]


async def test_help_is_generated_and_hides_manager_commands_from_reps(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    rep_help = await chat.say("rita", "help")
    manager_help = await chat.say("mia", "help")
    assert rep_help.table is not None and manager_help.table is not None
    assert not any("quota or goal" in row[0] for row in rep_help.table.rows)
    assert any("quota or goal" in row[0] for row in manager_help.table.rows)


async def test_settings_change_and_validate(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    assert "Nudges are off" in (await chat.say("rita", "nudges off")).text
    assert "16:30" in (await chat.say("rita", "nudge me at 16:30")).text
    assert "Europe/Berlin" in (await chat.say("rita", "my timezone is Europe/Berlin")).text


async def test_small_talk_is_unknown_and_writes_nothing(services: Services) -> None:
    await make_world(services)
    before = await counts(services)
    reply = await Chat(services).say("rita", "I need to call my mom")
    assert not reply.ok and "didn't catch that" in reply.text
    assert await counts(services) == before


async def test_a_rep_asking_about_their_own_week_gets_their_stats(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "3 calls and 2 demos with Acme")
    reply = await chat.say("rita", "how many demos did I do this week")
    assert reply.ok
    assert (
        reply.text
        == "Your activity, week of 16 Nov: 3 calls, 0 emails, 0 meetings, 2 demos; 0 won."
    )
    assert reply.table is not None and [r[0] for r in reply.table.rows] == ["Rita Rep"]


async def test_a_bare_team_command_means_the_team(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    assert (await chat.say("mia", "/team")).text.startswith("Team East, November 2026")
    assert not (await chat.say("rita", "/team")).ok


async def test_a_bare_goal_command_shows_how_instead_of_guessing(services: Services) -> None:
    await make_world(services)
    reply = await Chat(services).say("mia", "/goal")
    assert "For example" in reply.text and "Just checking" not in reply.text

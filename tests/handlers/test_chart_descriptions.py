"""Read answers carry a chart description with the same figures as their text; none when
the workspace switched charts off."""

from __future__ import annotations

from datetime import date

from bot.services import Services
from handlers.weekly_board import build_board
from storage.models import ChartSetting, Team, Workspace
from tests.support.clock import FakeClock
from tests.support.dialog import Chat
from tests.support.world import make_world, set_quota

NOV = date(2026, 11, 1)


async def test_quota_chart_is_progress_against_the_pace_line(services: Services) -> None:
    world = await make_world(services)
    await set_quota(services, world, "rita", "revenue", "month", NOV, 5_000_000)
    chat = Chat(services)
    await chat.say("rita", "closed Initech for $24k")
    chart = (await chat.say("rita", "/quota")).chart
    assert chart is not None and chart.kind == "progress"
    # Every third day of November, today, and the month's end.
    assert chart.labels == (
        "01 Nov", "03 Nov", "06 Nov", "09 Nov", "12 Nov", "15 Nov", "18 Nov",
        "21 Nov", "24 Nov", "27 Nov", "30 Nov",
    )  # fmt: skip
    assert [s.name for s in chart.series] == ["Revenue"]
    # Nothing won before today; today's $24k is 48% of the $50k target.
    assert chart.series[0].values == (0, 0, 0, 0, 0, 0, 0.48)
    # The pace line of /quota's text: $28,869 of $50,000 by now (12.125 of 21 working days);
    # by the 15th, 10 of 21 working days; the whole target by the month's end.
    assert round(chart.pace[6], 4) == round(12.125 / 21, 4)
    assert (round(chart.pace[5], 4), chart.pace[-1]) == (round(10 / 21, 4), 1.0)
    assert chart.marked == frozenset({0})  # behind pace
    assert chart.figures == ("$24,000 of $50,000 (48%)",)
    assert chart.title == "Quota — November 2026"
    assert "revenue: $24,000 of $50,000, 48% of target, pace by now $28,869" in chart.alt


async def test_pipeline_chart_by_stage_marks_stale_deals(
    services: Services, clock: FakeClock
) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "new opp Globex 40k")
    await chat.say("rita", "new opp Hooli 10k")
    await chat.say("rita", "sent Hooli a proposal")
    clock.advance(days=20)
    chart = (await chat.say("rita", "/pipeline")).chart
    assert chart is not None and chart.kind == "stages"
    assert chart.labels == ("Prospecting", "Proposal")
    assert chart.series[0].values == (4_000_000, 1_000_000)
    assert chart.series[1].values == (1, 1)
    assert chart.marked == frozenset({0, 1})
    assert chart.figures[0] == "$40K · 1 deal (1 stale)"


async def test_forecast_chart_against_quota(services: Services) -> None:
    world = await make_world(services)
    await set_quota(services, world, "rita", "revenue", "quarter", date(2026, 10, 1), 10_000_000)
    chat = Chat(services)
    await chat.say("rita", "closed Initech for $10k")
    await chat.say("rita", "new opp Hooli 20k closing end of month")
    chart = (await chat.say("rita", "/forecast")).chart
    assert chart is not None and chart.kind == "forecast"
    assert chart.labels == ("Closed-won", "Commit", "Weighted", "Best case")
    assert chart.series[0].values[0] == 1_000_000
    assert chart.series[0].values[-1] == 3_000_000
    assert chart.target == 10_000_000
    assert chart.alt.endswith("quota $100,000")


async def test_team_chart_sorted_with_pace_and_who_is_behind(services: Services) -> None:
    world = await make_world(services)
    await set_quota(services, world, "rita", "revenue", "month", NOV, 3_000_000)
    await set_quota(services, world, "ron", "revenue", "month", NOV, 3_000_000)
    chat = Chat(services)
    await chat.say("rita", "closed Initech for $30k")
    await chat.say("ron", "8 calls")
    chart = (await chat.say("mia", "/team")).chart
    assert chart is not None and chart.kind == "attainment"
    assert chart.labels == ("Rita Rep", "Ron Rep")
    assert chart.series[0].values == (1.0, 0.0)
    assert chart.marked == frozenset({1})
    assert 0 < chart.pace[0] < 1
    assert "1 on pace, 1 behind" in chart.alt


async def test_leaderboard_chart_is_the_top_n(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "5 calls")
    await chat.say("wes", "8 calls")
    chart = (await chat.say("wes", "/leaderboard calls")).chart
    assert chart is not None and chart.kind == "ranking"
    assert chart.labels == ("Wes Rep", "Rita Rep")
    assert chart.series[0].values == (8, 5)
    assert chart.figures == ("8 calls", "5 calls")


async def test_no_chart_when_the_workspace_switched_them_off(services: Services) -> None:
    world = await make_world(services)
    await set_quota(services, world, "rita", "revenue", "month", NOV, 5_000_000)
    async with services.sessions() as session, session.begin():
        session.add(ChartSetting(workspace_id=world.workspace_id, enabled=False))
    chat = Chat(services)
    reply = await chat.say("rita", "/quota")
    assert reply.chart is None and reply.bars


async def test_an_admin_switches_charts_off_and_on(services: Services) -> None:
    world = await make_world(services)
    await set_quota(services, world, "rita", "revenue", "month", NOV, 5_000_000)
    chat = Chat(services)
    assert not (await chat.say("rita", "/quotabot settings workspace charts off")).ok
    off = await chat.say("ada", "/quotabot settings workspace charts off")
    assert [(f.label, f.value) for f in off.facts] == [("Charts", "off: answers are text only")]
    assert (await chat.say("rita", "/quota")).chart is None
    await chat.say("ada", "/quotabot settings workspace charts on")
    assert (await chat.say("rita", "/quota")).chart is not None


async def test_weekly_board_chart_counts_reps_per_bucket_never_names(services: Services) -> None:
    world = await make_world(services)
    await set_quota(services, world, "rita", "revenue", "month", NOV, 4_500_000)
    await set_quota(services, world, "ron", "revenue", "month", NOV, 10_000_000)
    await Chat(services).say("rita", "closed Initech for $24k")
    async with services.sessions() as session:
        team = await session.get(Team, world.east)
        workspace = await session.get(Workspace, world.workspace_id)
        assert team is not None and workspace is not None
        chart = (await build_board(session, team, workspace, services.clock())).chart
    assert chart is not None and chart.kind == "ranking"
    assert chart.labels == ("100%+", "75-99%", "50-74%", "under 50%")
    assert chart.series[0].values == (0, 0, 1, 1)
    assert "Rita" not in chart.alt and "Ron" not in chart.alt

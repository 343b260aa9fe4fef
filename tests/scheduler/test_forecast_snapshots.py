"""Forecast history: six Mondays of `quotabot tick --at` keep each forecast, and
`forecast vs actual last quarter` compares them with what closed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.app import make_tick
from bot.services import Services
from nlp.parser import parse
from storage.models import ForecastSnapshot
from tests.support.clock import FakeClock
from tests.support.dialog import Chat
from tests.support.world import make_world

FIRST_MONDAY = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)


def test_the_history_is_asked_in_a_few_ways() -> None:
    today = datetime(2027, 1, 5).date()
    for text, command in (
        ("forecast vs actual last quarter", None),
        ("how accurate was our forecast last quarter?", None),
        ("history last quarter", "/forecast"),
    ):
        intent = parse(text, today=today, command=command)
        assert (intent.name, intent.slots.get("view")) == ("forecast", "history"), text
        assert intent.slots["period"] == "last_quarter"
    assert parse("what's my forecast?", today=today).slots.get("view") is None


async def test_six_mondays_of_snapshots_then_forecast_vs_actual(
    services: Services, clock: FakeClock
) -> None:
    await make_world(services)
    chat = Chat(services)
    tick = make_tick(services)
    await chat.say("rita", "new opp Hooli 40k closing Dec 30")
    await chat.say("wes", "new opp Globex 20k closing Dec 30")
    for week in range(6):
        monday = FIRST_MONDAY + timedelta(weeks=week)
        clock.now = monday
        report = await tick(monday)
        # Each rep (rita, ron, wes), both teams and the workspace; twice is once.
        assert report.snapshots == 6 and (await tick(monday)).snapshots == 0
        assert "kept forecast snapshot x6" in report.lines()
        clock.now = monday + timedelta(hours=2)
        if week == 1:
            await chat.say("rita", "moved Hooli to negotiation")
        if week == 3:
            await chat.say("rita", "closed Hooli for $40k")
    async with services.sessions() as session:
        kept = list(await session.scalars(select(ForecastSnapshot)))
    assert len(kept) == 36

    clock.now = datetime(2027, 1, 5, 15, 0, tzinfo=UTC)
    reply = await chat.say("rita", "forecast vs actual last quarter")
    assert reply.title == "Forecast vs actual — Q4 2026"
    # Hooli $40k: prospecting (10%) in weeks 1-2, negotiation (75%) in weeks 3-4, won after.
    assert reply.text == (
        "Rita Rep, Q4 2026: $40,000 closed; the weighted forecast was $4,000 on 23 Nov "
        "and $40,000 on 28 Dec (10% accurate from the first week)."
    )
    assert reply.chart is not None and reply.chart.kind == "history"
    assert reply.chart.labels == ("23 Nov", "30 Nov", "07 Dec", "14 Dec", "21 Dec", "28 Dec")
    assert reply.chart.series[0].values == (4e5, 4e5, 3e6, 3e6, 4e6, 4e6)
    assert reply.chart.target == 4_000_000

    team = await chat.say("mia", "forecast vs actual last quarter")
    assert team.table is not None
    assert team.table.rows[0] == ("Team East", "$4,000", "$40K", "$40K", "10%")
    assert ("Ron Rep", "$0", "$0", "$0", "—") in team.table.rows

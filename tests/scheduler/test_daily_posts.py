"""The daily team channel post: once per team and working day, at the team's own 09:00."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

from bot.app import build_services, make_tick
from bot.services import Services
from scheduler.dispatcher import DispatchConfig
from storage.models import Team, Workspace
from tests.conftest import make_settings
from tests.scheduler.world import Recorder, World, fast_pacer

WEDNESDAY = date(2026, 11, 18)
NINE_LONDON = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
NINE_NEW_YORK = datetime(2026, 11, 18, 14, 0, tzinfo=UTC)


async def two_teams(world: World, **ws_kw: object) -> tuple[Workspace, Team, Team]:
    ws = await world.workspace(**ws_kw)
    americas = await world.team(
        ws, "Americas", channel="CAM", timezone="America/New_York", holiday_country="US"
    )
    emea = await world.team(
        ws, "EMEA", channel="CEMEA", timezone="Europe/London", holiday_country="GB"
    )
    for name, team, tz in (("Ana Pop", americas, "America/New_York"), ("Bo Li", emea, "UTC")):
        await world.rep(ws, name, tz, team_id=team.id, nudges_enabled=False)
    return ws, americas, emea


def daily(world: World) -> list[tuple[str | None, str]]:
    return [
        (m.channel, m.idempotency_key) for m in world.slack.sent if "daily:" in m.idempotency_key
    ]


async def test_each_team_gets_one_post_at_its_own_nine(world: World) -> None:
    _, americas, emea = await two_teams(world)

    await world.tick(NINE_LONDON - timedelta(minutes=1))
    assert daily(world) == []
    await world.tick(NINE_LONDON)
    await world.tick(NINE_LONDON)  # the same minute again sends nothing
    assert daily(world) == [("CEMEA", f"daily:{emea.id}:2026-11-18")]

    await world.tick(NINE_NEW_YORK - timedelta(minutes=1))
    assert len(daily(world)) == 1
    await world.tick(NINE_NEW_YORK)
    await world.tick(NINE_NEW_YORK + timedelta(minutes=1))
    assert daily(world)[1:] == [("CAM", f"daily:{americas.id}:2026-11-18")]
    assert await world.count(kind="daily", status="sent") == 2


async def test_no_post_on_a_weekend_or_a_public_holiday_of_the_team(world: World) -> None:
    _, americas, emea = await two_teams(world)
    saturday = datetime(2026, 11, 21, 14, 0, tzinfo=UTC)
    await world.tick(saturday)
    assert daily(world) == []

    # Thanksgiving: a holiday in New York, a working day in London.
    thanksgiving = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)
    await world.tick(thanksgiving - timedelta(hours=5))
    await world.tick(thanksgiving)
    assert daily(world) == [("CEMEA", f"daily:{emea.id}:2026-11-26")]
    assert americas.id not in {d.team_id for d in await world.deliveries(kind="daily")}


async def test_a_post_time_in_quiet_hours_is_recorded_as_skipped(world: World) -> None:
    await two_teams(world, quiet_start="19:00", quiet_end="09:30")
    await world.tick(NINE_LONDON)
    assert daily(world) == []
    (row,) = await world.deliveries(kind="daily")
    assert row.status == "skipped" and row.error == "the post time falls in quiet hours"


async def test_a_team_without_a_channel_or_with_the_reminder_off_gets_nothing(
    world: World,
) -> None:
    ws = await world.workspace()
    await world.team(ws, "Nowhere", timezone="UTC")
    await world.team(ws, "Off", channel="COFF", timezone="UTC", reminder_enabled=False)
    await world.tick(NINE_LONDON)
    assert await world.count(kind="daily") == 0


async def test_two_schedulers_ticking_together_post_once(world: World, db_url: str) -> None:
    _, _, emea = await two_teams(world)
    other: Services = build_services(
        make_settings(db_url), clock=world.services.clock, auto_migrate=False
    )
    a, b = Recorder(), Recorder()
    world.services.notifiers = {"slack": a}
    other.notifiers = {"slack": b}
    tick_a = make_tick(world.services, DispatchConfig(), fast_pacer())
    tick_b = make_tick(other, DispatchConfig(), fast_pacer())
    try:
        for _ in range(2):
            await asyncio.gather(tick_a(NINE_LONDON), tick_b(NINE_LONDON))
    finally:
        await other.engine.dispose()
    assert [k for k in a.keys + b.keys if k.startswith("daily:")] == [f"daily:{emea.id}:2026-11-18"]
    assert await world.count(kind="daily") == 1

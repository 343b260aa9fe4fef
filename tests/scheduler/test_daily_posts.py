"""The daily team channel post: once per team and working day, at the team's own 09:00."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

from bot.app import build_services, make_tick
from bot.services import Services
from handlers.admin_settings import apply_team
from scheduler.dispatcher import DispatchConfig
from scheduler.notify import SendResult
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


async def test_a_changed_reminder_time_takes_effect_the_next_day(world: World) -> None:
    ws, _, emea = await two_teams(world)
    await world.tick(NINE_LONDON)
    async with world.services.sessions() as session, session.begin():
        workspace = await session.get(Workspace, ws.id)
        assert workspace is not None
        await apply_team(session, workspace, "EMEA", {"reminder": "09:30"})

    await world.tick(NINE_LONDON + timedelta(minutes=30))  # today's is done already
    thursday = NINE_LONDON + timedelta(days=1)
    await world.tick(thursday)
    assert len(daily(world)) == 1
    await world.tick(thursday + timedelta(minutes=30))
    assert daily(world)[1:] == [("CEMEA", f"daily:{emea.id}:2026-11-19")]

    async with world.services.sessions() as session, session.begin():
        workspace = await session.get(Workspace, ws.id)
        assert workspace is not None
        await apply_team(session, workspace, "EMEA", {"reminder": "off"})
    await world.tick(thursday + timedelta(days=1, minutes=30))
    assert len(daily(world)) == 2


async def test_the_afternoon_post_counts_who_has_not_logged_and_names_only_if_asked(
    world: World,
) -> None:
    ws = await world.workspace()
    team = await world.team(ws, "EMEA", channel="CEMEA", timezone="UTC", afternoon_time="16:30")
    ana, bo, cy = [
        await world.rep(ws, name, "UTC", team_id=team.id, nudges_enabled=False)
        for name in ("Ana Pop", "Bo Li", "Cy Dee")
    ]
    await world.log(ana, WEDNESDAY, 2)
    half_four = datetime(2026, 11, 18, 16, 30, tzinfo=UTC)

    await world.tick(half_four)
    await world.tick(half_four + timedelta(minutes=5))
    (post,) = [m for m in world.slack.sent if m.idempotency_key.startswith("afternoon")]
    assert post.channel == "CEMEA" and post.idempotency_key == f"afternoon:{team.id}:2026-11-18"
    assert "2 of 3 reps haven't logged anything today yet" in post.reply.text
    assert not any(n in post.reply.text for n in ("Ana", "Bo", "Cy"))
    assert [b.action_id for b in post.reply.buttons] == ["open_log_form"]

    async with world.services.sessions() as session, session.begin():
        row = await session.get(Team, team.id)
        assert row is not None
        row.mention_missing = True
    thursday = half_four + timedelta(days=1)
    await world.log(bo, WEDNESDAY + timedelta(days=1), 1)
    await world.tick(thursday)
    await world.tick(thursday + timedelta(minutes=1))
    await world.tick(thursday + timedelta(minutes=2))
    posts = [m for m in world.slack.sent if m.idempotency_key.startswith("afternoon")][1:]
    assert [m.idempotency_key for m in posts] == [
        f"afternoon:{team.id}:2026-11-19",
        f"afternoon-mention:{team.id}:2026-11-19",
    ]
    assert "2 of 3 reps" in posts[0].reply.text and "<@" not in posts[0].reply.text
    # The names go in the thread of the afternoon post, never into the channel itself.
    (parent,) = await world.deliveries(idempotency_key=posts[0].idempotency_key)
    assert parent.message_id and (posts[0].thread, posts[1].thread) == (None, parent.message_id)
    assert posts[1].channel == "CEMEA"
    assert [m.user for m in posts[1].mentions] == [ana.external_id, cy.external_id]
    assert "Nothing logged today yet" in posts[1].reply.text


async def test_when_the_bot_is_not_in_the_channel_the_manager_hears_how_to_fix_it(
    world: World,
) -> None:
    ws, _, emea = await two_teams(world)
    lars = await world.rep(ws, "Lars Berg", "Europe/London", role="manager", team_id=emea.id)
    async with world.services.sessions() as session, session.begin():
        team = await session.get(Team, emea.id)
        assert team is not None
        team.manager_id = lars.id
    world.slack.fail_with = SendResult(ok=False, error="not_in_channel", permanent=True)
    await world.tick(NINE_LONDON)
    world.slack.fail_with = None
    (row,) = await world.deliveries(kind="daily")
    assert row.status == "failed" and row.error == "not_in_channel"

    await world.tick(NINE_LONDON + timedelta(minutes=1))
    await world.tick(NINE_LONDON + timedelta(minutes=2))
    helps = [m for m in world.slack.sent if m.idempotency_key.startswith("channel-help:")]
    assert [(m.user, m.channel) for m in helps] == [(lars.external_id, None)]
    assert "I'm not in that channel" in helps[0].reply.text
    assert "/invite @QuotaBot" in helps[0].reply.text

    # The next working day's post is tried again.
    await world.tick(NINE_LONDON + timedelta(days=1))
    assert daily(world)[-1] == ("CEMEA", f"daily:{emea.id}:2026-11-19")
    assert await world.count(kind="daily", status="sent") == 1

"""`reminder days`: a team's posts go out on its own days, holidays still off (time travel)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from handlers.admin_settings import apply_team
from handlers.shared.reminder_settings import next_post
from storage.models import Team, User, Workspace
from tests.scheduler.test_daily_posts import NINE_LONDON, NINE_NEW_YORK, daily, two_teams
from tests.scheduler.world import World

THURSDAY = NINE_LONDON + timedelta(days=1)
FRIDAY = NINE_LONDON + timedelta(days=2)
SATURDAY = NINE_LONDON + timedelta(days=3)


async def set_team(world: World, ws: Workspace, name: str, changes: dict[str, str]) -> Team:
    async with world.services.sessions() as session, session.begin():
        workspace = await session.get(Workspace, ws.id)
        assert workspace is not None
        team, _ = await apply_team(session, workspace, name, changes)
        return team


async def test_a_mon_thu_team_gets_nothing_on_friday_while_the_others_do(world: World) -> None:
    ws, americas, emea = await two_teams(world)
    team = await set_team(world, ws, "EMEA", {"reminder": "days mon-thu"})
    assert team.reminder_days == "1,2,3,4"

    await world.tick(THURSDAY)
    await world.tick(FRIDAY)
    await world.tick(FRIDAY + timedelta(hours=5))  # 09:00 New York
    assert daily(world) == [
        ("CEMEA", f"daily:{emea.id}:2026-11-19"),
        ("CAM", f"daily:{americas.id}:2026-11-20"),
    ]


async def test_every_day_posts_on_saturday_but_never_on_a_public_holiday(world: World) -> None:
    ws, americas, _ = await two_teams(world)
    await set_team(world, ws, "Americas", {"reminder": "09:00 days every day"})
    await world.tick(SATURDAY)  # 09:00 London: EMEA kept the working days
    await world.tick(SATURDAY + timedelta(hours=5))
    assert daily(world) == [("CAM", f"daily:{americas.id}:2026-11-21")]

    thanksgiving = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)
    await world.tick(thanksgiving)
    assert f"daily:{americas.id}:2026-11-26" not in [key for _, key in daily(world)]


async def test_back_to_the_working_days_with_default(world: World) -> None:
    ws, _, emea = await two_teams(world)
    await set_team(world, ws, "EMEA", {"reminder_days": "mon,tue"})
    await world.tick(NINE_LONDON)  # a Wednesday
    assert daily(world) == []
    team = await set_team(world, ws, "EMEA", {"reminder_days": "default"})
    assert team.reminder_days is None
    await world.tick(THURSDAY)
    assert daily(world) == [("CEMEA", f"daily:{emea.id}:2026-11-19")]


async def test_the_afternoon_post_keeps_the_teams_days_too(world: World) -> None:
    ws, americas, _ = await two_teams(world)
    await set_team(world, ws, "Americas", {"afternoon": "16:30", "reminder_days": "mon-thu"})
    half_four_new_york = NINE_NEW_YORK + timedelta(hours=7, minutes=30)
    await world.tick(half_four_new_york + timedelta(days=1))  # Thursday
    await world.tick(half_four_new_york + timedelta(days=2))  # Friday
    keys = [m.idempotency_key for m in world.slack.sent if m.idempotency_key.startswith("aft")]
    assert keys == [f"afternoon:{americas.id}:2026-11-19"]


async def test_the_next_post_skips_a_day_already_posted(world: World) -> None:
    ws, americas, emea = await two_teams(world)
    await world.tick(NINE_LONDON)
    later = NINE_LONDON + timedelta(minutes=10)
    async with world.services.sessions() as session:
        workspace = await session.get(Workspace, ws.id)
        london = await session.get(Team, emea.id)
        new_york = await session.get(Team, americas.id)
        assert workspace is not None and london is not None and new_york is not None
        # London's post went out at 09:00: a later time today does not post again.
        london.reminder_time = "09:30"
        assert await next_post(session, london, workspace, later) == (
            "Thu 19 Nov at 09:30 (Europe/London)"
        )
        assert await next_post(session, new_york, workspace, later) == (
            "Wed 18 Nov at 09:00 (America/New_York)"
        )
        london.reminder_enabled = False
        assert await next_post(session, london, workspace, later) is None


async def test_a_mon_thu_teams_monday_post_looks_back_to_thursday(world: World) -> None:
    ws, _, emea = await two_teams(world)
    await set_team(world, ws, "EMEA", {"reminder": "days mon-thu"})
    async with world.services.sessions() as session:
        bo = await session.scalar(select(User).where(User.team_id == emea.id))
    assert bo is not None
    await world.log(bo, THURSDAY.date(), 3)

    await world.tick(NINE_LONDON + timedelta(days=5))  # Monday 23 Nov
    [post] = [m for m in world.slack.sent if m.idempotency_key.startswith("daily:")]
    facts = {f.label: f.value for f in post.reply.facts}
    assert facts["Thursday"] == "3 of 5 activities logged; 0 of 1 rep hit their goal"
    assert "Friday" not in facts

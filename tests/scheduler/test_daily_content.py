"""What the daily team post says: numbers from the rows, recognition without shaming."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.adapters.console.render import render
from storage.models import Quota, Team, User, Workspace
from tests.scheduler.world import World

TUESDAY = date(2026, 11, 17)
FRIDAY = date(2026, 11, 13)
WEDNESDAY_9AM = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
MONDAY_9AM = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)


async def closers(world: World, **ws_kw: object) -> tuple[Workspace, Team, list[User]]:
    ws = await world.workspace(daily_activity_goal=5, **ws_kw)
    team = await world.team(ws, "Closers", channel="CCLOSERS", timezone="UTC")
    reps = [
        await world.rep(ws, "Ana Pop", "UTC", team_id=team.id, nudges_enabled=False),
        await world.rep(
            ws, "Bo Li", "UTC", team_id=team.id, nudges_enabled=False, daily_activity_goal=10
        ),
        await world.rep(ws, "Cy Dee", "UTC", team_id=team.id, nudges_enabled=False),
    ]
    return ws, team, reps


async def post_at(world: World, at: datetime) -> str:
    await world.tick(at)
    (message,) = [m for m in world.slack.sent if m.idempotency_key.startswith("daily:")]
    assert message.channel == "CCLOSERS" and not message.reply.private
    assert [b.action_id for b in message.reply.buttons] == ["open_log_form", "my_numbers"]
    assert [b.label for b in message.reply.buttons] == ["Log activity", "My numbers"]
    return render(message.reply)


async def test_the_post_counts_yesterday_against_the_goal_and_names_nobody_by_default(
    world: World,
) -> None:
    ws, _, (ana, bo, cy) = await closers(world)
    await world.log(ana, TUESDAY, 6)
    await world.log(bo, TUESDAY, 3)
    await world.log(bo, TUESDAY, 2, kind="email")
    await world.log(cy, date(2026, 11, 16), 9)  # Monday's: not yesterday's
    await world.add(
        Quota(
            workspace_id=ws.id,
            subject=f"user:{ana.id}",
            user_id=ana.id,
            metric="calls",
            period_kind="quarter",
            period_start=date(2026, 10, 1),
            target=1_000,
        )
    )

    text = await post_at(world, WEDNESDAY_9AM)

    assert "Today's goal: 5 activities per rep (or your own goal where you have one)" in text
    # 6 + 5 logged against goals 5 + 10 + 5; only Ana reached her own.
    assert "Yesterday: 11 of 20 activities logged; 1 of 3 reps hit their goal" in text
    assert "Yesterday's best effort: 6 activities, 120% of their own goal." in text
    assert "Pace: 0 of 1 rep with a quota on pace (Q4 2026)" in text
    assert "Tip: " in text
    for name in ("Ana", "Bo Li", "Cy Dee"):
        assert name not in text


async def test_names_the_best_effort_only_where_attainment_is_public(world: World) -> None:
    _, _, (ana, bo, _) = await closers(world, attainment_public=True)
    await world.log(ana, TUESDAY, 5)
    await world.log(bo, TUESDAY, 15)  # 150% of his own 10 beats Ana's 100%

    text = await post_at(world, WEDNESDAY_9AM)

    assert "Shout-out to Bo Li for yesterday's best effort: 15 activities, 150%" in text
    assert "2 of 3 reps hit their goal" in text
    assert "Cy Dee" not in text and "Ana Pop" not in text  # who missed is never named


async def test_monday_looks_back_to_friday(world: World) -> None:
    _, _, (ana, _, _) = await closers(world)
    await world.log(ana, FRIDAY, 4)

    text = await post_at(world, MONDAY_9AM)

    assert "Friday: 4 of 20 activities logged; 0 of 3 reps hit their goal" in text
    assert "Pace: no quotas set for this period yet" in text


async def test_a_best_effort_short_of_its_goal_is_reported_plainly(world: World) -> None:
    _, _, (ana, _, _) = await closers(world)
    await world.log(ana, TUESDAY, 2)

    text = await post_at(world, WEDNESDAY_9AM)

    assert "Yesterday's best effort: 2 activities, 40% of their own goal.\n" in text
    assert "Nice work" not in text

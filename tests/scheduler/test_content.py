"""What people read: a useful nudge, and a weekly board that celebrates without shaming."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.adapters.console.render import render
from storage.models import Account, Deal, Quota, User, Workspace
from tests.scheduler.world import World

WEDNESDAY = date(2026, 11, 18)
FRIDAY_4PM_BUCHAREST = datetime(2026, 11, 20, 14, 0, tzinfo=UTC)


async def won_deal(world: World, user: User, amount: int, account: str, **kw: object) -> None:
    acc = await world.add(
        Account(workspace_id=user.workspace_id, name=account, name_key=account.lower())
    )
    values: dict[str, object] = {
        "stage": "won",
        "closed_at": datetime(2026, 11, 17, 12, tzinfo=UTC),
    }
    values.update(kw)
    await world.add(
        Deal(
            workspace_id=user.workspace_id,
            owner_id=user.id,
            account_id=acc.id,
            amount_minor=amount,
            currency="USD",
            **values,
        )
    )


async def quarter_quota(world: World, ws: Workspace, user: User, target: int, metric: str) -> None:
    await world.add(
        Quota(
            workspace_id=ws.id,
            subject=f"user:{user.id}",
            user_id=user.id,
            metric=metric,
            period_kind="quarter",
            period_start=date(2026, 10, 1),
            target=target,
        )
    )


async def test_the_nudge_shows_progress_pace_a_concrete_step_and_a_log_button(
    world: World,
) -> None:
    ws = await world.workspace(daily_activity_goal=10)
    ana = await world.rep(ws, "Ana Pop", "Europe/Bucharest")
    await world.log(ana, WEDNESDAY, 3)
    await quarter_quota(world, ws, ana, 100_000_00, "revenue")
    await won_deal(world, ana, 5_000_00, "Initech")
    await won_deal(
        world,
        ana,
        40_000_00,
        "Globex",
        stage="negotiation",
        closed_at=None,
        close_date=date(2026, 11, 20),
    )

    await world.tick(datetime(2026, 11, 18, 14, 0, tzinfo=UTC))

    (message,) = world.slack.sent
    text = render(message.reply)
    assert "7 more activities" in text
    assert "Logged today: 3 of 10 activities" in text
    assert "behind pace" in text and "$5,000 of $100,000" in text
    assert "Globex ($40,000) is due to close Friday" in text
    assert [b.action_id for b in message.reply.buttons] == ["open_log_form"]


async def test_a_rep_on_daily_goal_but_behind_quota_pace_is_nudged(world: World) -> None:
    ws = await world.workspace(daily_activity_goal=5)
    ana = await world.rep(ws, "Ana Pop", "Europe/Bucharest")
    await world.log(ana, WEDNESDAY, 6)
    await quarter_quota(world, ws, ana, 1_000, "calls")

    await world.tick(datetime(2026, 11, 18, 14, 0, tzinfo=UTC))

    (message,) = world.slack.sent
    assert "today's goal is done" in message.reply.text


async def test_weekly_board_goes_to_the_team_channel_friday_4pm_once(world: World) -> None:
    ws = await world.workspace()
    team = await world.team(ws, "Closers", channel="CCLOSERS", timezone="Europe/Bucharest")
    names = ("Ana Pop", "Bo Li", "Cy Dee", "Di Low")
    reps = [
        await world.rep(ws, n, "Europe/Bucharest", team_id=team.id, nudges_enabled=False)
        for n in names
    ]
    for rep, calls, won, target in zip(
        reps, (30, 20, 10, 1), (90, 0, 30, 0), (100, 50, 60, 100), strict=True
    ):
        await world.log(rep, WEDNESDAY, calls)
        await quarter_quota(world, ws, rep, target * 1_000_00, "revenue")
        if won:
            await won_deal(world, rep, won * 1_000_00, f"Acct {rep.name}")

    await world.tick(FRIDAY_4PM_BUCHAREST - timedelta(minutes=1))
    assert world.slack.sent == []
    await world.tick(FRIDAY_4PM_BUCHAREST)
    await world.tick(FRIDAY_4PM_BUCHAREST + timedelta(hours=1))

    (board,) = world.slack.sent
    assert board.channel == "CCLOSERS"
    (row,) = await world.deliveries(kind="leaderboard")
    assert row.idempotency_key == f"leaderboard:{team.id}:2026-W47"
    text = render(board.reply)
    assert "Most activities: Ana Pop (30), Bo Li (20), Cy Dee (10)" in text
    assert "Most revenue won: Ana Pop ($90K), Cy Dee ($30K)\n" in text
    assert "Shout-out to Ana Pop" in text
    # Fair ranking by own target: Ana 90%, Cy 50%, Bo 0%, Di 0%; only the top three show.
    assert "Di Low" not in text
    assert board.reply.bars and sum(bar.value for bar in board.reply.bars) == 4

"""After downtime: late but within the grace window still goes; older is recorded, never a burst.
Failed sends back off and give up after the limit, keeping the error."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from scheduler.notify import SendResult
from tests.scheduler.world import World

BUCHAREST_4PM = datetime(2026, 11, 18, 14, 0, tzinfo=UTC)  # a Wednesday


async def test_a_tick_within_the_grace_window_still_sends(world: World) -> None:
    ws = await world.workspace()
    await world.rep(ws, "Ana", "Europe/Bucharest")

    await world.tick(BUCHAREST_4PM + timedelta(hours=1, minutes=50))

    (row,) = await world.deliveries()
    assert row.status == "sent" and row.due_at == BUCHAREST_4PM


async def test_after_a_long_outage_old_nudges_are_skipped_not_sent_in_a_burst(
    world: World,
) -> None:
    ws = await world.workspace()
    await world.rep(ws, "Ana", "Europe/Bucharest")

    # Down from Monday morning until Wednesday 18:30 local: three nudges were missed.
    report = await world.tick(BUCHAREST_4PM + timedelta(hours=2, minutes=30))

    assert world.slack.sent == []
    (row,) = await world.deliveries()
    assert row.status == "skipped" and "missed" in (row.error or "")
    assert report.lines() == [f"skipped {row.idempotency_key} ({row.error})"]


async def test_a_pending_nudge_that_goes_stale_is_skipped_at_send_time(world: World) -> None:
    ws = await world.workspace()
    await world.rep(ws, "Ana", "Europe/Bucharest")
    world.slack.fail_with = SendResult(ok=False, error="service_unavailable")

    await world.tick(BUCHAREST_4PM)
    world.slack.fail_with = None
    await world.tick(BUCHAREST_4PM + timedelta(hours=3))

    (row,) = await world.deliveries()
    assert row.status == "skipped" and row.error and row.error.startswith("stale")
    assert len(world.slack.sent) == 1  # only the failed first try reached the platform


async def test_transient_failures_back_off_then_succeed(world: World) -> None:
    ws = await world.workspace()
    await world.rep(ws, "Ana", "Europe/Bucharest")
    world.slack.fail_with = SendResult(ok=False, error="internal_error")

    await world.tick(BUCHAREST_4PM)
    (row,) = await world.deliveries()
    assert row.status == "pending" and row.attempts == 1
    assert row.next_attempt_at == BUCHAREST_4PM + timedelta(seconds=30)

    await world.tick(BUCHAREST_4PM + timedelta(seconds=10))  # too early: backing off
    assert len(world.slack.sent) == 1

    world.slack.fail_with = None
    await world.tick(BUCHAREST_4PM + timedelta(minutes=1))
    (row,) = await world.deliveries()
    assert row.status == "sent" and row.attempts == 2


async def test_a_send_that_keeps_failing_is_marked_failed_with_its_error(world: World) -> None:
    ws = await world.workspace()
    await world.rep(ws, "Ana", "Europe/Bucharest")
    world.slack.fail_with = SendResult(ok=False, error="internal_error")

    at = BUCHAREST_4PM
    for _ in range(8):
        await world.tick(at)
        at += timedelta(minutes=10)

    (row,) = await world.deliveries()
    assert row.status == "failed" and row.attempts == 5 and row.error == "internal_error"
    assert len(world.slack.sent) == 5


async def test_a_permanent_error_is_not_retried(world: World) -> None:
    ws = await world.workspace()
    await world.rep(ws, "Ana", "Europe/Bucharest")
    world.slack.fail_with = SendResult(ok=False, error="user_not_found", permanent=True)

    await world.tick(BUCHAREST_4PM)
    await world.tick(BUCHAREST_4PM + timedelta(minutes=30))

    (row,) = await world.deliveries()
    assert row.status == "failed" and row.error == "user_not_found"
    assert len(world.slack.sent) == 1


async def test_logging_after_planning_cancels_the_nudge(world: World) -> None:
    ws = await world.workspace(daily_activity_goal=5)
    ana = await world.rep(ws, "Ana", "Europe/Bucharest")
    world.slack.fail_with = SendResult(ok=False, error="internal_error")
    await world.tick(BUCHAREST_4PM)

    await world.log(ana, date(2026, 11, 18), 5)
    world.slack.fail_with = None
    await world.tick(BUCHAREST_4PM + timedelta(minutes=5))

    (row,) = await world.deliveries()
    assert row.status == "skipped" and "caught up" in (row.error or "")


async def test_a_late_evening_nudge_delayed_past_midnight_keeps_its_own_day(
    world: World,
) -> None:
    ws = await world.workspace(quiet_start="00:00", quiet_end="00:00")
    owl = await world.rep(ws, "Night Owl", "UTC", nudge_time="23:30")
    await world.log(owl, date(2026, 11, 19), 9)  # Thursday's log must not count

    await world.tick(datetime(2026, 11, 19, 0, 15, tzinfo=UTC))  # 45 min late, next day

    (row,) = await world.deliveries(status="sent")
    assert row.idempotency_key == f"nudge:{owl.id}:2026-11-18"
    assert world.slack.sent[0].reply.facts[0].value == "0 of 5 activities"

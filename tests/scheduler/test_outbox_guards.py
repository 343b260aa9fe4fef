"""Each once-only safeguard of the outbox on its own: any one removed, a test here fails.

The scenario tests (test_exactly_once.py) only fail when several safeguards are gone at
once, because each covers for the others; these call the outbox directly, one guard each.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.services import Services
from scheduler import outbox
from scheduler.outbox import Planned
from storage.models import REPLY_KIND, Delivery
from tests.scheduler.world import World

NOW = datetime(2026, 11, 18, 14, 0, tzinfo=UTC)
LEASE = timedelta(minutes=10)


async def plan(world: World, *keys: str, due: datetime = NOW, platform: str = "slack") -> int:
    """Plan deliveries with these keys (in a new workspace, whose id is returned)."""
    ws = await world.workspace()
    rows = [Planned(k, "nudge", ws.id, platform, f"C-{k}", due) for k in keys]
    async with world.services.sessions() as session, session.begin():
        assert sorted(await outbox.insert_ignore(session, rows, NOW)) == sorted(keys)
    return ws.id


async def claim(
    services: Services, at: datetime, *, limit: int = 10, platforms: tuple[str, ...] = ("slack",)
) -> list[int]:
    async with services.sessions() as session, session.begin():
        return await outbox.claim(session, at, LEASE, platforms, limit)


async def start(services: Services, delivery_id: int, until: datetime) -> bool:
    async with services.sessions() as session, session.begin():
        return await outbox.start_sending(session, delivery_id, until)


async def row(services: Services, delivery_id: int) -> Delivery:
    async with services.sessions() as session:
        found = await session.get(Delivery, delivery_id)
        assert found is not None
        return found


async def ids(services: Services) -> list[int]:
    async with services.sessions() as session:
        return list((await session.scalars(select(Delivery.id).order_by(Delivery.id))).all())


# -- claim: the lease filter ---------------------------------------------------------------


async def test_a_live_lease_keeps_a_row_from_a_second_dispatcher(world: World) -> None:
    await plan(world, "nudge:1")
    (mine,) = await claim(world.services, NOW)
    # Still pending (the first dispatcher has not started sending), but leased to it.
    assert (await row(world.services, mine)).status == "pending"
    assert await claim(world.services, NOW + LEASE - timedelta(seconds=1)) == []
    assert await claim(world.services, NOW + LEASE) == []  # the lease runs to its last instant


async def test_an_expired_lease_lets_another_dispatcher_take_the_row(world: World) -> None:
    await plan(world, "nudge:1")
    (mine,) = await claim(world.services, NOW)
    later = NOW + LEASE + timedelta(seconds=1)
    assert await claim(world.services, later) == [mine]
    assert (await row(world.services, mine)).lease_until == later + LEASE


async def test_two_dispatchers_claiming_together_share_the_rows_without_overlap(
    world: World,
) -> None:
    await plan(world, *(f"nudge:{i}" for i in range(6)))
    a, b = await asyncio.gather(
        claim(world.services, NOW, limit=4), claim(world.services, NOW, limit=4)
    )
    assert not set(a) & set(b)
    assert sorted(a + b) == await ids(world.services)


async def test_claim_takes_only_due_pending_rows_of_its_platforms_oldest_first(
    world: World,
) -> None:
    await plan(world, "late", due=NOW - timedelta(minutes=5))
    await plan(world, "due", due=NOW)
    await plan(world, "future", due=NOW + timedelta(seconds=1))
    await plan(world, "teams", platform="teams")
    late, due, _, teams = await ids(world.services)
    assert await claim(world.services, NOW, limit=1) == [late]
    assert await claim(world.services, NOW) == [due]
    assert await claim(world.services, NOW, platforms=("teams",)) == [teams]


async def test_claim_leaves_rows_that_are_no_longer_pending(world: World) -> None:
    await plan(world, "sent", "failed")
    sent, failed = await ids(world.services)
    async with world.services.sessions() as session, session.begin():
        for delivery_id, status in ((sent, "sent"), (failed, "failed")):
            found = await session.get(Delivery, delivery_id)
            assert found is not None
            found.status = status
    assert await claim(world.services, NOW) == []


# -- start_sending: the status guard -----------------------------------------------------------


async def test_only_one_of_two_racing_starts_wins_the_row(world: World) -> None:
    await plan(world, "nudge:1")
    (mine,) = await claim(world.services, NOW)
    until = NOW + timedelta(minutes=2)
    first, second = await asyncio.gather(
        start(world.services, mine, until), start(world.services, mine, until)
    )
    assert sorted([first, second]) == [False, True]
    got = await row(world.services, mine)
    assert (got.status, got.lease_until) == ("sending", until)


async def test_a_row_already_sent_is_never_started_again(world: World) -> None:
    await plan(world, "nudge:1")
    (mine,) = await claim(world.services, NOW)
    assert await start(world.services, mine, NOW + timedelta(minutes=2))
    async with world.services.sessions() as session, session.begin():
        await outbox.mark_sent(session, mine, NOW)

    assert await start(world.services, mine, NOW + timedelta(minutes=5)) is False
    got = await row(world.services, mine)
    assert (got.status, got.sent_at, got.lease_until, got.attempts) == ("sent", NOW, None, 1)


# -- outcomes only apply to a row being sent ---------------------------------------------------


async def test_outcomes_are_recorded_only_for_a_row_being_sent(world: World) -> None:
    await plan(world, "nudge:1")
    (mine,) = await claim(world.services, NOW)
    async with world.services.sessions() as session, session.begin():
        await outbox.mark_sent(session, mine, NOW)  # not started: nothing happens
        await outbox.mark_failed(session, mine, "boom")
    got = await row(world.services, mine)
    assert (got.status, got.attempts, got.error) == ("pending", 0, None)


async def test_retry_and_failure_record_attempts_and_errors(world: World) -> None:
    await plan(world, "a", "b", "c")
    a, b, c = await claim(world.services, NOW)
    for delivery_id in (a, b, c):
        assert await start(world.services, delivery_id, NOW + timedelta(minutes=2))
    at = NOW + timedelta(minutes=5)
    async with world.services.sessions() as session, session.begin():
        await outbox.mark_retry(session, a, at, "x" * 1200)
        await outbox.mark_retry(session, b, at, "ratelimited", counts=False, lease_until=at)
        await outbox.mark_failed(session, c, "y" * 1200)
    got_a, got_b, got_c = [await row(world.services, i) for i in (a, b, c)]
    assert (got_a.status, got_a.next_attempt_at, got_a.attempts) == ("pending", at, 1)
    assert got_a.lease_until is None and got_a.error == "x" * 1000
    assert (got_b.status, got_b.attempts, got_b.lease_until) == ("pending", 0, at)
    assert got_b.error == "ratelimited"
    assert (got_c.status, got_c.attempts, got_c.lease_until) == ("failed", 1, None)
    assert got_c.error == "y" * 1000


async def test_skipping_applies_to_pending_or_sending_rows_only(world: World) -> None:
    await plan(world, "pending", "sending", "sent")
    pending, sending, sent = await claim(world.services, NOW)
    for delivery_id in (sending, sent):
        assert await start(world.services, delivery_id, NOW + timedelta(minutes=2))
    async with world.services.sessions() as session, session.begin():
        await outbox.mark_sent(session, sent, NOW)
    async with world.services.sessions() as session, session.begin():
        for delivery_id in (pending, sending, sent):
            await outbox.mark_skipped(session, delivery_id, "z" * 1200)
    got = [await row(world.services, i) for i in (pending, sending, sent)]
    assert [g.status for g in got] == ["skipped", "skipped", "sent"]
    assert got[0].error == "z" * 1000 and got[0].lease_until is None
    assert got[2].error is None


# -- in doubt and planning -----------------------------------------------------------------------


async def test_only_rows_sending_past_their_lease_are_failed_in_doubt(world: World) -> None:
    await plan(world, "stuck", "live", "waiting")
    stuck, live, waiting = await claim(world.services, NOW)
    assert await start(world.services, stuck, NOW + timedelta(minutes=2))
    assert await start(world.services, live, NOW + timedelta(minutes=3))
    async with world.services.sessions() as session, session.begin():
        assert await outbox.fail_in_doubt(session, NOW + timedelta(minutes=2)) == []
        assert await outbox.fail_in_doubt(session, NOW + timedelta(minutes=2, seconds=1)) == [stuck]
    got = {i: await row(world.services, i) for i in (stuck, live, waiting)}
    assert (got[stuck].status, got[stuck].error, got[stuck].lease_until) == (
        "failed",
        outbox.IN_DOUBT,
        None,
    )
    assert [got[live].status, got[waiting].status] == ["sending", "pending"]


async def test_planning_twice_inserts_once_and_knows_what_exists(world: World) -> None:
    keys = [f"nudge:{i}" for i in range(outbox._KEY_CHUNK + 3)]
    ws_id = await plan(world, *keys[:-1])
    again = [Planned(k, "nudge", ws_id, "slack", "C", NOW) for k in keys]
    async with world.services.sessions() as session, session.begin():
        assert await outbox.existing_keys(session, keys) == set(keys[:-1])
        assert await outbox.insert_ignore(session, again, NOW) == [keys[-1]]
        assert await outbox.insert_ignore(session, [], NOW) == []
    assert len(await ids(world.services)) == len(keys)


async def test_a_planned_row_keeps_what_the_planner_said(world: World) -> None:
    ws = await world.workspace()
    team = await world.team(ws, "East")
    rep = await world.rep(ws, "Ana", "UTC")
    due = NOW + timedelta(minutes=30)
    planned = Planned(
        "leaderboard:1", "leaderboard", ws.id, "slack", "C-EAST", due, rep.id, team.id
    )
    async with world.services.sessions() as session, session.begin():
        await outbox.insert_ignore(session, [planned], NOW - timedelta(hours=1))
    (got,) = await world.deliveries()
    assert (got.kind, got.user_id, got.team_id, got.conversation) == (
        "leaderboard",
        rep.id,
        team.id,
        "C-EAST",
    )
    assert (got.due_at, got.next_attempt_at, got.created_at) == (due, due, NOW - timedelta(hours=1))
    assert (got.status, got.attempts, got.error, got.lease_until) == ("pending", 0, None, None)


async def test_claim_goes_by_next_attempt_not_by_row_order(world: World) -> None:
    await plan(world, "retried later", due=NOW)
    await plan(world, "older", due=NOW - timedelta(minutes=5))
    later_row, older_row = await ids(world.services)
    assert await claim(world.services, NOW, limit=1) == [older_row]
    assert await claim(world.services, NOW, limit=1) == [later_row]


async def test_in_doubt_is_only_for_rows_being_sent(world: World) -> None:
    await plan(world, "waiting")
    (waiting,) = await claim(world.services, NOW)  # pending, leased until NOW + 10 min
    async with world.services.sessions() as session, session.begin():
        assert await outbox.fail_in_doubt(session, NOW + LEASE + timedelta(minutes=1)) == []
    assert (await row(world.services, waiting)).status == "pending"


async def test_skipping_one_row_leaves_the_others(world: World) -> None:
    await plan(world, "a", "b")
    a, b = await claim(world.services, NOW)
    async with world.services.sessions() as session, session.begin():
        await outbox.mark_skipped(session, a, "no longer behind")
    assert [(await row(world.services, i)).status for i in (a, b)] == ["skipped", "pending"]


async def test_a_send_after_a_retry_clears_the_old_error(world: World) -> None:
    await plan(world, "nudge:1")
    (mine,) = await claim(world.services, NOW)
    assert await start(world.services, mine, NOW + timedelta(minutes=2))
    async with world.services.sessions() as session, session.begin():
        await outbox.mark_retry(session, mine, NOW, "internal_error")
    assert await start(world.services, mine, NOW + timedelta(minutes=2))
    async with world.services.sessions() as session, session.begin():
        await outbox.mark_sent(session, mine, NOW)
    got = await row(world.services, mine)
    assert (got.status, got.error, got.attempts) == ("sent", None, 2)


async def test_known_keys_are_found_past_two_chunks(world: World) -> None:
    keys = [f"nudge:{i}" for i in range(2 * outbox._KEY_CHUNK + 5)]
    await plan(world, *keys)
    async with world.services.sessions() as session, session.begin():
        assert await outbox.existing_keys(session, [*keys, "nudge:new"]) == set(keys)


async def test_replies_to_inbox_messages_are_left_to_the_serving_process(world: World) -> None:
    ws = await world.workspace()
    reply = Planned("reply:1", REPLY_KIND, ws.id, "slack", "C-1", NOW)
    async with world.services.sessions() as session, session.begin():
        await outbox.insert_ignore(session, [reply], NOW)
    (mine,) = await ids(world.services)
    assert await claim(world.services, NOW) == []
    assert await start(world.services, mine, NOW + timedelta(minutes=2))  # the server's send
    async with world.services.sessions() as session, session.begin():
        assert await outbox.fail_in_doubt(session, NOW + timedelta(hours=1)) == []
    assert (await row(world.services, mine)).status == "sending"

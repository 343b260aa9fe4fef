"""A post a dead dispatcher left on the wire: found and kept, sent once more, or failed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from bot.adapters.slack.notifier import SlackNotifier
from bot.app import make_tick
from scheduler import outbox
from scheduler.dispatcher import DispatchConfig
from scheduler.outbox import IN_DOUBT
from storage.models import Delivery
from tests.conftest import make_settings
from tests.scheduler.world import World, fast_pacer
from tests.support.slack_api import BOT_TOKEN, FakeSlack, dm_of

WEDNESDAY_4PM = datetime(2026, 11, 18, 16, 0, tzinfo=UTC)  # a rep with nothing logged: nudged


async def left_sending(world: World) -> int:
    """The rep's nudge as a killed dispatcher leaves it: `sending`, its lease run out."""
    (row,) = await world.deliveries(kind="nudge")
    async with world.services.sessions() as session, session.begin():
        await session.execute(
            update(Delivery)
            .where(Delivery.id == row.id)
            .values(status="sending", lease_until=WEDNESDAY_4PM + timedelta(minutes=2))
        )
    return row.id


async def restart_on_slack(world: World, fake: FakeSlack, db_url: str) -> None:
    settings = make_settings(db_url, slack_api_url=fake.api_url)
    world.services.notifiers = {"slack": SlackNotifier(settings, token=BOT_TOKEN)}
    restarted = make_tick(world.services, DispatchConfig(), fast_pacer())
    await restarted(WEDNESDAY_4PM + timedelta(minutes=11))  # after the dead one's lease


async def test_a_nudge_slack_never_got_is_sent_once_more(world: World, db_url: str) -> None:
    ws = await world.workspace()
    rep = await world.rep(ws, "Rita Rep", "UTC")
    # The first dispatcher (the test's Recorder, not Slack) took the nudge and died: what
    # it sent never reached Slack.
    await world.tick(WEDNESDAY_4PM)
    row_id = await left_sending(world)
    async with FakeSlack() as fake:
        fake.add_user(rep.external_id, rep.name)
        await restart_on_slack(world, fake, db_url)
        delivered = [call.channel for call in fake.delivered()]
    assert delivered == [dm_of(rep.external_id)]  # once, by the restarted dispatcher
    (row,) = await world.deliveries(id=row_id)
    assert row.status == "sent"


async def test_a_nudge_slack_already_shows_is_recorded_not_resent(
    world: World, db_url: str
) -> None:
    ws = await world.workspace()
    rep = await world.rep(ws, "Rita Rep", "UTC")
    async with FakeSlack() as fake:
        fake.add_user(rep.external_id, rep.name)
        settings = make_settings(db_url, slack_api_url=fake.api_url)
        world.services.notifiers = {"slack": SlackNotifier(settings, token=BOT_TOKEN)}
        first = make_tick(world.services, DispatchConfig(), fast_pacer())
        await first(WEDNESDAY_4PM)  # posted to Slack with its key as metadata...
        row_id = await left_sending(world)  # ...but the process died before writing "sent"
        await restart_on_slack(world, fake, db_url)
        delivered = [call.channel for call in fake.delivered()]
    assert delivered == [dm_of(rep.external_id)]  # never twice
    (row,) = await world.deliveries(id=row_id)
    assert (row.status, row.error) == ("sent", None)


async def test_a_platform_that_cannot_look_fails_the_post_rather_than_risk_twice(
    world: World,
) -> None:
    ws = await world.workspace()
    await world.rep(ws, "Rita Rep", "UTC")
    await world.tick(WEDNESDAY_4PM)  # the test Recorder has no `arrived`
    row_id = await left_sending(world)
    await world.tick(WEDNESDAY_4PM + timedelta(minutes=11))
    (row,) = await world.deliveries(id=row_id)
    assert (row.status, row.error) == ("failed", IN_DOUBT)
    assert len(world.slack.sent) == 1


async def test_claiming_rows_in_doubt_takes_only_expired_sends_and_holds_them(
    world: World,
) -> None:
    ws = await world.workspace()
    rep = await world.rep(ws, "Rita Rep", "UTC")
    now = WEDNESDAY_4PM + timedelta(minutes=5)

    def row(key: str, status: str, lease: datetime | None, kind: str = "nudge") -> Delivery:
        return Delivery(
            workspace_id=ws.id,
            idempotency_key=key,
            kind=kind,
            user_id=rep.id,
            platform="slack",
            conversation=f"conv-{key}",
            due_at=WEDNESDAY_4PM,
            status=status,
            attempts=1,
            next_attempt_at=WEDNESDAY_4PM,
            lease_until=lease,
        )

    expired = await world.add(row("expired", "sending", now - timedelta(seconds=1)))
    for held in (
        row("at-now", "sending", now),  # a lease ending this instant is still held
        row("live", "sending", now + timedelta(minutes=1)),
        row("pending", "pending", now - timedelta(minutes=1)),
        row("reply", "sending", now - timedelta(minutes=1), kind="reply"),
    ):
        await world.add(held)
    async with world.services.sessions() as session, session.begin():
        claimed = await outbox.claim_in_doubt(session, now, timedelta(minutes=2))
    assert claimed == [
        outbox.InDoubt(expired.id, "slack", "expired", ws.id, rep.id, "conv-expired", WEDNESDAY_4PM)
    ]
    (again,) = await world.deliveries(id=expired.id)
    assert (again.status, again.lease_until) == ("sending", now + timedelta(minutes=2))
    async with world.services.sessions() as session, session.begin():
        assert await outbox.claim_in_doubt(session, now, timedelta(minutes=2)) == []


async def test_settling_touches_only_its_row_and_only_while_it_is_sending(world: World) -> None:
    ws = await world.workspace()
    rep = await world.rep(ws, "Rita Rep", "UTC")
    rows = []
    for key, status in (("a", "sending"), ("b", "sending"), ("c", "sent")):
        rows.append(
            await world.add(
                Delivery(
                    workspace_id=ws.id,
                    idempotency_key=key,
                    kind="nudge",
                    user_id=rep.id,
                    platform="slack",
                    conversation="D1",
                    due_at=WEDNESDAY_4PM,
                    status=status,
                    attempts=1,
                    next_attempt_at=WEDNESDAY_4PM,
                    lease_until=WEDNESDAY_4PM,
                )
            )
        )
    now = WEDNESDAY_4PM + timedelta(minutes=9)
    async with world.services.sessions() as session, session.begin():
        await outbox.settle_in_doubt(session, rows[0].id, False, now)
        await outbox.settle_in_doubt(session, rows[2].id, None, now)  # already sent: stays
    a, b, c = [(await world.deliveries(id=r.id))[0] for r in rows]
    assert (a.status, a.next_attempt_at, a.lease_until) == ("pending", now, None)
    assert (b.status, b.lease_until) == ("sending", WEDNESDAY_4PM)
    assert (c.status, c.error) == ("sent", None)

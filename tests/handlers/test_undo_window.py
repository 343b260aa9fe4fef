"""Undo works for 24 hours after a log, to the minute, and takes back exactly that log."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import func, select

from bot.services import Services
from core.actions import ActionId
from core.messages import Reply
from storage.models import Activity, AuditEntry, Deal, DealStageChange, LogBatch
from tests.support.clock import FakeClock
from tests.support.dialog import Chat
from tests.support.world import make_world


async def live_calls(services: Services) -> int:
    async with services.sessions() as session:
        query = select(func.coalesce(func.sum(Activity.count), 0)).where(
            Activity.deleted_at.is_(None)
        )
        return int(await session.scalar(query) or 0)


async def rita_logs_4_calls(services: Services) -> tuple[Chat, Reply]:
    await make_world(services)
    chat = Chat(services)
    return chat, await chat.say("rita", "4 calls with Acme")


async def test_undo_at_23_hours_59_takes_the_log_back(services: Services, clock: FakeClock) -> None:
    chat, _ = await rita_logs_4_calls(services)
    logged_at = clock.now
    clock.advance(hours=23, minutes=59)

    reply = await chat.say("rita", "undo")

    assert reply.ok and "Undone: 4 calls with Acme" in reply.text
    assert await live_calls(services) == 0
    async with services.sessions() as session:
        batch = (await session.scalars(select(LogBatch))).one()
        (deleted_at,) = (await session.scalars(select(Activity.deleted_at))).all()
        audit = (await session.scalars(select(AuditEntry).where(AuditEntry.action == "undo"))).one()
    assert batch.created_at == logged_at and batch.undone_at == clock.now
    assert deleted_at == clock.now
    assert audit.user_id == batch.user_id
    assert json.loads(audit.detail) == {"batch": batch.id, "summary": batch.summary}


async def test_undo_at_exactly_24_hours_still_works(services: Services, clock: FakeClock) -> None:
    chat, _ = await rita_logs_4_calls(services)
    clock.advance(hours=24)
    assert (await chat.say("rita", "undo")).ok
    assert await live_calls(services) == 0


async def test_undo_at_24_hours_01_is_refused_and_changes_nothing(
    services: Services, clock: FakeClock
) -> None:
    chat, logged = await rita_logs_4_calls(services)
    clock.advance(hours=24, minutes=1)

    reply = await chat.say("rita", "undo")
    assert not reply.ok
    assert "Nothing to undo from the last 24 hours." in reply.text
    button = await chat.press("rita", logged.buttons[0].action_id, logged.buttons[0].value)
    assert not button.ok
    assert "that log is already undone or older than 24 hours" in button.text

    assert await live_calls(services) == 4
    async with services.sessions() as session:
        batch = (await session.scalars(select(LogBatch))).one()
        undos = await session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "undo")
        )
    assert batch.undone_at is None and undos == 0


async def test_undo_takes_back_the_newest_log_even_when_two_share_a_moment(
    services: Services,
) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "4 calls with Acme")
    await chat.say("rita", "2 calls with Globex")  # same fixed instant: the higher id is newer
    assert "2 calls with Globex" in (await chat.say("rita", "undo")).text
    assert await live_calls(services) == 4


async def test_undo_only_touches_the_askers_own_logs(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("ron", "3 calls with Initech")
    await chat.say("rita", "4 calls with Acme")
    assert "4 calls with Acme" in (await chat.say("rita", "undo")).text
    reply = await chat.say("rita", "undo")
    assert not reply.ok and "Nothing to undo from the last 24 hours." in reply.text
    assert await live_calls(services) == 3


async def test_undoing_a_new_deal_removes_it_and_undoing_a_change_restores_it(
    services: Services, clock: FakeClock
) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "new opp Globex 40k")
    clock.advance(minutes=1)
    await chat.say("rita", "Globex is in negotiation")
    clock.advance(minutes=1)

    assert "Undone" in (await chat.say("rita", "undo")).text
    async with services.sessions() as session:
        deal = (await session.scalars(select(Deal))).one()
    assert (deal.stage, deal.amount_minor, deal.deleted_at) == ("prospecting", 4_000_000, None)
    assert deal.updated_at == clock.now

    assert "Undone" in (await chat.say("rita", "undo")).text
    async with services.sessions() as session:
        deal = (await session.scalars(select(Deal))).one()
    assert deal.deleted_at == clock.now


async def test_undo_takes_the_newest_log_by_time_not_by_row_order(
    services: Services, clock: FakeClock
) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "4 calls with Acme")
    clock.advance(hours=-1)  # a log recorded later, for an earlier moment
    await chat.say("rita", "2 calls with Globex")
    assert "4 calls with Acme" in (await chat.say("rita", "undo")).text
    assert await live_calls(services) == 2


async def test_what_a_refused_undo_says_exactly(services: Services) -> None:
    chat, logged = await rita_logs_4_calls(services)
    button = logged.buttons[0]
    assert (await chat.press("rita", button.action_id, button.value)).ok
    again = await chat.press("rita", button.action_id, button.value)
    assert again.text == "Nothing to undo: that log is already undone or older than 24 hours."
    assert (await chat.say("rita", "undo")).text == "Nothing to undo from the last 24 hours."


async def test_undoing_a_change_restores_everything_it_had(
    services: Services, clock: FakeClock
) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "new opp Globex 40k closing 2026-12-15")
    await chat.say("rita", "Globex is in negotiation")
    # As if the deal had been closed before this change (a reopened deal): undo must put
    # the closing moment back, not only the stage.
    closed_before = clock.now - timedelta(days=3)
    async with services.sessions() as session, session.begin():
        change = (
            await session.scalars(select(DealStageChange).order_by(DealStageChange.id.desc()))
        ).first()
        assert change is not None and not change.created_deal
        change.prev_closed_at = closed_before
        change.prev_name, change.prev_currency = "Globex Corp", "EUR"
        change.prev_lost_reason = "no budget"
    clock.advance(minutes=5)

    assert "Undone" in (await chat.say("rita", "undo")).text
    async with services.sessions() as session:
        deal = (await session.scalars(select(Deal))).one()
    assert (deal.stage, deal.amount_minor) == ("prospecting", 4_000_000)
    assert (str(deal.close_date), deal.closed_at) == ("2026-12-15", closed_before)
    assert (deal.name, deal.currency, deal.lost_reason) == ("Globex Corp", "EUR", "no budget")
    assert deal.updated_at == clock.now


async def test_undo_is_listed_in_help_and_is_for_ones_own_logs(services: Services) -> None:
    await make_world(services)
    reply = await Chat(services).say("rita", "help")
    assert reply.table is not None
    assert ("Take back your last log (within 24 hours)", "`undo`") in reply.table.rows
    assert services.router.routes["undo"].access == "self"


async def test_undoing_a_creation_under_two_later_changes_names_them_and_undoes_all_three(
    services: Services,
) -> None:
    await make_world(services)
    chat = Chat(services)
    created = await chat.say("rita", "new opp Globex 40k")
    await chat.say("rita", "update Globex amount to 50k")
    await chat.say("rita", "closed Globex for $45k")

    asked = await chat.press("rita", ActionId.UNDO, created.buttons[0].value)
    assert asked.text == (
        "Later changes build on that one (Globex deal (Closed-won); Globex deal (Prospecting)). "
        "Undoing it alone would overwrite them. Undo them too?"
    )
    assert [b.label for b in asked.buttons] == ["Undo all 3", "Keep everything"]
    done = await chat.press("rita", ActionId.CHOOSE, asked.buttons[0].value)
    assert done.text.startswith("↩️ Undone 3 changes, newest first: Globex deal (Closed-won); ")
    async with services.sessions() as session:
        deal = (await session.scalars(select(Deal))).one()
        batches = (await session.scalars(select(LogBatch.undone_at))).all()
    assert deal.deleted_at is not None and all(batches)


async def test_a_change_someone_else_built_on_is_not_undone(services: Services) -> None:
    world = await make_world(services)
    chat = Chat(services)
    created = await chat.say("rita", "new opp Globex 40k")
    await chat.say("rita", "update Globex amount to 50k")
    async with services.sessions() as session, session.begin():
        later = (await session.scalars(select(LogBatch).order_by(LogBatch.id.desc()))).first()
        assert later is not None
        later.user_id = world.users["ron"]  # as if Ron had changed her deal

    refused = await chat.press("rita", ActionId.UNDO, created.buttons[0].value)
    assert refused.text == (
        "I can't undo that: Ron Rep changed the deal after it (Globex deal (Prospecting)), "
        "and undoing yours would overwrite theirs."
    )
    async with services.sessions() as session:
        deal = (await session.scalars(select(Deal))).one()
    assert (deal.amount_minor, deal.deleted_at) == (5_000_000, None)


async def test_changes_to_another_deal_do_not_stand_in_the_way(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    created = await chat.say("rita", "new opp Globex 40k")
    await chat.say("rita", "new opp Hooli 10k")
    reply = await chat.press("rita", ActionId.UNDO, created.buttons[0].value)
    assert reply.text == "↩️ Undone: Globex deal (Prospecting)."

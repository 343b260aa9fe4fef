"""Reps log activity and deals by chat; confirmations, undo and forms."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.services import Services
from storage.models import Activity, Deal, DealStageChange
from tests.support.dialog import Chat
from tests.support.world import make_world


async def activity_total(services: Services, kind: str | None = None) -> int:
    async with services.sessions() as session:
        query = select(func.coalesce(func.sum(Activity.count), 0)).where(
            Activity.deleted_at.is_(None)
        )
        if kind:
            query = query.where(Activity.kind == kind)
        return int(await session.scalar(query) or 0)


async def test_rep_logs_several_kinds_in_one_message(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    reply = await chat.say("rita", "logged 3 calls and 2 emails with Acme Corp")
    assert reply.ok
    assert "Logged 3 calls and 2 emails with Acme Corp for today" in reply.text
    assert [b.action_id for b in reply.buttons] == ["undo", "log_another"]
    assert await activity_total(services, "call") == 3
    assert await activity_total(services, "email") == 2


async def test_slash_log_and_yesterday_with_duration(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    reply = await chat.say("rita", "/log call Acme 3")
    assert "3 calls with Acme" in reply.text
    reply = await chat.say("rita", "demo w/ Globex yesterday, 45 min")
    assert "Tue 17 Nov" in reply.text
    async with services.sessions() as session:
        demo = (await session.scalars(select(Activity).where(Activity.kind == "demo"))).one()
    assert demo.duration_min == 45
    assert str(demo.occurred_on) == "2026-11-17"


async def test_undo_takes_back_the_last_log_only(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "5 calls with Acme")
    await chat.say("rita", "2 emails to Globex")
    reply = await chat.say("rita", "undo")
    assert "Undone: 2 emails with Globex" in reply.text
    assert await activity_total(services) == 5
    reply = await chat.say("rita", "undo")
    assert "Undone: 5 calls with Acme" in reply.text
    reply = await chat.say("rita", "undo")
    assert not reply.ok and "Nothing to undo" in reply.text


async def test_undo_button_targets_its_own_log_and_works_once(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    first = await chat.say("rita", "4 calls with Acme")
    await chat.say("rita", "1 demo with Hooli")
    undo = first.buttons[0]
    reply = await chat.press("rita", undo.action_id, undo.value)
    assert "4 calls with Acme" in reply.text
    assert await activity_total(services) == 1
    again = await chat.press("rita", undo.action_id, undo.value)
    assert not again.ok


async def test_someone_else_cannot_undo_my_log(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    mine = await chat.say("rita", "4 calls with Acme")
    reply = await chat.press("ron", "undo", mine.buttons[0].value)
    assert not reply.ok
    assert await activity_total(services) == 4


async def test_undo_expires_after_24_hours(services: Services, clock) -> None:  # type: ignore[no-untyped-def]
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "4 calls with Acme")
    clock.advance(hours=25)
    reply = await chat.say("rita", "undo")
    assert "Nothing to undo" in reply.text


async def test_deal_lifecycle_create_move_win_and_undo(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    reply = await chat.say("rita", "new opp Globex 40k")
    assert "New deal: Globex, $40,000" in reply.text
    reply = await chat.say("rita", "Globex is in negotiation")
    assert "moved from Prospecting to Negotiation" in reply.text
    reply = await chat.say("rita", "closed Globex for $42k!!")
    assert "Closed-won: Globex for $42,000" in reply.text
    async with services.sessions() as session:
        deal = (await session.scalars(select(Deal))).one()
        changes = (
            await session.scalars(select(DealStageChange).order_by(DealStageChange.id))
        ).all()
    assert (deal.stage, deal.amount_minor, deal.closed_at is not None) == ("won", 4_200_000, True)
    assert [c.to_stage for c in changes] == ["prospecting", "negotiation", "won"]
    reply = await chat.say("rita", "undo")
    assert "Undone" in reply.text
    async with services.sessions() as session:
        deal = (await session.scalars(select(Deal))).one()
    assert (deal.stage, deal.amount_minor, deal.closed_at) == ("negotiation", 4_000_000, None)


async def test_closing_a_deal_directly_creates_it_won(services: Services) -> None:
    await make_world(services)
    reply = await Chat(services).say("rita", "closed Initech for $24k")
    assert "Closed-won: Initech for $24,000" in reply.text


async def test_empty_slash_log_opens_the_form_and_submission_logs(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    reply = await chat.say("rita", "/log")
    assert reply.form is not None and reply.form.form_id == "log_activity"
    bad = await chat.press(
        "rita", "submit:log_activity", fields={"kind": "call", "count": "0", "date": "2099-01-01"}
    )
    assert not bad.ok
    assert dict(bad.errors).keys() == {"count", "date"}
    assert await activity_total(services) == 0
    good = await chat.press(
        "rita", "submit:log_activity", fields={"kind": "meeting", "count": "2", "account": "Acme"}
    )
    assert good.ok and "2 meetings with Acme" in good.text


async def test_deal_form_needs_an_account(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    bad = await chat.press(
        "rita", "submit:log_deal", fields={"stage": "proposal", "amount": "12000"}
    )
    assert dict(bad.errors) == {"account": "Which account is this deal with?"}
    good = await chat.press(
        "rita",
        "submit:log_deal",
        fields={"account": "Acme", "stage": "proposal", "amount": "12000"},
    )
    assert "New deal: Acme, $12,000" in good.text


async def test_a_terse_forecast_line_opens_a_deal_with_its_close_date(services: Services) -> None:
    await make_world(services)
    reply = await Chat(services).say("rita", "Hooli 25k closing in Q1")
    assert reply.text == "🆕 New deal: Hooli, $25,000, stage Prospecting."
    assert ("Close date", "31 Mar 2027") in [(f.label, f.value) for f in reply.facts]

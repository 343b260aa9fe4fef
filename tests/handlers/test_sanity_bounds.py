"""Absurd values are questioned, not saved: impossible ones refused with a clear reply, far
from usual ones asked about with yes/no first (issue 11)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from bot.services import Services
from core.actions import ActionId
from storage.models import Activity, Deal
from tests.support.dialog import Chat
from tests.support.world import counts, make_world, set_quota

NOV = date(2026, 11, 1)


def request(intent: str, **slots: object) -> str:
    """A choose button carrying a request the person could type (the contract's slots)."""
    return json.dumps({"intent": intent, "slots": slots})


async def live_deals(services: Services) -> list[tuple[str, int | None]]:
    async with services.sessions() as session:
        rows = await session.execute(
            select(Deal.stage, Deal.amount_minor).where(Deal.deleted_at.is_(None))
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


async def test_a_win_27_times_the_monthly_quota_is_asked_then_saved(services: Services) -> None:
    world = await make_world(services)
    await set_quota(services, world, "rita", "revenue", "month", NOV, 4_500_000)
    chat = Chat(services)
    before = await counts(services)

    asked = await chat.say("rita", "won Cyberdyne 1.2M")

    assert asked.text == (
        "Just checking before I save it: $1,200,000 is 27x your monthly quota ($45,000). "
        "Save it anyway?"
    )
    assert [b.action_id for b in asked.buttons] == [ActionId.CONFIRM, ActionId.CANCEL]
    assert await counts(services) == before
    saved = await chat.say("rita", "yes")
    assert saved.text == "🎉 Closed-won: Cyberdyne for $1,200,000. Nice work!"
    assert await live_deals(services) == [("won", 120_000_000)]


async def test_24_dollars_next_to_real_deals_is_asked_and_no_saves_nothing(
    services: Services,
) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "new opp Globex 40k")
    before = await counts(services)

    asked = await chat.say("rita", "closed Hooli for $24")
    refused = await chat.say("rita", "no")

    assert asked.text.startswith(
        "Just checking before I save it: $24 is tiny next to your deals (largest $40,000)."
    )
    assert refused.text.startswith("OK, nothing saved.")
    assert await counts(services) == before


async def test_ten_times_the_largest_deal_is_asked_and_the_button_saves_it(
    services: Services,
) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "new opp Globex 40k")

    asked = await chat.say("rita", "closed Initech for $500k")
    saved = await chat.press("rita", ActionId.CONFIRM)

    assert "$500,000 is 12x your largest deal ($40,000)." in asked.text
    assert saved.text == "🎉 Closed-won: Initech for $500,000. Nice work!"
    assert sorted(await live_deals(services)) == [("prospecting", 4_000_000), ("won", 50_000_000)]


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
async def test_impossible_close_dates_are_refused(services: Services, day: str) -> None:
    await make_world(services)
    before = await counts(services)
    reply = await Chat(services).say("rita", f"new opp Acme 20k closing {day}")
    assert not reply.ok and "can't be right" in reply.text
    assert await counts(services) == before


async def test_a_close_date_over_a_year_away_is_asked(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    asked = await chat.press(
        "rita",
        ActionId.CHOOSE,
        request("log_deal", account="Acme", stage="prospecting", close_date="2028-06-30"),
    )
    assert asked.text.startswith(
        "Just checking before I save it: A close date of 30 Jun 2028 is more than a year from now."
    )
    assert (await chat.say("rita", "yes")).text.startswith("🆕 New deal: Acme")


@pytest.mark.parametrize(
    ("slots", "says"),
    [
        ({"amount": -5000, "stage": "won"}, "A deal amount must be more than zero."),
        ({"amount": float("nan"), "stage": "won"}, "The amount must be a number"),
        ({"amount": float("inf"), "stage": "won"}, "The amount must be a number"),
        ({"amount": 5000, "currency": "BTC", "stage": "won"}, "I don't take 'BTC'"),
        ({"close_date": "2026-02-30"}, "I couldn't read the close date '2026-02-30'"),
        ({"stage": "stage 9"}, "Stages are 1 prospecting, 2 qualification"),
    ],
)
async def test_impossible_deal_values_are_refused_with_a_clear_reply(
    services: Services, slots: dict[str, object], says: str
) -> None:
    await make_world(services)
    before = await counts(services)
    reply = await Chat(services).press(
        "rita", ActionId.CHOOSE, request("log_deal", account="Acme", **slots)
    )
    assert not reply.ok and says in reply.text
    assert await counts(services) == before


@pytest.mark.parametrize(
    ("count", "says"),
    [(-3, "whole number of at least 1"), (3.5, "whole number of at least 1"), (0, "at least 1")],
)
async def test_impossible_counts_are_refused(services: Services, count: object, says: str) -> None:
    await make_world(services)
    before = await counts(services)
    reply = await Chat(services).press(
        "rita",
        ActionId.CHOOSE,
        request("log_activity", items=[{"activity": "call", "count": count}]),
    )
    assert not reply.ok and says in reply.text
    assert await counts(services) == before


async def test_over_200_activities_a_day_is_asked_then_saved(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "40 calls")
    before = await counts(services)

    asked = await chat.say("rita", "170 calls today")

    assert asked.text.startswith(
        "Just checking before I save it: That makes 210 activities on Wed 18 Nov."
    )
    assert await counts(services) == before
    saved = await chat.press("rita", ActionId.CONFIRM)
    assert saved.text.startswith("✅ Logged 170 calls for today.")
    async with services.sessions() as session:
        logged = (await session.scalars(select(Activity.count).order_by(Activity.id))).all()
    assert logged == [40, 170]


async def test_a_negative_quota_confirmed_is_refused_saying_why(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("mia", "set rita quota to -5k")
    before = await counts(services)

    reply = await chat.say("mia", "yes")

    assert not reply.ok
    assert reply.text == (
        "A quota is a number above zero (that was -5,000); "
        "say it like `set @dana quota to 150k for Q1`."
    )
    assert await counts(services) == before

"""Money across currencies: every deal is counted (converted at the admin's rates, with the
rate's date) or shown beside the total; none is silently dropped (issue 11)."""

from __future__ import annotations

import pytest

from bot.services import Services
from core.messages import Reply
from handlers.shared.errors import UserError
from handlers.shared.fx_settings import set_fx
from storage.models import FxRate, Workspace
from tests.support.dialog import Chat
from tests.support.world import World, counts, make_world

FLOOR = (
    "closed Initech for $10k",
    "closed Lufthansa for €8.5k",
    "new opp Globex 40k closing end of month",
    "new deal Tesco £20k closing end of month",
    "new deal Siemens €15k closing end of month",
)


async def floor(services: Services) -> tuple[World, Chat]:
    world = await make_world(services)
    chat = Chat(services)
    for line in FLOOR:
        assert (await chat.say("rita", line)).ok, line
    return world, chat


async def set_rates(services: Services, world: World, *said: str) -> list[str]:
    async with services.sessions() as session, session.begin():
        workspace = await session.get(Workspace, world.workspace_id)
        assert workspace is not None
        return [
            await set_fx(workspace, session, s, by=world.users["ada"], now=services.clock())
            for s in said
        ]


def facts(reply: Reply) -> dict[str, str]:
    return {f.label: f.value for f in reply.facts}


async def test_without_rates_every_currency_is_shown_beside(services: Services) -> None:
    _, chat = await floor(services)

    pipeline = await chat.say("rita", "/pipeline")
    forecast = await chat.say("rita", "/forecast")
    team = await chat.say("mia", "/team")

    assert pipeline.text == "Your pipeline: $40,000 + €15,000 + £20,000 across 3 open deals."
    assert pipeline.table is not None
    assert pipeline.table.rows[-1] == ("Total", "3", "$40K + €15K + £20K")
    assert facts(pipeline)["Closing November 2026"] == "$40,000 + €15,000 + £20,000 in 3 deals"
    assert any(n.startswith("No USD rate for EUR, GBP, so shown apart") for n in pipeline.notes)
    assert facts(forecast)["Closed-won"] == "$10,000 + €8,500"
    assert facts(forecast)["Best case"] == "$50,000 + €23,500 + £20,000"
    assert facts(team)["Won"] == "$10,000 + €8,500 in 2 deals"


async def test_with_rates_every_deal_is_converted_and_the_rate_date_shown(
    services: Services,
) -> None:
    world, chat = await floor(services)
    said = await set_rates(services, world, "EUR 1.08", "gbp 1.27")
    assert said[0] == (
        "1 EUR = 1.08 USD from now on (set 18 Nov 2026): totals add EUR deals converted at "
        "this rate."
    )

    pipeline = await chat.say("rita", "/pipeline")
    forecast = await chat.say("rita", "/forecast")
    team = await chat.say("mia", "/team")
    revenue = await chat.say("rita", "leaderboard revenue this month")
    deals = await chat.say("rita", "leaderboard deals this month")

    # $40,000 + €15,000 × 1.08 + £20,000 × 1.27
    assert pipeline.text == "Your pipeline: $81,600 across 3 open deals."
    assert (
        "Converted: EUR at 1.08 USD (rate set 18 Nov 2026); GBP at 1.27 USD "
        "(rate set 18 Nov 2026)." in pipeline.notes
    )
    # $10,000 + €8,500 × 1.08 won; plus the open $81,600 closing this quarter.
    assert facts(forecast)["Closed-won"] == "$19,180"
    assert facts(forecast)["Best case"] == "$100,780"
    assert facts(team)["Won"] == "$19,180 in 2 deals"
    assert revenue.text.endswith("Rita Rep leads with $19,180.")
    assert deals.text.endswith("Rita Rep leads with 2 deals won.")


async def test_rates_are_checked_and_can_be_removed(services: Services) -> None:
    world = await make_world(services)
    for bad, says in (
        ("BTC 30000", "I don't know the currency 'BTC'"),
        ("EUR abc", "'abc' isn't a rate"),
        ("EUR 1080000", "can't be right"),
        ("USD 1.1", "USD is the workspace currency"),
    ):
        with pytest.raises(UserError) as refused:
            await set_rates(services, world, bad)
        assert says in refused.value.message
    said = await set_rates(services, world, "EUR 1.08", "EUR 1.10", "", "EUR off", "")
    assert said[2] == "Exchange rates: 1 EUR = 1.1 USD (set 18 Nov 2026)."
    assert said[3].startswith("Removed the EUR rate")
    assert said[4].startswith("No exchange rates set")
    async with services.sessions() as session:
        assert await session.get(FxRate, 1) is None


async def test_an_unknown_currency_is_refused_with_the_accepted_list(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    before = await counts(services)
    reply = await chat.press(
        "rita",
        "choose",
        '{"intent": "log_deal", "slots": {"account": "Acme", "amount": 5000, '
        '"currency": "BTC", "stage": "won"}}',
    )
    assert not reply.ok
    assert reply.text.startswith("I don't take 'BTC' as a currency. Deals can be in: AED, AUD,")
    assert "EUR, GBP" in reply.text
    assert await counts(services) == before


async def test_an_admin_sets_a_rate_in_chat_and_reps_cannot(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    refused = await chat.say("rita", "/quotabot settings workspace fx EUR 1.08")
    assert not refused.ok
    reply = await chat.say("ada", "/quotabot settings workspace fx EUR 1.08")
    assert reply.ok and "EUR" in reply.text, reply.text

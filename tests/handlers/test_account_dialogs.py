"""Accounts are matched as reps write them: one clear match is used, several are asked,
none is created and said (issue 11)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from bot.services import Services
from core.actions import ActionId
from storage.accounts import name_key
from storage.models import Account, Activity, Deal
from tests.support.dialog import Chat
from tests.support.world import counts, make_world

FLOOR = (
    "new opp Acme Corp 20k",
    "new opp Tyrell Systems 30k",
    "new opp Stark Logistics 15k",
    "new opp Sable & Co 11k",
    "sent Sable & Co a proposal",
)


async def floor(services: Services) -> Chat:
    await make_world(services)
    chat = Chat(services)
    for line in FLOOR:
        assert (await chat.say("rita", line)).ok, line
    return chat


async def deals(services: Services) -> dict[str, tuple[str, int | None]]:
    """account name -> (stage, amount in minor units) of every live deal."""
    async with services.sessions() as session:
        rows = await session.execute(
            select(Account.name, Deal.stage, Deal.amount_minor)
            .join(Account, Account.id == Deal.account_id)
            .where(Deal.deleted_at.is_(None))
        )
        return {name: (stage, minor) for name, stage, minor in rows}


async def account_names(services: Services) -> list[str]:
    async with services.sessions() as session:
        return sorted((await session.scalars(select(Account.name))).all())


@pytest.mark.parametrize(
    ("said", "account"),
    [
        ("lost Acme to a competitor", "Acme Corp"),
        ("closed lost Tyrell", "Tyrell Systems"),
        ("we lost the Stark deal", "Stark Logistics"),
    ],
)
async def test_a_short_name_closes_the_existing_account_s_deal(
    services: Services, said: str, account: str
) -> None:
    chat = await floor(services)
    before = await account_names(services)

    reply = await chat.say("rita", said)

    assert reply.text.startswith(f"Logged {account} as closed-lost")
    assert any(f"is {account}" in note for note in reply.notes)
    assert await account_names(services) == before
    assert (await deals(services))[account][0] == "lost"


async def test_sable_moves_the_real_sable_and_co_deal(services: Services) -> None:
    chat = await floor(services)
    before = await counts(services)

    reply = await chat.say("rita", "Sable moved to negotiation")

    assert reply.text == "➡️ Sable & Co moved from Proposal to Negotiation."
    assert (await deals(services))["Sable & Co"] == ("negotiation", 1_100_000)
    after = await counts(services)
    assert (after["deals"], after["accounts"]) == (before["deals"], before["accounts"])
    assert after["deal_stage_changes"] == before["deal_stage_changes"] + 1


async def test_a_small_typo_finds_the_account(services: Services) -> None:
    chat = await floor(services)
    reply = await chat.say("rita", "closed Tyrel Sytems for $30k")
    assert reply.text == "🎉 Closed-won: Tyrell Systems for $30,000. Nice work!"
    assert (await deals(services))["Tyrell Systems"] == ("won", 3_000_000)


async def test_activities_land_on_the_existing_account(services: Services) -> None:
    chat = await floor(services)
    reply = await chat.say("rita", "3 calls with acme")
    assert reply.text == "✅ Logged 3 calls with Acme Corp for today."
    async with services.sessions() as session:
        activity = (await session.scalars(select(Activity))).one()
        account = await session.get(Account, activity.account_id)
    assert account is not None and account.name == "Acme Corp"


async def test_no_match_creates_the_account_and_says_so(services: Services) -> None:
    chat = await floor(services)
    reply = await chat.say("rita", "new deal with Zenith Labs for $20k")
    assert reply.text == "🆕 New deal: Zenith Labs, $20,000, stage Prospecting."
    assert "🆕 new account Zenith Labs" in reply.notes
    assert "Zenith Labs" in await account_names(services)


async def test_two_equally_close_accounts_are_asked_with_a_button_each(
    services: Services,
) -> None:
    world = await make_world(services)
    async with services.sessions() as session, session.begin():  # two companies, one name
        session.add_all(
            Account(workspace_id=world.workspace_id, name=n, name_key=name_key(n))
            for n in ("Globex Inc", "Globex GmbH")
        )
    chat = Chat(services)
    await chat.say("rita", "new opp Globex Inc 10k")
    before = await counts(services)

    asked = await chat.say("rita", "closed Globex for $20k")

    assert asked.text == "“Globex” could be Globex GmbH or Globex Inc. Which account?"
    assert [b.label for b in asked.buttons] == [
        "Globex GmbH",
        "Globex Inc",
        "🆕 New account “Globex”",
    ]
    assert all(b.action_id == ActionId.CHOOSE for b in asked.buttons)
    assert await counts(services) == before  # nothing saved until they choose

    chosen = await chat.press("rita", ActionId.CHOOSE, asked.buttons[0].value)

    assert chosen.text == "🎉 Closed-won: Globex GmbH for $20,000. Nice work!"
    assert await deals(services) == {
        "Globex GmbH": ("won", 2_000_000),
        "Globex Inc": ("prospecting", 1_000_000),
    }
    assert (await counts(services))["accounts"] == before["accounts"]
    assert json.loads(asked.buttons[2].value)["slots"]["new_account"] is True

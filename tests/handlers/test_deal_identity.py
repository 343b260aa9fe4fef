"""One record per opportunity: a message acts on the account's open deal, several are asked
about, a second "signed" is the same win, and each deal keeps its currency (issue 11)."""

from __future__ import annotations

from sqlalchemy import select

from bot.services import Services
from core.actions import ActionId
from storage.models import Account, Deal, DealStageChange
from tests.support.dialog import Chat
from tests.support.world import counts, make_world


async def deal_rows(services: Services) -> list[tuple[str, str | None, str, int | None, str]]:
    """(account, deal name, stage, amount, currency) of every live deal, oldest first."""
    async with services.sessions() as session:
        rows = await session.execute(
            select(Account.name, Deal.name, Deal.stage, Deal.amount_minor, Deal.currency)
            .join(Account, Account.id == Deal.account_id)
            .where(Deal.deleted_at.is_(None))
            .order_by(Deal.id)
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


async def test_signed_right_after_closed_is_the_same_win(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "closed Initech for $24k")
    before = await counts(services)

    reply = await chat.say("rita", "Initech signed!")

    assert reply.text == (
        "🎉 Already logged: Initech closed-won for $24,000 on Wed 18 Nov. Nothing new saved."
    )
    assert await counts(services) == before
    assert await deal_rows(services) == [("Initech", None, "won", 2_400_000, "USD")]


async def test_a_new_euro_deal_beside_an_open_dollar_deal(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "new opp Soylent Labs 20k")

    reply = await chat.say("rita", "new deal with Soylent Labs for €15,000")

    assert reply.text == "🆕 New deal: Soylent Labs, €15,000, stage Prospecting."
    assert await deal_rows(services) == [
        ("Soylent Labs", None, "prospecting", 2_000_000, "USD"),
        ("Soylent Labs", None, "prospecting", 1_500_000, "EUR"),
    ]
    # A later amount in euros goes to the euro deal, which keeps its currency.
    edit = await chat.say("rita", "update Soylent Labs amount to €18k")
    assert edit.text == "✏️ Soylent Labs: amount €15,000 → €18,000."
    assert (await deal_rows(services))[1][3:] == (1_800_000, "EUR")


async def test_several_open_deals_ask_which_one(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "new opp Acme 20k")
    await chat.press("rita", ActionId.CHOOSE, _new_deal("Acme", 50_000))
    before = await counts(services)

    asked = await chat.say("rita", "Acme moved to negotiation")

    assert asked.text == "You have 2 open deals with Acme. Which one?"
    assert [b.label for b in asked.buttons] == [
        "Acme — $50,000, Prospecting",
        "Acme — $20,000, Prospecting",
    ]
    assert await counts(services) == before
    moved = await chat.press("rita", ActionId.CHOOSE, asked.buttons[1].value)
    assert moved.text == "➡️ Acme moved from Prospecting to Negotiation."
    assert await deal_rows(services) == [
        ("Acme", None, "negotiation", 2_000_000, "USD"),
        ("Acme", None, "prospecting", 5_000_000, "USD"),
    ]


async def test_a_second_new_deal_is_asked_not_merged(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "new opp Globex 40k")

    asked = await chat.say("rita", "new opp Globex 25k")

    assert asked.text == (
        "You already have 1 open deal with Globex. Update one to $25,000, or open another?"
    )
    assert [b.label for b in asked.buttons] == [
        "Update Globex — $40,000, Prospecting",
        "🆕 Another deal",
    ]
    reply = await chat.press("rita", ActionId.CHOOSE, asked.buttons[1].value)
    assert reply.text == "🆕 New deal: Globex, $25,000, stage Prospecting."
    assert len(await deal_rows(services)) == 2


async def test_a_named_deal_is_told_apart(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "new opp Acme Corp 40k")

    # The deal form takes a name after the account ("Acme renewal"); chat needs the parser
    # to keep it (issue 12), and meanwhile asks which deal with each deal's name on a button.
    reply = await chat.press(
        "rita",
        "submit:log_deal",
        fields={"account": "Acme renewal", "amount": "20000", "stage": "prospecting"},
    )
    asked = await chat.say("rita", "Acme moved to proposal")
    moved = await chat.press("rita", ActionId.CHOOSE, asked.buttons[0].value)

    assert reply.text == "🆕 New deal: Acme Corp renewal, $20,000, stage Prospecting."
    assert [b.label for b in asked.buttons] == [
        "Acme Corp renewal — $20,000, Prospecting",
        "Acme Corp — $40,000, Prospecting",
    ]
    assert moved.text == "➡️ Acme Corp renewal moved from Prospecting to Proposal."
    assert await deal_rows(services) == [
        ("Acme Corp", None, "prospecting", 4_000_000, "USD"),
        ("Acme Corp", "renewal", "proposal", 2_000_000, "USD"),
    ]
    async with services.sessions() as session:
        history = (await session.scalars(select(DealStageChange.to_stage))).all()
    assert history == ["prospecting", "prospecting", "proposal"]


def _new_deal(account: str, amount: int) -> str:
    import json

    slots = {"account": account, "amount": amount, "stage": "prospecting", "deal": "new"}
    return json.dumps({"intent": "log_deal", "slots": slots})


async def test_lost_right_after_won_asks_whether_it_is_the_same_deal(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "closed Globex for $42k")
    before = await counts(services)

    asked = await chat.say("rita", "lost Globex")

    assert asked.text == (
        "You logged Globex — $42,000, Closed-won on Wed 18 Nov. "
        "Mark that deal closed-lost, or log another closed-lost deal?"
    )
    assert await counts(services) == before
    flipped = await chat.press("rita", ActionId.CHOOSE, asked.buttons[0].value)
    assert flipped.text == "Logged Globex as closed-lost. On to the next one."
    assert await deal_rows(services) == [("Globex", None, "lost", 4_200_000, "USD")]
    undone = await chat.say("rita", "undo")
    assert undone.text == "↩️ Undone: Globex deal (Closed-lost)."
    assert await deal_rows(services) == [("Globex", None, "won", 4_200_000, "USD")]

"""Tried as a new rep would: thirty ordinary deal messages on the console leave one account
per company and one deal per opportunity, exactly the table below (issue 11)."""

from __future__ import annotations

from sqlalchemy import select

from bot.services import Services
from core.actions import ActionId
from core.messages import Inbound
from storage.accounts import name_key
from storage.models import Account, Activity, Deal
from tests.support.world import make_world

# Companies already in the workspace, as a CRM import would have them.
KNOWN = ("Initech", "Hooli", "Tyrell Systems", "Soylent Labs")
SESSION = """
new opp Acme Corp 20k closing end of month
new opp Globex 40k
new opp Sable & Co 11k
sent Hooli a proposal for 12k
Globex moved to negotiation
closed Initech for $24k
Initech signed!
new deal with Soylent Labs for €15,000
update Hooli amount to 15k
Globex pushed to Q1
lost Acme to a competitor
3 calls with acme
demo w/ Globex yesterday, 45 min
new opp Stark Logistics 30k
we lost the Stark deal
Sable moved to negotiation
closed Sable for 11k
lost Hooli - went with Salesforce
new opp Tyrell 25k
moved Tyrell to stage 3
closed lost Tyrell
new opp Zenith Labs 18k
Zenith Labs moved to proposal
closed Zenith Labs for $18k
zenith labs signed
2 emails with Zenith
new opp Cyberdyne 35k
cyberdyne moved to negotiation
update cyberdyne amount to 38k
closed Globex for $42k
""".strip().splitlines()
EXPECTED = {
    # account: (stage, amount in minor units, currency, loss reason)
    "Acme Corp": ("lost", 2_000_000, "USD", None),
    "Globex": ("won", 4_200_000, "USD", None),
    "Sable & Co": ("won", 1_100_000, "USD", None),
    "Hooli": ("lost", 1_500_000, "USD", "went with Salesforce"),
    "Initech": ("won", 2_400_000, "USD", None),
    "Soylent Labs": ("prospecting", 1_500_000, "EUR", None),
    "Stark Logistics": ("lost", 3_000_000, "USD", None),
    "Tyrell Systems": ("lost", 2_500_000, "USD", None),
    "Zenith Labs": ("won", 1_800_000, "USD", None),
    "Cyberdyne": ("negotiation", 3_800_000, "USD", None),
}


async def test_thirty_messages_leave_no_duplicate_accounts_or_deals(services: Services) -> None:
    world = await make_world(services)
    async with services.sessions() as session, session.begin():
        session.add_all(
            Account(workspace_id=world.workspace_id, name=n, name_key=name_key(n)) for n in KNOWN
        )
    assert len(SESSION) == 30
    said = []
    for line in SESSION:
        reply = await services.router.handle(Inbound("console", "acme", "rita", text=line))
        asks = [b for b in reply.buttons if b.action_id in (ActionId.CHOOSE, ActionId.CONFIRM)]
        assert reply.ok and not asks, (line, reply.text)
        said.append(reply.text)
    assert said[6] == (
        "🎉 Already logged: Initech closed-won for $24,000 on Wed 18 Nov. Nothing new saved."
    )
    assert said[10] == "Logged Acme Corp as closed-lost. On to the next one."
    assert said[15] == "➡️ Sable & Co moved from Prospecting to Negotiation."
    assert said[21] == "🆕 New deal: Zenith Labs, $18,000, stage Prospecting."

    async with services.sessions() as session:
        accounts = (await session.scalars(select(Account.name))).all()
        deals = (
            await session.execute(
                select(Account.name, Deal.stage, Deal.amount_minor, Deal.currency, Deal.lost_reason)
                .join(Account, Account.id == Deal.account_id)
                .where(Deal.deleted_at.is_(None))
            )
        ).all()
        activity = (
            await session.execute(
                select(Account.name, Activity.kind, Activity.count).join(
                    Account, Account.id == Activity.account_id
                )
            )
        ).all()
    assert sorted(accounts) == sorted(EXPECTED)
    assert len(deals) == len(EXPECTED)
    assert {name: tuple(rest) for name, *rest in deals} == EXPECTED
    assert sorted(tuple(a) for a in activity) == [
        ("Acme Corp", "call", 3),
        ("Globex", "demo", 1),
        ("Zenith Labs", "email", 2),
    ]

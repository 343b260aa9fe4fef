"""Privacy in chat: a person's data as a file, erased after a yes; totals keep their numbers."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import func, select

from bot.services import Services
from core.actions import ActionId
from storage.models import Activity, AuditEntry, Quota, User
from tests.support.dialog import Chat
from tests.support.world import counts, make_world, set_quota

NOV = date(2026, 11, 1)


async def _rita(services: Services, world_user_id: int) -> User:
    async with services.sessions() as session:
        user = await session.get(User, world_user_id)
        assert user is not None
        return user


async def test_my_data_is_everything_about_me_and_nothing_about_others(
    services: Services,
) -> None:
    world = await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "call with Jane Doe at Acme about pricing")
    await chat.say("ron", "2 calls with Globex")
    await chat.say("rita", "closed Initech for $24k")
    await chat.say("mia", "set @rita quota to 50k next month")

    reply = await chat.say("rita", "/quotabot my data")

    assert reply.ok and reply.attachment is not None
    assert reply.attachment.name == "quotabot-my-data-2026-11-18.json"
    data = json.loads(reply.attachment.text)
    assert data["profile"]["name"] == "Rita Rep" and data["profile"]["team"] == "East"
    assert [a["kind"] for a in data["activities"]] == ["call"]
    assert [(d["account"], d["stage"]) for d in data["deals"]] == [("Initech", "won")]
    assert [q["target"] for q in data["quotas"]] == [5_000_000]
    # Mia setting Rita's quota is about Rita; Ron's calls are not.
    assert [e["action"] for e in data["audit_log"]] == ["log_activity", "log_deal", "set_quota"]
    assert "Globex" not in reply.attachment.text
    assert ("Quotas", "1") in [(f.label, f.value) for f in reply.facts]
    assert world.users["rita"] == data["profile"]["id"]


async def test_deleting_my_data_asks_first_and_keeps_the_team_totals(services: Services) -> None:
    world = await make_world(services)
    await set_quota(services, world, "rita", "calls", "month", NOV, 100)
    chat = Chat(services)
    await chat.say("rita", "3 calls with Jane Doe at Acme")
    before = await counts(services)

    asked = await chat.say("rita", "/quotabot delete my data")
    assert "Delete your data?" in asked.text
    assert [b.action_id for b in asked.buttons] == [ActionId.CONFIRM, ActionId.CANCEL]
    assert (await chat.say("rita", "no")).ok
    assert await counts(services) == before
    assert (await _rita(services, world.users["rita"])).name == "Rita Rep"

    await chat.say("rita", "/quotabot delete my data")
    done = await chat.say("rita", "yes")
    assert done.text.startswith("🗑️ Done: your data is erased.")

    rita = await _rita(services, world.users["rita"])
    assert (rita.name, rita.email, rita.role) == (
        f"Former member {rita.id}",
        None,
        "former",
    )
    assert rita.external_id != "rita"
    async with services.sessions() as session:
        calls = (await session.scalars(select(Activity).where(Activity.user_id == rita.id))).all()
        quotas = await session.scalar(select(func.count()).select_from(Quota))
        erased = await session.scalar(
            select(func.count()).where(AuditEntry.action == "privacy.erase")
        )
    assert [(a.count, a.contact, a.notes) for a in calls] == [(3, None, None)]
    assert (quotas, erased) == (0, 1)
    # East still counts her 3 calls; the board and the team list no longer name her.
    team = await chat.say("mia", "/team")
    assert "Rita" not in team.text + str(team.table)
    board = await chat.say("ron", "/leaderboard calls")
    assert "Rita" not in str(board.table)

    # Writing again, she is met as someone new.
    await chat.say("rita", "hi")
    async with services.sessions() as session:
        again = await session.scalar(select(User).where(User.external_id == "rita"))
    assert again is not None and again.id != rita.id and again.role == "rep"


async def test_the_pressed_yes_erases_and_the_last_admin_cannot(services: Services) -> None:
    world = await make_world(services)
    chat = Chat(services)
    await chat.say("ron", "/quotabot delete my data")
    assert (await chat.press("ron", ActionId.CONFIRM)).ok
    assert (await _rita(services, world.users["ron"])).role == "former"

    before = await counts(services)
    reply = await chat.say("ada", "/quotabot delete my data")
    assert (reply.text, reply.ok) == (
        "You're the last admin here; make someone else admin first.",
        False,
    )
    assert await counts(services) == before

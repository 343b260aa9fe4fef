"""Teams and roles in chat, per role; names mean who they say; nothing is half-saved."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from bot.services import Services
from core.actions import ActionId
from storage.models import AuditEntry, Quota, Team, User
from tests.support.dialog import Chat
from tests.support.world import World, counts, make_world


async def _user(services: Services, login: str) -> User:
    async with services.sessions() as session:
        user = await session.scalar(select(User).where(User.external_id == login))
        assert user is not None
        return user


async def _team(services: Services, name: str) -> Team | None:
    async with services.sessions() as session:
        return await session.scalar(select(Team).where(Team.name == name))


async def _add(services: Services, world: World, login: str, name: str, team: int | None) -> None:
    async with services.sessions() as session, session.begin():
        session.add(
            User(workspace_id=world.workspace_id, external_id=login, name=name, team_id=team)
        )


async def _audits(services: Services, action: str) -> int:
    async with services.sessions() as session:
        n = await session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == action)
        )
        return int(n or 0)


async def test_an_admin_builds_a_team_in_chat(services: Services) -> None:
    world = await make_world(services)
    await _add(services, world, "dev", "Dev Patel", None)
    await _add(services, world, "emma", "Emma Stone", None)
    chat = Chat(services)

    reply = await chat.say("ada", "/quotabot team create South")
    assert reply.text.startswith("👥 Team South is ready.")
    reply = await chat.say("ada", "/quotabot team South add @dev, Emma Stone")
    assert reply.text == "➕ Added to South: Dev Patel, Emma Stone."
    reply = await chat.say("ada", "/quotabot team South manager @rita")
    assert reply.text == "🧭 Rita Rep manages South (now a manager)."

    south = await _team(services, "South")
    assert south is not None and south.manager_id == (await _user(services, "rita")).id
    for login in ("dev", "emma", "rita"):
        assert (await _user(services, login)).team_id == south.id
    assert (await _user(services, "rita")).role == "manager"
    assert [await _audits(services, a) for a in ("team.create", "team.add", "team.manager")] == [
        1,
        1,
        1,
    ]


async def test_a_manager_adds_a_newcomer_to_their_own_team_only(services: Services) -> None:
    world = await make_world(services)
    await _add(services, world, "dev", "Dev Patel", None)
    chat = Chat(services)

    assert (await chat.say("mia", "/quotabot team East add @dev")).ok
    assert (await _user(services, "dev")).team_id == world.east

    before = await counts(services)
    reply = await chat.say("mia", "/quotabot team East add @wes")  # Wes is on West
    assert reply.text == "Wes Rep is on another team; an admin can move them to East."
    assert (await _user(services, "wes")).team_id == world.west
    reply = await chat.say("walt", "/quotabot team East remove @dev")
    assert (
        reply.text == "You can change who is on a team for your own team only, not for team East."
    )
    assert (await _user(services, "dev")).team_id == world.east
    assert await counts(services) == before


async def test_reps_cannot_manage_people(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    before = await counts(services)
    for text, refused in (
        ("/quotabot team East add @wes", "Only managers and admins can change who is on a team."),
        ("/quotabot role @rita admin", "Only a workspace admin can change that."),
        ("/quotabot team create Rogue", "Only a workspace admin can change that."),
    ):
        reply = await chat.say("rita", text)
        assert (reply.text, reply.ok) == (refused, False)
    assert (await _user(services, "rita")).role == "rep"
    assert await _team(services, "Rogue") is None
    assert await counts(services) == before


async def test_roles_change_but_never_the_last_admin(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    reply = await chat.say("ada", "/quotabot role @ada rep")
    assert reply.text == "Ada Admin is the last admin; make someone else admin first."
    assert (await _user(services, "ada")).role == "admin"

    assert (await chat.say("ada", "/quotabot role Rita Rep admin")).text == (
        "🔑 Rita Rep is now an admin (was a rep)."
    )
    assert (await chat.say("ada", "/quotabot role @ada rep")).ok
    assert [(await _user(services, u)).role for u in ("ada", "rita")] == ["rep", "admin"]
    assert (await chat.say("mia", "/quotabot role @wes manager")).text == (
        "Only a workspace admin can change that."
    )
    assert await _audits(services, "role.set") == 2


async def test_people_lists_the_managers_team_or_everyone_for_an_admin(
    services: Services,
) -> None:
    await make_world(services)
    chat = Chat(services)
    mine = await chat.say("mia", "/quotabot people")
    assert mine.table is not None
    assert sorted(r[0] for r in mine.table.rows) == ["Mia Manager", "Rita Rep", "Ron Rep"]
    everyone = await chat.say("ada", "/quotabot people")
    assert everyone.table is not None and len(everyone.table.rows) == 6
    assert not (await chat.say("rita", "/quotabot people")).ok


async def test_bad_names_write_nothing(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    before = await counts(services)
    for text in (
        "/quotabot team East add @ghost",
        "/quotabot team Nowhere add @rita",
        "/quotabot team create <!channel>",
        "/quotabot team East add <!channel>",
        "/quotabot role @rita overlord",
    ):
        reply = await chat.say("ada", text)
        assert not reply.ok or "overlord" in text, text
        assert "<!channel>" not in reply.text
    assert (await _user(services, "rita")).team_id is not None
    assert await counts(services) == before


async def _ben_quota(services: Services, login: str) -> list[int]:
    ben = await _user(services, login)
    async with services.sessions() as session:
        rows = await session.scalars(select(Quota.target).where(Quota.subject == f"user:{ben.id}"))
        return list(rows.all())


async def test_every_way_a_manager_names_ben_sets_bens_quota(services: Services) -> None:
    world = await make_world(services)
    await _add(services, world, "ben", "Ben Carter", world.east)
    chat = Chat(services)
    for n, who in enumerate(("@ben", "Ben Carter", "ben", "<@ben>"), start=1):
        reply = await chat.say("mia", f"set {who} quota to {n}0k next month")
        assert reply.ok, reply.text
        assert await _ben_quota(services, "ben") == [n * 1_000_000]
    mia = await _user(services, "mia")
    async with services.sessions() as session:
        own = await session.scalar(
            select(func.count()).select_from(Quota).where(Quota.subject == f"user:{mia.id}")
        )
    assert own == 0  # never the manager's own quota


async def test_two_bens_are_a_question_with_a_button_each(services: Services) -> None:
    world = await make_world(services)
    await _add(services, world, "ben1", "Ben Carter", world.east)
    await _add(services, world, "ben2", "Ben Stone", world.east)
    chat = Chat(services)
    before = await counts(services)

    reply = await chat.say("mia", "set ben quota to 50k next month")
    assert [b.label for b in reply.buttons] == ["Ben Carter (East)", "Ben Stone (East)"]
    assert await counts(services) == before

    stone = reply.buttons[1]
    assert stone.action_id == ActionId.CHOOSE
    done = await chat.press("mia", stone.action_id, stone.value)
    assert done.ok, done.text
    assert await _ben_quota(services, "ben2") == [5_000_000]
    assert await _ben_quota(services, "ben1") == []


async def test_a_forged_choice_still_meets_the_policy(services: Services) -> None:
    world = await make_world(services)
    await _add(services, world, "ben", "Ben Carter", world.west)
    chat = Chat(services)
    forged = json.dumps(
        {
            "intent": "set_quota",
            "slots": {
                "subject": "<@ben>",
                "metric": "revenue",
                "target": 1,
                "period": "next_month",
            },
        }
    )
    reply = await chat.press("rita", ActionId.CHOOSE, forged)
    assert not reply.ok and await _ben_quota(services, "ben") == []
    assert not (await chat.press("mia", ActionId.CHOOSE, "{not json")).ok


async def test_a_rep_asks_quota_after_a_new_floor_is_set_up_in_chat(services: Services) -> None:
    world = await make_world(services)
    await _add(services, world, "kai", "Kai Lee", None)
    chat = Chat(services)
    assert (await chat.say("ada", "/quotabot team create North")).ok
    assert (await chat.say("ada", "/quotabot team North add @kai")).ok
    assert (await chat.say("ada", "/quotabot team North manager @walt")).ok
    assert (await chat.say("walt", "set @kai quota to 30k this month")).ok
    reply = await chat.say("kai", "/quota")
    assert reply.text.startswith("You're at 0% of $30,000 for November 2026")


async def test_free_text_people_commands(services: Services) -> None:
    world = await make_world(services)
    await _add(services, world, "dev", "Dev Patel", None)
    chat = Chat(services)
    assert (await chat.say("ada", "add Dev to team East")).text == "➕ Added to East: Dev Patel."
    assert (await _user(services, "dev")).team_id == world.east
    assert (await chat.say("ada", "make Dev an admin")).ok
    assert (await _user(services, "dev")).role == "admin"
    logged = await chat.say("rita", "add 3 calls to Acme")  # a log, not a people command
    assert "3 calls" in logged.text or "call" in logged.text

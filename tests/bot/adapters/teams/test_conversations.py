"""Reps talk to QuotaBot in Teams: personal chat, channel mentions, installs."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import Activity, User
from tests.bot.adapters.teams.conftest import BOT_TOKEN
from tests.bot.adapters.teams.harness import TeamsTenant
from tests.bot.adapters.teams.tokens import TENANT

DANA = "0d1c7a52-9b3e-4c8f-a2d6-5e4f3b2a1c90"
SAM = "7a2e4c91-3f5b-4d68-b0a7-1c9e8d6f4b23"
DANA_CHAT = "a:1Xo7pYdQh4cRk2mQZtW9vJ0FqH3nLx8bE5sA6yU1iO2gP4rT7eK9wM0dN3fB5hC8jV6zX1qS"
SALES_CHANNEL = "19:4bd3f2a1c0e94f8d9a7b6c5d4e3f2a10@thread.tacv2"
SALES_THREAD = SALES_CHANNEL + ";messageid=1763478131440"
TEAM_GENERAL = "19:8c7b6a5d4e3f2a1b0c9d8e7f6a5b4c3d@thread.tacv2"


def texts(card: dict) -> str:
    """Every TextBlock and fact in a card, one per line, for reading like a conversation."""
    out: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("type") == "TextBlock":
                out.append(node["text"])
            if node.get("type") == "FactSet":
                out.extend(f"{f['title']}: {f['value']}" for f in node["facts"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(card)
    return "\n".join(out)


async def test_a_rep_logs_calls_in_a_personal_chat(teams: TeamsTenant) -> None:
    response = await teams.post(teams.activity("personal_message"))

    assert response.status_code == 200
    [sent] = teams.connector.activities(DANA_CHAT)
    assert sent.headers["Authorization"] == f"Bearer {BOT_TOKEN}"
    [card] = teams.connector.cards(DANA_CHAT)
    assert "Logged 3 calls with Acme" in texts(card)
    buttons = {a["title"]: a for a in card["actions"]}
    assert buttons["Undo"]["type"] == "Action.Execute"
    assert buttons["Undo"]["data"]["action_id"] == "undo"


async def test_the_rep_is_known_by_entra_id_with_name_and_time_zone(teams: TeamsTenant) -> None:
    await teams.post(teams.activity("personal_message"))

    async with teams.services.sessions() as session:
        dana = await session.scalar(select(User).where(User.external_id == DANA))
    assert dana is not None
    assert (dana.name, dana.tz) == ("Dana Reyes", "Europe/Berlin")


async def test_a_personal_chat_is_remembered_for_nudges(teams: TeamsTenant) -> None:
    await teams.post(teams.activity("personal_message"))

    [ref] = await teams.refs()
    assert (ref.kind, ref.key, ref.conversation_id) == ("user", DANA, DANA_CHAT)
    assert ref.service_url == teams.connector.url


async def test_a_channel_mention_is_read_without_the_mention(teams: TeamsTenant) -> None:
    response = await teams.post(teams.activity("channel_mention"))

    assert response.status_code == 200
    async with teams.services.sessions() as session:
        logged = (await session.scalars(select(Activity))).all()
    assert [(a.kind, a.count) for a in logged] == [("demo", 2)]


async def test_personal_numbers_asked_in_a_channel_go_to_a_private_chat(
    teams: TeamsTenant,
) -> None:
    await teams.post(teams.activity("channel_mention"))

    [opened] = [c for c in teams.connector.calls if c.path == "/teams/v3/conversations"]
    assert opened.body["tenantId"] == TENANT
    [private] = teams.connector.cards("a:private-1")
    assert "Logged 2 demos with Initech" in texts(private)
    [note] = teams.connector.activities(SALES_THREAD)
    assert "1:1 chat" in note.body["text"]


async def test_a_channel_is_remembered_by_its_id_not_the_thread(teams: TeamsTenant) -> None:
    await teams.post(teams.activity("channel_mention"))

    refs = {(r.kind, r.key): r.conversation_id for r in await teams.refs()}
    assert refs[("channel", SALES_CHANNEL)] == SALES_CHANNEL
    assert refs[("user", SAM)] == "a:private-1"


async def test_installing_in_a_personal_chat_says_hello(teams: TeamsTenant) -> None:
    response = await teams.post(teams.activity("install_personal"))

    assert response.status_code == 200
    [card] = teams.connector.cards(DANA_CHAT)
    assert "QuotaBot help" in texts(card)
    assert [(r.kind, r.key) for r in await teams.refs()] == [("user", DANA)]


async def test_installing_in_a_team_greets_the_channel(teams: TeamsTenant) -> None:
    await teams.post(teams.activity("install_team"))

    [card] = teams.connector.cards(TEAM_GENERAL)
    assert "QuotaBot help" in texts(card)
    assert [(r.kind, r.key) for r in await teams.refs()] == [("channel", TEAM_GENERAL)]


async def test_a_redelivered_message_is_answered_once(teams: TeamsTenant) -> None:
    message = teams.activity("personal_message")
    await teams.post(message)
    await teams.post(message)

    assert len(teams.connector.activities(DANA_CHAT)) == 1
    async with teams.services.sessions() as session:
        logged = (await session.scalars(select(Activity))).all()
    assert sum(a.count for a in logged) == 3


async def test_activities_the_bot_does_not_answer_are_acknowledged(teams: TeamsTenant) -> None:
    typing = teams.activity("personal_message", type="typing", text=None)
    response = await teams.post(typing)

    assert response.status_code == 200
    assert teams.connector.activities() == []


async def test_the_install_notice_that_follows_does_not_greet_twice(teams: TeamsTenant) -> None:
    install = teams.activity("install_personal")
    notice = {**install, "type": "installationUpdate", "action": "add", "id": "f:notice-1"}
    notice.pop("membersAdded")

    await teams.post(install)
    await teams.post(notice)
    await teams.post(install)  # Teams redelivering the conversationUpdate

    assert len(teams.connector.cards(DANA_CHAT)) == 1


async def test_removing_the_bot_forgets_where_to_reach_that_person(teams: TeamsTenant) -> None:
    install = teams.activity("install_personal")
    await teams.post(install)
    removal = {**install, "id": "f:removed-1", "membersRemoved": install["membersAdded"]}
    removal.pop("membersAdded")

    await teams.post(removal)

    assert await teams.refs() == []

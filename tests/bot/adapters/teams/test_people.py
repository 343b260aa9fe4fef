"""People in Teams: an <at>mention</at> means that person; the zone follows clientInfo."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select

from bot.app import build_services
from bot.services import Services
from storage.models import Quota, User
from tests.bot.adapters.teams.harness import TeamsTenant
from tests.bot.adapters.teams.test_conversations import DANA_CHAT
from tests.bot.adapters.teams.tokens import APP_ID, TENANT
from tests.conftest import make_settings
from tests.support.clock import FakeClock

DANA = "0d1c7a52-9b3e-4c8f-a2d6-5e4f3b2a1c90"
DANA_ACCOUNT = (
    "29:1GcS4EyB_oSI8A88XmWBN7NJFyMqe3QGnJdgLfFGkJnVelzRGos0bPbpsfJjcbAD22bmKc4GMbrY2g4JDrrA8vM06"
    "X1-cHHle4zOE6U4ttcc"
)
SAM = "7a2e4c91-3f5b-4d68-b0a7-1c9e8d6f4b23"
BEN = "5c0e2b7a-8d41-4f9e-b3a6-2d7c1e9f0a48"
BEN_ACCOUNT = "29:1Bk8Rq2xZ_vT5nW0pL3mJ7hY9cF4dG6sA1eQ8uI2oK5tR7wE3yU0iP9aS6dF2gH4jK"


@pytest.fixture
async def teams_services(db_url: str, clock: FakeClock) -> AsyncIterator[Services]:
    """The tenant as the conftest builds it, with Dana named in QUOTABOT_ADMINS."""
    settings = make_settings(
        db_url,
        teams_client_id=APP_ID,
        teams_client_secret="test-secret",
        teams_tenant_id=TENANT,
        admins=DANA,
    )
    services = build_services(settings, clock=clock, auto_migrate=False)
    try:
        yield services
    finally:
        await services.engine.dispose()


def _client_info(zone: str) -> dict[str, str]:
    return {"type": "clientInfo", "locale": "en-US", "platform": "Web", "timezone": zone}


async def _people(teams: TeamsTenant) -> dict[str, User]:
    async with teams.services.sessions() as session:
        return {u.external_id: u for u in await session.scalars(select(User))}


async def _say_as_ben(teams: TeamsTenant, text: str) -> None:
    """Ben writes to the bot in his own 1:1 chat."""
    message = teams.activity("personal_message", text=text, id="1763478009001")
    message["from"] = {"id": BEN_ACCOUNT, "name": "Ben Carter", "aadObjectId": BEN}
    message["conversation"]["id"] = "a:ben-chat"
    await teams.post(message)


async def test_the_zone_follows_the_client_when_it_changes(teams: TeamsTenant) -> None:
    await teams.post(teams.activity("personal_message", entities=[_client_info("Europe/Berlin")]))
    assert (await _people(teams))[DANA].tz == "Europe/Berlin"
    travelling = teams.activity(
        "personal_message", text="/quota", id="2", entities=[_client_info("America/New_York")]
    )
    await teams.post(travelling)
    assert (await _people(teams))[DANA].tz == "America/New_York"


async def test_a_manager_sets_bens_quota_by_mentioning_him_in_a_channel(
    teams: TeamsTenant,
) -> None:
    await _say_as_ben(teams, "hi")
    text = "<at>QuotaBot</at> set <at>Ben Carter</at> quota to 50k next month"
    mention = teams.activity("channel_mention", text=text, id="1763478131999")
    mention["from"] = {"id": DANA_ACCOUNT, "name": "Dana Reyes", "aadObjectId": DANA}
    mention["entities"].append(
        {
            "type": "mention",
            "text": "<at>Ben Carter</at>",
            "mentioned": {"id": BEN_ACCOUNT, "name": "Ben Carter"},
        }
    )
    await teams.post(mention)

    people = await _people(teams)
    async with teams.services.sessions() as session:
        quotas = [(q.user_id, q.target) for q in await session.scalars(select(Quota))]
    assert quotas == [(people[BEN].id, 5_000_000)]


async def test_an_admin_gets_the_admin_menu_as_a_card(teams: TeamsTenant) -> None:
    ask = teams.activity("personal_message", text="/quotabot admin")
    await teams.post(ask)

    [card] = teams.connector.cards(DANA_CHAT)
    actions = {a["title"]: a for a in card["actions"]}
    assert list(actions) == ["People and teams", "Audit log", "Settings"]
    assert actions["Audit log"]["type"] == "Action.Execute"
    assert actions["Audit log"]["verb"] == "choose"

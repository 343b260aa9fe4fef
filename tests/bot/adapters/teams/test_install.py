"""Adding the app in Teams: the installer is met by name and zone, and the first one runs it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web
from sqlalchemy import select

from storage.models import User
from tests.bot.adapters.teams.fake_connector import FakeConnector
from tests.bot.adapters.teams.harness import TeamsTenant
from tests.bot.adapters.teams.tokens import SigningKey

DANA = "0d1c7a52-9b3e-4c8f-a2d6-5e4f3b2a1c90"
DANA_ACCOUNT = (
    "29:1GcS4EyB_oSI8A88XmWBN7NJFyMqe3QGnJdgLfFGkJnVelzRGos0bPbpsfJjcbAD22bmKc4GMbrY2g4JDrrA8vM06"
    "X1-cHHle4zOE6U4ttcc"
)
SAM = "7a2e4c91-3f5b-4d68-b0a7-1c9e8d6f4b23"


class Directory(FakeConnector):
    """The connector with a member directory: GET .../members/{id} answers for known people."""

    def __init__(self) -> None:
        super().__init__()
        self.people: dict[str, dict[str, Any]] = {}

    async def _member(self, request: web.Request) -> web.Response:
        person = self.people.get(request.match_info["member"])
        if person is None:
            return await super()._member(request)
        return web.json_response(person)


@pytest.fixture
async def connector(signing_key: SigningKey) -> AsyncIterator[Directory]:
    fake = Directory()
    fake.people[DANA_ACCOUNT] = {
        "id": DANA_ACCOUNT,
        "name": "Dana Reyes",
        "aadObjectId": DANA,
        "email": "dana.reyes@contoso.example",
        "userPrincipalName": "dana.reyes@contoso.example",
    }
    fake.jwks = {"keys": [signing_key.jwk()]}
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


def _client_info(zone: str) -> dict[str, str]:
    return {"type": "clientInfo", "locale": "en-US", "platform": "Web", "timezone": zone}


async def _people(teams: TeamsTenant) -> dict[str, User]:
    async with teams.services.sessions() as session:
        return {u.external_id: u for u in await session.scalars(select(User))}


async def test_the_installer_is_met_with_name_zone_and_admin_role(teams: TeamsTenant) -> None:
    install = teams.activity("install_personal", entities=[_client_info("Europe/Berlin")])
    await teams.post(install)

    dana = (await _people(teams))[DANA]
    assert (dana.name, dana.email) == ("Dana Reyes", "dana.reyes@contoso.example")
    assert (dana.tz, dana.role) == ("Europe/Berlin", "admin")

    # Her next message comes from a laptop in New York: the zone follows the client.
    moved = teams.activity("personal_message", entities=[_client_info("America/New_York")])
    await teams.post(moved)
    assert (await _people(teams))[DANA].tz == "America/New_York"

    # Someone adding the app later is a rep until an admin says otherwise.
    await teams.post(teams.activity("install_team"))
    sam = (await _people(teams))[SAM]
    assert (sam.role, sam.name) == ("rep", SAM)  # the member API did not know Sam

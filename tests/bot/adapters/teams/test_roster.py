"""A QuotaBot team that follows a Teams team's roster (the connector's members API)."""

from __future__ import annotations

from sqlalchemy import select

from bot.adapters.teams.connector import Connector
from bot.adapters.teams.inbound import mention_key
from bot.adapters.teams.roster import roster
from bot.app import make_tick
from storage.models import Team, User
from tests.bot.adapters.teams.conftest import StubTokenProvider
from tests.bot.adapters.teams.harness import TeamsTenant
from tests.bot.adapters.teams.test_scheduled import FOUR_PM_UTC

SAM = "7a2e4c91-3f5b-4d68-b0a7-1c9e8d6f4b23"
TEAM_ID = "19:8c7b6a5d4e3f2a1b0c9d8e7f6a5b4c3d@thread.tacv2"
LENA_ACCOUNT = "29:1LenaXyZ_account"


async def _say_in_general(teams: TeamsTenant, text: str, n: int) -> str:
    """Sam writes in the Teams team's General channel (its id is the team's) and is answered."""
    message = teams.activity("channel_mention", text=f"<at>QuotaBot</at> {text}", id=f"17634{n}")
    message["conversation"]["id"] = f"{TEAM_ID};messageid=17634{n}"
    message["channelData"]["channel"] = {"id": TEAM_ID}
    message["channelData"]["teamsChannelId"] = TEAM_ID
    before = len(teams.connector.activities())
    await teams.post(message)
    # A private answer goes to Sam's 1:1 chat; the channel is told so.
    texts = [str(c.body.get("text", "")) for c in teams.connector.activities()[before:]]
    return next(t for t in texts if not t.startswith("I sent you the details"))


async def _west(teams: TeamsTenant) -> tuple[Team, dict[str, User]]:
    async with teams.services.sessions() as session:
        team = await session.scalar(select(Team).where(Team.name == "West"))
        assert team is not None
        users = {u.external_id: u for u in await session.scalars(select(User))}
        return team, users


async def test_a_team_follows_the_teams_roster_it_was_asked_in(teams: TeamsTenant) -> None:
    await teams.post(teams.activity("install_team"))  # Sam adds the app: he runs QuotaBot
    assert (await _say_in_general(teams, "/quotabot team create West", 1)).startswith("👥")
    reply = await _say_in_general(teams, "/quotabot team West sync roster", 2)
    assert reply.startswith("🔄 West now follows its Teams team's roster")
    team, _ = await _west(teams)
    assert team.sync_source == f"roster:{TEAM_ID}"

    teams.connector.rosters[TEAM_ID] = [
        {"id": "29:sam", "name": "Sam Patel", "aadObjectId": SAM},
        {
            "id": LENA_ACCOUNT,
            "name": "Lena Ruiz",
            "aadObjectId": "lena-oid",
            "email": "lena@contoso.example",
        },
        {"id": "28:some-other-bot", "name": "Polly"},  # a bot: no Entra id
    ]
    connector = Connector(StubTokenProvider())
    directory = roster(teams.services, connector)
    assert directory is not None
    tick = make_tick(teams.services, directories={"teams": directory})
    [result] = (await tick(FOUR_PM_UTC)).synced
    assert result.error is None and len(result.created) == 1 and len(result.added) == 1

    team, users = await _west(teams)
    lena = users["lena-oid"]
    assert (lena.name, lena.role, lena.team_id, lena.email) == (
        "Lena Ruiz",
        "rep",
        team.id,
        "lena@contoso.example",
    )
    assert lena.mention_id == mention_key(LENA_ACCOUNT)
    assert (users[SAM].role, users[SAM].team_id) == ("admin", team.id)
    assert len(users) == 2
    await connector.aclose()


async def test_in_teams_a_channel_name_is_not_a_source(teams: TeamsTenant) -> None:
    await teams.post(teams.activity("install_team"))
    await _say_in_general(teams, "/quotabot team create West", 1)
    reply = await _say_in_general(teams, "/quotabot team West sync #sales-west", 2)
    assert reply.startswith("In Teams a team follows a Teams team's roster")
    team, _ = await _west(teams)
    assert team.sync_source is None

"""Who is in a Teams team, for a QuotaBot team that follows its roster (scheduler/sync.py).

The roster is GET {serviceUrl}/v3/conversations/{conversation}/members for a channel of
that team (a standard channel lists the whole team), through the bot's connector; the
serviceUrl is the one stored when the channel last talked to the bot (refs.py).
"""

from __future__ import annotations

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.adapters.teams import refs
from bot.adapters.teams.connector import Connector, default_token_provider
from bot.adapters.teams.inbound import mention_key
from bot.services import Services
from scheduler.sync import DirectoryError, Member

PREFIX = "roster:"


class TeamsRoster:
    """The scheduler's Directory for Teams tenants; sources are "roster:<channel id>"."""

    platform = "teams"

    def __init__(self, sessions: async_sessionmaker[AsyncSession], connector: Connector) -> None:
        self.sessions = sessions
        self.connector = connector

    async def members(self, workspace: str, source: str) -> list[Member]:
        if not source.startswith(PREFIX):
            raise DirectoryError(f"not a Teams source: {source}")
        channel = source.removeprefix(PREFIX)
        target = await refs.lookup(self.sessions, workspace, "channel", channel)
        if target is None:
            raise DirectoryError("QuotaBot is no longer in that team")
        try:
            api = self.connector.api(target.service_url).conversations
            accounts = await api.get_members(target.conversation_id)
        except (httpx.HTTPError, ValueError) as exc:
            raise DirectoryError(f"Teams roster unavailable: {exc}") from exc
        people = []
        for account in accounts:
            if not account.aad_object_id:
                continue  # bots have no Entra id; people always do
            people.append(
                Member(
                    external_id=account.aad_object_id,
                    name=account.name or account.given_name or account.aad_object_id,
                    email=account.email or account.user_principal_name,
                    mention_id=mention_key(account.id),
                )
            )
        return people


def roster(services: Services, connector: Connector | None = None) -> TeamsRoster | None:
    """Roster reads need a bot token, so only with CLIENT_ID and CLIENT_SECRET (or a test's)."""
    settings = services.settings
    if connector is None:
        if not (settings.teams_client_id and settings.teams_client_secret):
            return None
        connector = Connector(default_token_provider(settings))
    return TeamsRoster(services.sessions, connector)

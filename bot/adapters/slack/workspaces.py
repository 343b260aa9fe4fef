"""A Web API client per Slack workspace: the one configured bot token, or its installation's."""

from __future__ import annotations

from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack.client import web_client
from bot.adapters.slack.installations import SqlInstallationStore
from bot.config import Settings


class Clients:
    """Workers answer outside Bolt's request, so they look the workspace's token up here."""

    def __init__(
        self,
        settings: Settings,
        *,
        single: AsyncWebClient | None = None,
        store: SqlInstallationStore | None = None,
    ) -> None:
        self.settings = settings
        self.single = single
        self.store = store
        self._by_token: dict[str, AsyncWebClient] = {}

    async def get(self, team: str) -> AsyncWebClient | None:
        """None when the app is not installed there (any more)."""
        if self.store is None:
            return self.single
        bot = await self.store.async_find_bot(enterprise_id=None, team_id=team)
        if bot is None or not bot.bot_token:
            return None
        client = self._by_token.get(bot.bot_token)
        if client is None:
            client = web_client(self.settings, bot.bot_token)
            self._by_token[bot.bot_token] = client
        return client

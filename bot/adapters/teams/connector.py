"""Outbound: a Reply as a Teams message, sent to a conversation through the SDK's ApiClient."""

from __future__ import annotations

import warnings

import httpx
from microsoft_teams.api import ApiClient, TokenProviderProtocol
from microsoft_teams.api.activities.message.message import MessageActivityInput
from microsoft_teams.common import Client, ClientOptions

from bot import metrics
from bot.adapters.teams.cards import markdown, render_card
from bot.adapters.teams.outbound_auth import ClientCredentials
from bot.config import Settings
from core.messages import Reply


def message_for(reply: Reply) -> MessageActivityInput:
    """Plain text when the reply is only text, else one Adaptive Card (text as its fallback)."""
    plain = not (
        reply.title
        or reply.facts
        or reply.table
        or reply.bars
        or reply.buttons
        or reply.form
        or reply.notes
    )
    if plain:
        return MessageActivityInput(text=markdown(reply.text), text_format="markdown")
    return MessageActivityInput().add_card(render_card(reply))


class Connector:
    """Posts activities to `serviceUrl/v3/conversations/{id}/activities` with a bot token.

    The token provider is injected: production uses client credentials at the configured
    authority (outbound_auth.py); tests pass a stub or a local identity provider.
    """

    def __init__(
        self, token_provider: TokenProviderProtocol | None = None, *, timeout: float = 15.0
    ) -> None:
        self.token_provider = token_provider
        # One HTTP connection pool shared by every per-serviceUrl client.
        self._http = Client(ClientOptions(timeout=timeout))
        self._clients: dict[str, ApiClient] = {}

    def api(self, service_url: str) -> ApiClient:
        key = service_url.rstrip("/")
        client = self._clients.get(key)
        if client is None:
            http = self._http.clone(share_http=True)
            with warnings.catch_warnings():
                # ApiClient builds its deprecated BotClient itself; nothing we can change.
                warnings.simplefilter("ignore", DeprecationWarning)
                client = ApiClient(key, http, token_provider=self.token_provider)
            self._clients[key] = client
        return client

    async def send(
        self,
        service_url: str,
        conversation_id: str,
        message: MessageActivityInput,
        reply_to: str | None = None,
    ) -> str:
        """The new activity's id; raises httpx.HTTPStatusError on a non-2xx answer."""
        conversations = self.api(service_url).conversations
        try:
            if reply_to:
                sent = await conversations.reply_to_activity(conversation_id, reply_to, message)
            else:
                sent = await conversations.create_activity(conversation_id, message)
        except httpx.HTTPStatusError as exc:
            status = exc.response.status_code
            if status == 429:
                metrics.rate_limited("teams")
            metrics.platform_error("teams", f"HTTP {status}")
            raise
        except httpx.HTTPError as exc:
            metrics.platform_error("teams", type(exc).__name__)
            raise
        return sent.id

    async def aclose(self) -> None:
        await self._http.http.aclose()


def default_token_provider(settings: Settings) -> TokenProviderProtocol | None:
    """Client-credentials tokens from QUOTABOT_TEAMS_AUTHORITY_URL, or None without a secret."""
    if not (settings.teams_client_id and settings.teams_client_secret):
        return None
    return ClientCredentials(
        settings.teams_client_id,
        settings.teams_client_secret.get_secret_value(),
        tenant_id=settings.teams_tenant_id,
        authority=settings.teams_authority_url,
    )

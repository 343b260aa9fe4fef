"""Who is in a Slack channel or user group, for teams that follow one (scheduler/sync.py).

conversations.members (channels:read / groups:read) or usergroups.users.list
(usergroups:read) give the ids; a name written as "#sales-west" or "@sales" is found with
conversations.list or usergroups.list first; users.info names each person and leaves out
bots and deactivated accounts. Runs once a day per team, so 429s are waited out.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack.client import api_error, web_client
from bot.adapters.slack.installations import SqlInstallationStore
from bot.adapters.slack.people import best_name
from bot.config import Settings
from scheduler.sync import DirectoryError, Member

PAGE = 200


class SlackDirectory:
    """The scheduler's Directory for Slack workspaces; `token_for` finds a workspace's token."""

    platform = "slack"

    def __init__(
        self, settings: Settings, token_for: Callable[[str], Awaitable[str | None]]
    ) -> None:
        self.settings = settings
        self.token_for = token_for

    async def _client(self, workspace: str) -> AsyncWebClient:
        token = await self.token_for(workspace)
        if token is None:
            raise DirectoryError("app not installed in workspace")
        return web_client(self.settings, token)

    async def members(self, workspace: str, source: str) -> list[Member]:
        kind, _, ref = source.partition(":")
        client = await self._client(workspace)
        try:
            if kind == "channel":
                ids = await _channel_members(client, ref)
            elif kind == "usergroup":
                ids = await _group_members(client, ref)
            else:
                raise DirectoryError(f"not a Slack source: {source}")
            people = [await _person(client, user) for user in ids]
        except SlackApiError as exc:
            raise DirectoryError(api_error(exc)) from exc
        return [p for p in people if p is not None]


async def _pages(call: Any, key: str, **params: Any) -> list[dict[str, Any]] | list[str]:
    """Every item of a cursor-paginated Slack list."""
    items: list[Any] = []
    cursor = None
    while True:
        response = await call(**params, limit=PAGE, **({"cursor": cursor} if cursor else {}))
        items.extend(response.get(key) or [])
        cursor = (response.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            return items


async def _channel_members(client: AsyncWebClient, ref: str) -> list[str]:
    channel = ref
    if ref.startswith("#"):
        channels = await _pages(
            client.conversations_list,
            "channels",
            types="public_channel,private_channel",
            exclude_archived=True,
        )
        found = [c for c in channels if isinstance(c, dict) and c.get("name") == ref[1:]]
        if not found:
            raise DirectoryError(f"no channel {ref} (for a private one, invite QuotaBot)")
        channel = str(found[0]["id"])
    return [str(u) for u in await _pages(client.conversations_members, "members", channel=channel)]


async def _group_members(client: AsyncWebClient, ref: str) -> list[str]:
    group = ref
    if ref.startswith("@"):
        groups = (await client.usergroups_list()).get("usergroups") or []
        found = [g for g in groups if str(g.get("handle", "")).lower() == ref[1:]]
        if not found:
            raise DirectoryError(f"no user group {ref}")
        group = str(found[0]["id"])
    response = await client.usergroups_users_list(usergroup=group)
    return [str(u) for u in response.get("users") or []]


async def _person(client: AsyncWebClient, user: str) -> Member | None:
    """A person as users.info describes them; None for bots and deactivated accounts."""
    info = (await client.users_info(user=user)).get("user") or {}
    if info.get("is_bot") or info.get("deleted") or user == "USLACKBOT":
        return None
    profile = info.get("profile") or {}
    name = best_name(info) or user
    return Member(user, name, profile.get("email") or None, info.get("tz") or None)


def directory(settings: Settings, store: SqlInstallationStore | None) -> SlackDirectory:
    """With a store (multi-workspace OAuth) each workspace's own token; else the one bot token."""
    if store is not None:
        found = store

        async def installed(workspace: str) -> str | None:
            bot = await found.async_find_bot(enterprise_id=None, team_id=workspace)
            return None if bot is None else bot.bot_token

        return SlackDirectory(settings, installed)
    assert settings.slack_bot_token is not None
    token = settings.slack_bot_token.get_secret_value()

    async def single(workspace: str) -> str | None:
        return token

    return SlackDirectory(settings, single)

"""First contact: fill the person's name, time zone and email from users.info, once."""

from __future__ import annotations

import dataclasses
import logging

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.adapters.slack.client import api_error
from core.messages import Inbound
from storage.models import User, Workspace

log = logging.getLogger(__name__)


async def _known(sessions: async_sessionmaker[AsyncSession], inbound: Inbound) -> bool:
    """Known = a row with a real name (a placeholder name is the Slack id; then we ask again)."""
    async with sessions() as session:
        name = await session.scalar(
            select(User.name)
            .join(Workspace, Workspace.id == User.workspace_id)
            .where(
                Workspace.platform == "slack",
                Workspace.external_id == inbound.workspace,
                User.external_id == inbound.user,
            )
        )
    return name is not None and name != inbound.user


async def introduce(
    inbound: Inbound, client: AsyncWebClient, sessions: async_sessionmaker[AsyncSession]
) -> Inbound:
    """Inbound with user_name/user_tz/user_email from Slack when we have not met the person."""
    if await _known(sessions, inbound):
        return inbound
    try:
        # users.info is Tier 4 (100+/min); it runs once per person, after the ack.
        response = await client.users_info(user=inbound.user)
    except SlackApiError as exc:
        log.warning("users.info failed for a new Slack user: %s", api_error(exc))
        return inbound
    except Exception:
        # A profile is nice to have; the person's message must be answered regardless.
        log.warning("users.info unreachable", exc_info=True)
        return inbound
    user = response.get("user") or {}
    profile = user.get("profile") or {}
    name = (
        # The real name reads best on leaderboards; the display name is often a nickname.
        user.get("real_name")
        or profile.get("real_name")
        or profile.get("display_name")
        or user.get("name")
        or inbound.user_name
    )
    return dataclasses.replace(
        inbound,
        user_name=name or None,
        user_tz=user.get("tz") or inbound.user_tz,
        user_email=profile.get("email") or inbound.user_email,
    )

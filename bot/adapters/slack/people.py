"""Meet a person: name, time zone, email and admin standing from users.info, cached a day."""

from __future__ import annotations

import dataclasses
import logging
import weakref
from datetime import datetime, timedelta
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.adapters.slack.client import api_error
from core.messages import Inbound
from storage.models import SlackInstallation, User, Workspace, utcnow
from storage.org_changes import org_changes

log = logging.getLogger(__name__)

# How long users.info's answer stands: a new Slack admin is a QuotaBot admin within a day.
CHECK_EVERY = timedelta(days=1)


# (team, user) -> until when users.info's last answer stands, and org_changes.version then:
# a person's every message asked the database this (issue 18's profile); now the first does.
_known_fresh: weakref.WeakKeyDictionary[
    async_sessionmaker[AsyncSession], dict[tuple[str, str], tuple[datetime, int]]
] = weakref.WeakKeyDictionary()


async def _fresh(sessions: async_sessionmaker[AsyncSession], inbound: Inbound) -> bool:
    """Known with a real name (a placeholder name is the Slack id) and asked about lately."""
    key, remembered = (inbound.workspace, inbound.user), _known_fresh.setdefault(sessions, {})
    known = remembered.get(key)
    if known is not None and known[1] == org_changes.version and utcnow() < known[0]:
        return True
    version = org_changes.version
    async with sessions() as session:
        row = (
            await session.execute(
                select(User.name, User.platform_checked_at)
                .join(Workspace, Workspace.id == User.workspace_id)
                .where(
                    Workspace.platform == "slack",
                    Workspace.external_id == inbound.workspace,
                    User.external_id == inbound.user,
                )
            )
        ).first()
    if row is None or row.name == inbound.user or row.platform_checked_at is None:
        return False
    checked: datetime = row.platform_checked_at
    if utcnow() - checked >= CHECK_EVERY:
        return False
    if len(remembered) > 10_000:
        remembered.clear()
    remembered[key] = (checked + CHECK_EVERY, version)
    return True


async def installed_by(sessions: async_sessionmaker[AsyncSession], inbound: Inbound) -> bool:
    """This person installed QuotaBot in this workspace (an OAuth install row names them)."""
    async with sessions() as session:
        found = await session.scalar(
            select(SlackInstallation.id)
            .where(
                SlackInstallation.team_id == inbound.workspace,
                SlackInstallation.user_id == inbound.user,
            )
            .limit(1)
        )
    return found is not None


def best_name(user: dict[str, Any]) -> str | None:
    """The name a users.info answer gives a person, or None when it gives none."""
    profile = user.get("profile") or {}
    name = (
        # The real name reads best on leaderboards; the display name is often a nickname.
        user.get("real_name")
        or profile.get("real_name")
        or profile.get("display_name")
        or user.get("name")
    )
    return str(name) if name else None


async def introduce(
    inbound: Inbound, client: AsyncWebClient, sessions: async_sessionmaker[AsyncSession]
) -> Inbound:
    """Inbound with what Slack says about the person, unless we asked within CHECK_EVERY."""
    if await _fresh(sessions, inbound):
        return inbound
    installer = await installed_by(sessions, inbound)
    told = dataclasses.replace(inbound, user_is_admin=True) if installer else inbound
    try:
        # users.info is Tier 4 (100+/min); it runs once per person a day, after the ack.
        response = await client.users_info(user=inbound.user)
    except SlackApiError as exc:
        log.warning("users.info failed for a Slack user: %s", api_error(exc))
        return told
    except Exception:
        # A profile is nice to have; the person's message must be answered regardless.
        log.warning("users.info unreachable", exc_info=True)
        return told
    user = response.get("user") or {}
    profile = user.get("profile") or {}
    name = best_name(user) or inbound.user_name
    runs_it = any(user.get(k) for k in ("is_owner", "is_primary_owner", "is_admin"))
    return dataclasses.replace(
        inbound,
        user_name=name or None,
        user_tz=user.get("tz") or inbound.user_tz,
        user_email=profile.get("email") or inbound.user_email,
        user_is_admin=installer or runs_it,
    )

"""Meet whoever adds the bot: name from the member API, zone from clientInfo, first admin."""

from __future__ import annotations

import logging

import httpx
from microsoft_teams.api import Activity
from sqlalchemy import select

from bot.adapters.teams.connector import Connector
from bot.adapters.teams.inbound import Place, mention_key, time_zone
from bot.identity import identify
from bot.services import Services
from core.messages import Inbound
from storage.models import User, Workspace

log = logging.getLogger(__name__)


async def _has_admin(services: Services, tenant: str) -> bool:
    async with services.sessions() as session:
        found = await session.scalar(
            select(User.id)
            .join(Workspace, Workspace.id == User.workspace_id)
            .where(
                Workspace.platform == "teams",
                Workspace.external_id == tenant,
                User.role == "admin",
            )
            .limit(1)
        )
    return found is not None


async def _profile(connector: Connector, place: Place) -> tuple[str | None, str | None]:
    """Name and email from the conversation's member API; (None, None) when it won't say."""
    member = place.user_account_id or place.user
    if not member:
        return None, None
    try:
        api = connector.api(place.service_url).conversations
        account = await api.get_member_by_id(place.conversation_id, member)
    except (httpx.HTTPError, ValueError) as exc:
        # The person is still met; their name follows with their first message.
        log.info("Teams: no member profile for the installer: %s", exc)
        return None, None
    return account.name, account.email or account.user_principal_name


async def installed(
    services: Services, connector: Connector, activity: Activity, place: Place
) -> None:
    """The bot was added to a personal chat, group chat or team by `place.user`.

    They become an admin only while the tenant has none: Teams also "installs" the app for
    each person an organisation deploys it to, and a rep must not promote themselves by
    adding the app. After that, admins hand out roles in chat; QUOTABOT_ADMINS always holds.
    """
    if not place.user:
        return
    name, email = place.user_name, None
    if not name:
        name, email = await _profile(connector, place)
    first = not services.settings.admin_ids and not await _has_admin(services, place.tenant)
    person = Inbound(
        platform="teams",
        workspace=place.tenant,
        user=place.user,
        user_name=name,
        user_email=email,
        user_tz=time_zone(activity),
        user_is_admin=True if first else None,
        user_mention_id=mention_key(place.user_account_id) if place.user_account_id else None,
    )
    await identify(services.sessions, person, services.settings)

"""Remember where each Teams user and channel can be reached, for proactive sends later."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.adapters.teams.inbound import Place
from bot.config import Settings
from bot.identity import workspace_for
from core.messages import Inbound, Platform
from storage.models import ConversationReference, Workspace, utcnow

PLATFORM: Platform = "teams"


@dataclass(frozen=True)
class Target:
    """A stored reference, resolved: where to post."""

    service_url: str
    conversation_id: str


def _kind_key(place: Place) -> tuple[str, str] | None:
    if place.direct:
        return ("user", place.user) if place.user else None
    return "channel", place.channel


async def remember(
    sessions: async_sessionmaker[AsyncSession], settings: Settings, place: Place
) -> None:
    """Upsert the reference for this conversation: the user's 1:1 chat, or the channel/group."""
    found = _kind_key(place)
    if found is None:
        return
    kind, key = found
    # Channel posts go to the channel root, not into the thread the message came from.
    conversation = place.conversation_id if place.direct else place.channel
    data = json.dumps(
        {
            "bot_id": place.bot_id,
            "tenant_id": place.tenant,
            "conversation_type": place.conversation_type,
        }
    )
    async with sessions() as session, session.begin():
        probe = Inbound(platform=PLATFORM, workspace=place.tenant, user=place.user or "")
        workspace = await workspace_for(session, probe, settings)
        await _upsert(session, workspace.id, kind, key, conversation, place.service_url, data)


async def forget(sessions: async_sessionmaker[AsyncSession], place: Place) -> None:
    """The bot was removed there: later sends would only get 403s, so drop the reference."""
    found = _kind_key(place)
    if found is None:
        return
    kind, key = found
    async with sessions() as session, session.begin():
        workspace_id = await session.scalar(
            select(Workspace.id).where(
                Workspace.platform == PLATFORM, Workspace.external_id == place.tenant
            )
        )
        if workspace_id is None:
            return
        row = await _find(session, workspace_id, kind, key)
        if row is not None:
            await session.delete(row)


async def _upsert(
    session: AsyncSession,
    workspace_id: int,
    kind: str,
    key: str,
    conversation: str,
    service_url: str,
    data: str,
) -> None:
    found = await _find(session, workspace_id, kind, key)
    if found is None:
        try:
            async with session.begin_nested():
                session.add(
                    ConversationReference(
                        workspace_id=workspace_id,
                        platform=PLATFORM,
                        kind=kind,
                        key=key,
                        conversation_id=conversation,
                        service_url=service_url,
                        data=data,
                        updated_at=utcnow(),
                    )
                )
            return
        except IntegrityError:
            # Two first messages raced; update the row the other one wrote.
            found = await _find(session, workspace_id, kind, key)
            if found is None:
                raise
    if (found.conversation_id, found.service_url, found.data) != (conversation, service_url, data):
        found.conversation_id = conversation
        found.service_url = service_url
        found.data = data
        found.updated_at = utcnow()


async def _find(
    session: AsyncSession, workspace_id: int, kind: str, key: str
) -> ConversationReference | None:
    return await session.scalar(
        select(ConversationReference).where(
            ConversationReference.workspace_id == workspace_id,
            ConversationReference.platform == PLATFORM,
            ConversationReference.kind == kind,
            ConversationReference.key == key,
        )
    )


async def lookup(
    sessions: async_sessionmaker[AsyncSession], tenant: str, kind: str, key: str
) -> Target | None:
    """The stored reference for a user (Entra object id) or a channel id in a tenant."""
    async with sessions() as session:
        row = await session.scalar(
            select(ConversationReference)
            .join(Workspace, Workspace.id == ConversationReference.workspace_id)
            .where(
                Workspace.platform == PLATFORM,
                Workspace.external_id == tenant,
                ConversationReference.platform == PLATFORM,
                ConversationReference.kind == kind,
                ConversationReference.key == key,
            )
        )
        if row is None or not row.service_url:
            return None
        return Target(service_url=row.service_url, conversation_id=row.conversation_id)

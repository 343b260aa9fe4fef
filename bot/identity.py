"""Resolve who is speaking: get or create the workspace and user behind an Inbound."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm.attributes import instance_state

from bot.config import Settings
from core.messages import Actor, Inbound, Role
from storage.models import User, Workspace


@dataclass(frozen=True)
class Speaker:
    """Who sent one message, read once: the Actor every step uses, and the two rows behind it.

    The rows are detached (the session that read them has closed) and fully loaded; each
    transaction of the message merges them in instead of reading them again.
    """

    actor: Actor
    workspace: Workspace
    user: User


async def identify(
    sessions: async_sessionmaker[AsyncSession], inbound: Inbound, settings: Settings
) -> Speaker:
    """Get or create the speaker in a short transaction of its own, committed at once:
    a person exists even if their first message turns out bad."""
    async with sessions() as session, session.begin():
        workspace = await workspace_for(session, inbound, settings)
        user = await user_for(session, workspace, inbound)
        await _load_all(session, workspace)
        await _load_all(session, user)
        return Speaker(actor_of(user, workspace), workspace, user)


async def _load_all(session: AsyncSession, row: Workspace | User) -> None:
    """A row created just now lacks the columns its INSERT left out (NULLs); read them, once,
    on first contact: a detached row cannot load lazily under asyncio (MissingGreenlet)."""
    state = instance_state(row)
    missing = [name for name in state.unloaded if name in state.mapper.column_attrs]
    if missing:
        await session.refresh(row, attribute_names=missing)


def _valid_zone(name: str | None) -> str | None:
    if not name:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return name


async def workspace_for(session: AsyncSession, inbound: Inbound, settings: Settings) -> Workspace:
    found = await session.scalar(
        select(Workspace).where(
            Workspace.platform == inbound.platform, Workspace.external_id == inbound.workspace
        )
    )
    if found:
        return found
    workspace = Workspace(
        platform=inbound.platform,
        external_id=inbound.workspace,
        name=inbound.workspace_name or inbound.workspace,
        currency=settings.currency,
        timezone=settings.timezone,
    )
    try:
        async with session.begin_nested():
            session.add(workspace)
    except IntegrityError:
        # Two first messages raced; the other one created it.
        return (
            await session.scalars(
                select(Workspace).where(
                    Workspace.platform == inbound.platform,
                    Workspace.external_id == inbound.workspace,
                )
            )
        ).one()
    return workspace


async def user_for(session: AsyncSession, workspace: Workspace, inbound: Inbound) -> User:
    found = await session.scalar(
        select(User).where(User.workspace_id == workspace.id, User.external_id == inbound.user)
    )
    if found:
        if inbound.user_name and found.name == found.external_id:
            found.name = inbound.user_name[:200]
        return found
    user = User(
        workspace_id=workspace.id,
        external_id=inbound.user,
        name=(inbound.user_name or inbound.user)[:200],
        email=inbound.user_email,
        tz=_valid_zone(inbound.user_tz) or workspace.timezone,
        role="rep",
    )
    try:
        async with session.begin_nested():
            session.add(user)
    except IntegrityError:
        return (
            await session.scalars(
                select(User).where(
                    User.workspace_id == workspace.id, User.external_id == inbound.user
                )
            )
        ).one()
    return user


def actor_of(user: User, workspace: Workspace) -> Actor:
    role: Role = user.role if user.role in ("rep", "manager", "admin") else "rep"  # type: ignore[assignment]
    return Actor(
        workspace_id=workspace.id,
        user_id=user.id,
        name=user.name,
        role=role,
        team_id=user.team_id,
        tz=user.tz,
        currency=workspace.currency,
        external_id=user.external_id,
    )

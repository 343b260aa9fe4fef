"""Resolve who is speaking: get or create the workspace and user behind an Inbound."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from core.messages import Actor, Inbound, Role
from storage.models import User, Workspace


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

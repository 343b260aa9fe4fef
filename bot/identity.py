"""Resolve who is speaking: get or create the workspace and user behind an Inbound."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm.attributes import instance_state

from bot.bootstrap import promote, promotion
from bot.config import Settings
from core.messages import Actor, Inbound, Role
from storage.models import User, Workspace
from storage.org_changes import org_changes

# Seconds a speaker read from the database answers their next messages without a new read.
# A change made in this process (a role, a team, a time zone) shows at once; one made by
# another process (a replica, the scheduler's team sync) within this many seconds.
REUSE_FOR = 2.0
# Speakers remembered at once (a few hundred bytes each).
REMEMBER = 4096


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
        user = await user_for(session, workspace, inbound, settings)
        await _load_all(session, workspace)
        await _load_all(session, user)
        return Speaker(actor_of(user, workspace), workspace, user)


@dataclass(frozen=True)
class _Known:
    speaker: Speaker
    version: int
    until: float


class Speakers:
    """`identify` for a stream of messages: a person who spoke a moment ago, saying the same
    things about themselves (name, zone, email, admin), is not read again. Under a burst the
    read was a quarter of the log path (issue 18's profile)."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        settings: Settings,
        *,
        reuse_for: float = REUSE_FOR,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.sessions = sessions
        self.settings = settings
        self.reuse_for = reuse_for
        self.monotonic = monotonic
        self._known: OrderedDict[tuple[object, ...], _Known] = OrderedDict()
        org_changes.watch()

    async def __call__(self, inbound: Inbound) -> Speaker:
        key = (
            inbound.platform,
            inbound.workspace,
            inbound.user,
            inbound.workspace_name,
            inbound.user_name,
            inbound.user_tz,
            inbound.user_email,
            inbound.user_mention_id,
            inbound.user_is_admin,
        )
        known = self._known.get(key)
        if known and known.version == org_changes.version and known.until > self.monotonic():
            return known.speaker
        # Read before identify: a change committed meanwhile makes this entry stale at once.
        version = org_changes.version
        speaker = await identify(self.sessions, inbound, self.settings)
        self._known[key] = _Known(speaker, version, self.monotonic() + self.reuse_for)
        self._known.move_to_end(key)
        while len(self._known) > REMEMBER:
            self._known.popitem(last=False)
        return speaker


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


async def user_for(
    session: AsyncSession, workspace: Workspace, inbound: Inbound, settings: Settings
) -> User:
    found = await session.scalar(
        select(User).where(User.workspace_id == workspace.id, User.external_id == inbound.user)
    )
    if found:
        _follow_platform(found, inbound, workspace)
        reason = promotion(found, inbound, settings)
        if reason:
            promote(session, found, reason)
        return found
    zone = _valid_zone(inbound.user_tz)
    user = User(
        workspace_id=workspace.id,
        external_id=inbound.user,
        name=(inbound.user_name or inbound.user)[:200],
        email=inbound.user_email,
        tz=zone or workspace.timezone,
        platform_tz=zone,
        mention_id=inbound.user_mention_id,
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
    reason = promotion(user, inbound, settings)
    if reason:
        promote(session, user, reason)
    return user


def _follow_platform(user: User, inbound: Inbound, workspace: Workspace) -> None:
    """Take what the platform now says about a known person, where it adds or changed."""
    if inbound.user_name and user.name == user.external_id:
        user.name = inbound.user_name[:200]
    if inbound.user_email and not user.email:
        user.email = inbound.user_email
    if inbound.user_mention_id and user.mention_id != inbound.user_mention_id:
        user.mention_id = inbound.user_mention_id
    zone = _valid_zone(inbound.user_tz)
    if zone is None or zone == user.platform_tz:
        return
    # The zone follows the platform when the platform's zone changes (a trip, a move), so a
    # zone the person set themselves holds until then. Before we knew the platform's zone,
    # only a zone nobody chose (the workspace's) is replaced.
    if user.platform_tz is not None or user.tz == workspace.timezone:
        user.tz = zone
    user.platform_tz = zone


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
        date_order=workspace.date_order,
    )

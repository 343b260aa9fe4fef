"""Teams that follow a directory: once a UTC day, members in step with a channel or group.

A team with `sync_source` set (`/quotabot team West sync #sales-west`) is synced by the
first tick of each UTC day (and the first tick after the source is set): the pass claims the
day with a conditional update of `teams.synced_on`, so one replica does it. People in the
source join the team (new to QuotaBot: created as reps, named as the directory names them);
members who left the source are taken off it. No role ever changes, the team's manager
stays, and another team's manager who is in the source stays with their own team.
The platform is reached through a Directory each adapter provides.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.models import AuditEntry, Team, User, Workspace

log = logging.getLogger(__name__)

AUDIT_ACTION = "team.synced"


@dataclass(frozen=True)
class Member:
    """One person the directory lists (people only: bots and deactivated accounts left out)."""

    external_id: str
    name: str
    email: str | None = None
    tz: str | None = None
    # The key other people's mentions of this person carry, when not external_id (Teams).
    mention_id: str | None = None


class DirectoryError(Exception):
    """The platform would not say who is in the source (unknown channel, missing scope...)."""


class Directory(Protocol):
    """Implemented by each adapter (Slack conversations.members / usergroups.users.list)."""

    platform: str

    async def members(self, workspace: str, source: str) -> list[Member]:
        """Everyone in `source` (Team.sync_source) of this workspace; DirectoryError if not."""
        ...


@dataclass
class SyncResult:
    team_id: int
    source: str
    added: list[int] = field(default_factory=list)
    created: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)
    error: str | None = None


async def _due(session: AsyncSession, platforms: list[str], today: date) -> list[tuple[int, str]]:
    """(team id, platform) of every team that follows a source and was not synced today."""
    rows = await session.execute(
        select(Team.id, Workspace.platform)
        .join(Workspace, Workspace.id == Team.workspace_id)
        .where(
            Team.sync_source.is_not(None),
            Workspace.platform.in_(platforms),
            or_(Team.synced_on.is_(None), Team.synced_on < today),
        )
        .order_by(Team.id)
    )
    return [(int(team), str(platform)) for team, platform in rows]


async def _claim(sessions: async_sessionmaker[AsyncSession], team_id: int, today: date) -> bool:
    """Take today's sync of this team; False when another pass (or replica) has it."""
    async with sessions() as session, session.begin():
        result = await session.execute(
            update(Team)
            .where(
                Team.id == team_id,
                Team.sync_source.is_not(None),
                or_(Team.synced_on.is_(None), Team.synced_on < today),
            )
            .values(synced_on=today)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))


async def _apply(
    session: AsyncSession, team: Team, members: list[Member], now: datetime
) -> SyncResult:
    result = SyncResult(team.id, team.sync_source or "")
    known = {
        u.external_id: u
        for u in await session.scalars(
            select(User).where(
                User.workspace_id == team.workspace_id,
                User.external_id.in_([m.external_id for m in members]),
            )
        )
    }
    # A manager in the channel (managers sit in many) keeps leading their own team.
    leads = set(
        await session.scalars(
            select(Team.manager_id).where(
                Team.workspace_id == team.workspace_id,
                Team.id != team.id,
                Team.manager_id.is_not(None),
            )
        )
    )
    listed = set()
    for member in members:
        listed.add(member.external_id)
        user = known.get(member.external_id)
        if user is None:
            user = User(
                workspace_id=team.workspace_id,
                external_id=member.external_id,
                name=member.name or member.external_id,
                email=member.email,
                tz=member.tz or team.timezone,
                role="rep",
                team_id=team.id,
                mention_id=member.mention_id,
            )
            session.add(user)
            await session.flush()
            known[member.external_id] = user
            result.created.append(user.id)
        elif user.team_id != team.id and user.id not in leads:
            user.team_id = team.id
            result.added.append(user.id)
    on_team = await session.scalars(
        select(User).where(User.workspace_id == team.workspace_id, User.team_id == team.id)
    )
    for user in on_team:
        if user.external_id not in listed and user.id != team.manager_id:
            user.team_id = None
            result.removed.append(user.id)
    if result.added or result.created or result.removed:
        detail = {
            "team": team.id,
            "source": result.source,
            "added": result.added,
            "created": result.created,
            "removed": result.removed,
            "by": "directory sync",
        }
        # Nobody in chat did it: QuotaBot, following the source an admin chose.
        session.add(
            AuditEntry(
                workspace_id=team.workspace_id,
                user_id=None,
                action=AUDIT_ACTION,
                detail=json.dumps(detail),
                at=now,
            )
        )
    return result


async def sync_team(
    sessions: async_sessionmaker[AsyncSession], directory: Directory, team_id: int, now: datetime
) -> SyncResult | None:
    """Bring one claimed team in step with its source; None when it no longer follows one."""
    async with sessions() as session:
        row = (
            await session.execute(
                select(Team.sync_source, Workspace.external_id)
                .join(Workspace, Workspace.id == Team.workspace_id)
                .where(Team.id == team_id)
            )
        ).first()
    if row is None or not row.sync_source:
        return None
    source, workspace = str(row.sync_source), str(row.external_id)
    try:
        members = await directory.members(workspace, source)
    except DirectoryError as exc:
        log.warning("team %s: could not read %s: %s", team_id, source, exc)
        return SyncResult(team_id, source, error=str(exc))
    if not members:
        # An empty answer is more likely a glitch than a team that everyone left.
        log.warning("team %s: %s lists nobody; membership left as it is", team_id, source)
        return SyncResult(team_id, source, error="the source lists nobody")
    async with sessions() as session, session.begin():
        team = await session.get(Team, team_id)
        if team is None or team.sync_source != source:
            return None  # changed while we asked the platform: the next pass follows it
        return await _apply(session, team, members, now)


async def sync_due(
    sessions: async_sessionmaker[AsyncSession],
    directories: Mapping[str, Directory],
    now: datetime,
) -> list[SyncResult]:
    """Sync every team whose source is not yet synced today (UTC); one claim per team."""
    if not directories:
        return []
    today = now.date()
    async with sessions() as session:
        due = await _due(session, sorted(directories), today)
    results: list[SyncResult] = []
    for team_id, platform in due:
        if not await _claim(sessions, team_id, today):
            continue
        try:
            done = await sync_team(sessions, directories[platform], team_id, now)
        except Exception:
            # One team's broken source must not stop the others; tomorrow tries again.
            log.exception("team %s: sync failed", team_id)
            continue
        if done is not None:
            results.append(done)
    return results

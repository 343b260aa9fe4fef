"""Files waiting in a chat (`chat_files`), always looked up by workspace, person and purpose."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ChatFile, User, Workspace

# Long enough to read a dry-run report after lunch; a forgotten file goes within a day.
KEEP_FOR = timedelta(days=1)


@dataclass(frozen=True)
class Taken:
    kind: str
    name: str
    content: str
    rows: int
    expired: bool


async def keep(
    session: AsyncSession,
    *,
    workspace_id: int,
    user_id: int,
    purpose: str,
    kind: str,
    name: str,
    content: str,
    rows: int,
    now: datetime,
) -> int:
    """Store a file for one person; also drops the workspace's files past their day."""
    await session.execute(
        delete(ChatFile).where(ChatFile.workspace_id == workspace_id, ChatFile.expires_at < now)
    )
    row = ChatFile(
        workspace_id=workspace_id,
        user_id=user_id,
        purpose=purpose,
        kind=kind,
        name=name[:255],
        content=content,
        rows=rows,
        created_at=now,
        expires_at=now + KEEP_FOR,
    )
    session.add(row)
    await session.flush()
    return row.id


async def take(
    session: AsyncSession,
    file_id: int,
    *,
    workspace_id: int,
    user_id: int,
    purpose: str,
    now: datetime,
) -> Taken | None:
    """Remove the file and return it, once: a second click, or another replica's, finds
    nothing (DELETE ... RETURNING takes the row lock on PostgreSQL; SQLite has one writer)."""
    found = await session.execute(
        delete(ChatFile)
        .where(
            ChatFile.id == file_id,
            ChatFile.workspace_id == workspace_id,
            ChatFile.user_id == user_id,
            ChatFile.purpose == purpose,
        )
        .returning(
            ChatFile.kind, ChatFile.name, ChatFile.content, ChatFile.rows, ChatFile.expires_at
        )
        .execution_options(synchronize_session=False)
    )
    row = found.first()
    if row is None:
        return None
    kind, name, content, rows, expires = row
    return Taken(kind, name, content, rows, expires <= now)


async def forget_expired(session: AsyncSession, now: datetime) -> int:
    """Drop every file past its day (the scheduler's tick), also in quiet workspaces."""
    result = await session.execute(delete(ChatFile).where(ChatFile.expires_at < now))
    return int(getattr(result, "rowcount", 0) or 0)


async def owner(
    session: AsyncSession, platform: str, workspace: str, user: str
) -> tuple[int, int] | None:
    """(workspace id, user id) of a person by their platform ids, for a file an adapter keeps
    (a Teams export waiting for its consent card); None for someone not met yet."""
    found = await session.execute(
        select(User.workspace_id, User.id)
        .join(Workspace, Workspace.id == User.workspace_id)
        .where(
            Workspace.platform == platform,
            Workspace.external_id == workspace,
            User.external_id == user,
        )
    )
    row = found.first()
    return None if row is None else (int(row[0]), int(row[1]))

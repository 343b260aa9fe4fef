"""Platform retry de-duplication: a unique (platform, event id) row says "already handled"."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.models import ProcessedEvent


async def first_time(
    sessions: async_sessionmaker[AsyncSession], platform: str, event_id: str | None
) -> bool:
    """True once per event, across retries, restarts and replicas (the unique key decides)."""
    if not event_id:
        return True
    try:
        async with sessions() as session, session.begin():
            session.add(ProcessedEvent(platform=platform, event_id=event_id[:200]))
    except IntegrityError:
        return False
    return True


async def forget_before(session: AsyncSession, cutoff: datetime) -> int:
    """Drop ids older than any platform retry (Slack: ~5 min, Teams: ~15 s): keep it small."""
    result = await session.execute(
        delete(ProcessedEvent).where(ProcessedEvent.received_at < cutoff)
    )
    return int(getattr(result, "rowcount", 0) or 0)

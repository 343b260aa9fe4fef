"""Teams redelivers an activity it thinks timed out (15 s); the database says "seen"."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.models import ProcessedEvent


async def first_time(sessions: async_sessionmaker[AsyncSession], event_id: str | None) -> bool:
    """True once per activity, across retries, restarts and replicas (a unique key decides)."""
    if not event_id:
        return True
    try:
        async with sessions() as session, session.begin():
            session.add(ProcessedEvent(platform="teams", event_id=event_id))
    except IntegrityError:
        return False
    return True

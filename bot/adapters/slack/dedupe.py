"""Slack retries an event it thinks we missed (up to 3 times); the database says "seen"."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.models import ProcessedEvent


async def first_time(sessions: async_sessionmaker[AsyncSession], event_id: str | None) -> bool:
    """True once per event_id, across retries, restarts and replicas (a unique key decides)."""
    if not event_id:
        return True
    try:
        async with sessions() as session, session.begin():
            session.add(ProcessedEvent(platform="slack", event_id=event_id))
    except IntegrityError:
        return False
    return True

"""The tick forgets platform event ids once no platform can retry them any more."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.app import make_tick
from bot.services import Services
from storage.events import first_time
from storage.models import ProcessedEvent
from tests.support.clock import FakeClock


async def test_old_event_ids_are_pruned_recent_ones_kept(
    services: Services, clock: FakeClock
) -> None:
    assert await first_time(services.sessions, "slack", "Ev-old")
    async with services.sessions() as session, session.begin():
        old = (await session.scalars(select(ProcessedEvent))).one()
        old.received_at = clock() - timedelta(days=2)
    assert await first_time(services.sessions, "slack", "Ev-new")
    assert not await first_time(services.sessions, "slack", "Ev-new")
    await make_tick(services)(at=clock())
    async with services.sessions() as session:
        left = (await session.scalars(select(ProcessedEvent.event_id))).all()
    assert left == ["Ev-new"]

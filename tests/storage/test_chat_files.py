"""Files waiting in a chat: kept for one person in one workspace, taken once, gone after a
day (the scheduler's tick drops them even where nobody sends another)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from bot.services import Services
from storage import chat_files
from storage.models import ChatFile
from tests.support.world import make_world

NOW = datetime(2026, 11, 18, 15, 0, tzinfo=UTC)


async def _keep(services: Services, workspace: int, user: int, at: datetime) -> int:
    async with services.sessions() as session, session.begin():
        return await chat_files.keep(
            session,
            workspace_id=workspace,
            user_id=user,
            purpose="import",
            kind="people",
            name="people.csv",
            content="name\nNina\n",
            rows=1,
            now=at,
        )


async def test_a_file_is_taken_once_by_its_owner_and_forgotten_after_a_day(
    services: Services,
) -> None:
    world = await make_world(services)
    ada, mia = world.users["ada"], world.users["mia"]
    kept = await _keep(services, world.workspace_id, ada, NOW)

    async with services.sessions() as session, session.begin():
        theirs = await chat_files.take(
            session, kept, workspace_id=world.workspace_id, user_id=mia, purpose="import", now=NOW
        )
        wrong = await chat_files.take(
            session, kept, workspace_id=world.workspace_id, user_id=ada, purpose="export", now=NOW
        )
    assert theirs is None and wrong is None

    later = NOW + timedelta(hours=23)
    async with services.sessions() as session, session.begin():
        taken = await chat_files.take(
            session, kept, workspace_id=world.workspace_id, user_id=ada, purpose="import", now=later
        )
        again = await chat_files.take(
            session, kept, workspace_id=world.workspace_id, user_id=ada, purpose="import", now=later
        )
    assert taken is not None and not taken.expired and taken.content == "name\nNina\n"
    assert again is None

    stale = await _keep(services, world.workspace_id, ada, NOW)
    async with services.sessions() as session, session.begin():
        late = await chat_files.take(
            session,
            stale,
            workspace_id=world.workspace_id,
            user_id=ada,
            purpose="import",
            now=NOW + timedelta(days=1, seconds=1),
        )
    assert late is not None and late.expired

    await _keep(services, world.workspace_id, ada, NOW)
    async with services.sessions() as session, session.begin():
        assert await chat_files.forget_expired(session, NOW + timedelta(hours=1)) == 0
        assert await chat_files.forget_expired(session, NOW + timedelta(days=2)) == 1
        assert await session.scalar(select(func.count()).select_from(ChatFile)) == 0

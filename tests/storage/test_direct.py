"""Hot statements run on the driver: the same rows as SQLAlchemy writes, in the same transaction."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, cast

import pytest
from sqlalchemy import Table, bindparam, insert, select, text, update
from sqlalchemy.exc import IntegrityError

from bot.services import Services
from storage.accounts import account_named, find_account, name_key
from storage.direct import Direct
from storage.models import InboxMessage, LogBatch, User, Workspace

_INBOX = cast(Table, InboxMessage.__table__)
_BATCHES = cast(Table, LogBatch.__table__)
_NEW_INBOX = Direct(insert(_INBOX).returning(_INBOX.c.id, _INBOX.c.received_at))
_NEW_BATCH = Direct(insert(_BATCHES).returning(_BATCHES.c.id))
_MANY_BATCHES = Direct(insert(_BATCHES))
_DONE = Direct(
    update(_INBOX)
    .where(_INBOX.c.id == bindparam("row"))
    .values(status="done", done_at=bindparam("now"))
    .returning(_INBOX.c.id, _INBOX.c.status)
)
WHEN = datetime(2026, 12, 1, 9, 30, 15, 123456, tzinfo=UTC)


def inbox_row(key: str, when: datetime = WHEN) -> dict[str, Any]:
    return {
        "platform": "slack",
        "key": key,
        "kind": "answer",
        "workspace": "T1",
        "payload": "{}",
        "status": "pending",
        "attempts": 0,
        "received_at": when,
        "available_at": when,
        "lease_until": None,
    }


async def test_a_direct_insert_stores_what_sqlalchemy_stores(services: Services) -> None:
    async with services.sessions() as session, session.begin():
        [(row_id, received)] = await _NEW_INBOX.rows(session, inbox_row("direct"))
        await session.execute(insert(_INBOX), [inbox_row("orm")])
    # Returned values go through the column types: an aware UTC datetime, as the ORM gives.
    assert received == WHEN
    async with services.sessions() as session:
        stored = (await session.execute(text("SELECT key, received_at FROM inbox"))).all()
        by_orm = await session.scalar(select(InboxMessage).where(InboxMessage.id == row_id))
    # Byte for byte the same column value (SQLite keeps datetimes as text).
    assert {k: v for k, v in stored}["direct"] == {k: v for k, v in stored}["orm"]
    assert by_orm is not None and by_orm.received_at == WHEN and by_orm.key == "direct"


async def test_literal_values_and_returning_on_an_update(services: Services) -> None:
    async with services.sessions() as session, session.begin():
        [(row_id, _)] = await _NEW_INBOX.rows(session, inbox_row("k1"))
        assert await _DONE.rows(session, {"row": row_id, "now": WHEN}) == [(row_id, "done")]
        assert await _DONE.rows(session, {"row": row_id + 1000, "now": WHEN}) == []


async def test_a_rollback_takes_back_a_direct_statement_run_first(services: Services) -> None:
    # On PostgreSQL the driver's transaction opens lazily: the first statement must open it.
    async with services.sessions() as session:
        async with session.begin():
            await _NEW_INBOX.rows(session, inbox_row("kept"))
        await session.begin()
        await _NEW_INBOX.rows(session, inbox_row("taken back"))
        await session.rollback()
    async with services.sessions() as session:
        keys = (await session.scalars(select(InboxMessage.key))).all()
    assert keys == ["kept"]


async def test_many_rows_in_one_call(services: Services) -> None:
    async with services.sessions() as session, session.begin():
        workspace = Workspace(platform="console", external_id="direct", name="Direct")
        session.add(workspace)
        await session.flush()
        rita = User(workspace_id=workspace.id, external_id="rita", name="Rita")
        session.add(rita)
        await session.flush()
        batch = {"workspace_id": workspace.id, "user_id": rita.id, "kind": "activity"}
        batch |= {"summary": "3 calls", "created_at": WHEN}
        [(batch_id,)] = await _NEW_BATCH.rows(session, batch)
        await _MANY_BATCHES.many(session, [batch, {**batch, "summary": "1 demo"}])
        await _MANY_BATCHES.many(session, [])
    async with services.sessions() as session:
        summaries = (await session.scalars(select(LogBatch.summary).order_by(LogBatch.id))).all()
    assert batch_id > 0 and summaries == ["3 calls", "3 calls", "1 demo"]


async def test_a_pending_object_is_flushed_before_a_direct_statement(services: Services) -> None:
    async with services.sessions() as session, session.begin():
        session.add(Workspace(platform="console", external_id="flushed", name="F"))
        # No flush by us: Direct flushes first, as session.execute would (autoflush).
        await _NEW_INBOX.rows(session, inbox_row("after the add"))
        found = await session.execute(
            text("SELECT count(*) FROM workspaces WHERE external_id = 'flushed'")
        )
        assert found.scalar() == 1


async def test_a_constraint_broken_raises_sqlalchemys_integrity_error(services: Services) -> None:
    async with services.sessions() as session:
        await session.begin()
        await _NEW_INBOX.rows(session, inbox_row("twice"))
        with pytest.raises(IntegrityError):
            await _NEW_INBOX.rows(session, inbox_row("twice"))
        await session.rollback()


async def test_statements_it_cannot_run_exactly_are_refused(services: Services) -> None:
    in_list = Direct(select(_INBOX.c.id).where(_INBOX.c.id.in_(bindparam("ids", expanding=True))))
    with_default = Direct(insert(_BATCHES))  # created_at has a Python-side default
    async with services.sessions() as session, session.begin():
        with pytest.raises(ValueError, match="expanding"):
            await in_list.rows(session, {"ids": [1, 2]})
        with pytest.raises(ValueError, match="default"):
            await with_default.rows(session, {"workspace_id": 1, "user_id": 1, "kind": "x"})
        full = {"workspace_id": 1, "user_id": 1, "kind": "x", "summary": "", "created_at": WHEN}
        with pytest.raises(ValueError, match="executemany"):
            await _NEW_BATCH.many(session, [full])


async def test_an_account_found_by_name_is_the_sessions_own_object(services: Services) -> None:
    async with services.sessions() as session, session.begin():
        workspace = Workspace(platform="console", external_id="accts", name="Accts")
        session.add(workspace)
        await session.flush()
        created = await account_named(session, workspace.id, "Acme Corp")
        # Found again in the same session: the very object, not a second copy.
        assert await find_account(session, workspace.id, "acme  corp") is created
        created.name, created.name_key = "Acme Inc", name_key("Acme Inc")  # not flushed yet
        assert await find_account(session, workspace.id, "Acme Inc") is created
        assert await find_account(session, workspace.id, "Acme Corp") is None
    async with services.sessions() as session, session.begin():
        found = await find_account(session, workspace.id, "ACME INC")
        assert found is not None and found.id == created.id and found.name == "Acme Inc"
        found.name = "Acme Incorporated"  # a row read this way is tracked like any other
    async with services.sessions() as session:
        again = await find_account(session, workspace.id, "acme inc")
        assert again is not None and again.name == "Acme Incorporated"

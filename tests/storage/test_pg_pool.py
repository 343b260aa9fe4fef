"""PostgreSQL's pool: a connection the server dropped while it sat idle is replaced unseen."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from storage import db
from tests.conftest import Prefetch, _admin
from tests.support import postgres


async def _backend(engine: AsyncEngine) -> int:
    async with engine.connect() as conn:
        return int(await conn.scalar(text("SELECT pg_backend_pid()")) or 0)


async def _drop(server: postgres.PgServer, pid: int) -> None:
    await _admin(server.port, f"SELECT pg_terminate_backend({pid})")
    await asyncio.sleep(0.1)  # the server closes the socket


@pytest.fixture
async def engine(
    pg_server: postgres.PgServer, pg_databases: Prefetch
) -> AsyncIterator[AsyncEngine]:
    made = db.create_engine(pg_server.url(await asyncio.to_thread(pg_databases.take)))
    try:
        yield made
    finally:
        await made.dispose()


async def test_an_idle_connection_the_server_dropped_is_replaced(
    engine: AsyncEngine, pg_server: postgres.PgServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "IDLE_PING", 0.05)  # read at each checkout
    first = await _backend(engine)
    await _drop(pg_server, first)  # idle past IDLE_PING meanwhile
    again = await _backend(engine)  # pinged, found dead, replaced: no error
    assert again not in (0, first)


async def test_a_connection_in_steady_use_is_not_pinged(
    engine: AsyncEngine, pg_server: postgres.PgServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The trade: within IDLE_PING of its last use a connection is trusted, so one dropped in
    # that window fails its next statement (the inbox retries that message), and the pool
    # then replaces it.
    monkeypatch.setattr(db, "IDLE_PING", 60.0)
    first = await _backend(engine)
    await _drop(pg_server, first)
    with pytest.raises(DBAPIError):
        await _backend(engine)
    assert await _backend(engine) not in (0, first)

"""Async engine and session factory for SQLite (WAL) and PostgreSQL."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.util import await_

from storage import sqlite_driver


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide when a transaction begins (see _begin).
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    # WAL lets readers proceed while one writer commits.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # 0: BEGIN IMMEDIATE waits for the lock on the event loop (storage.sqlite_driver), not in
    # SQLite's busy handler, which would stall every request of the process meanwhile.
    cursor.execute("PRAGMA busy_timeout=0")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _begin(conn: Any) -> None:
    # A deferred transaction that reads and then writes cannot wait for the lock: SQLite
    # fails it at once with "database is locked" (busy_timeout does not apply to the
    # upgrade). Taking the write lock at BEGIN makes writers queue (storage.sqlite_driver).
    # Straight to the driver, not as a statement: SQLAlchemy's execution context for it cost
    # as much as the message's own reads (issue 18's profile).
    await_(conn.connection.dbapi_connection.begin_immediate())


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def create_engine(url: str, *, echo: bool = False) -> AsyncEngine:
    if is_sqlite(url):
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        # The same SQL as sqlite+aiosqlite, run on the event loop (storage.sqlite_driver).
        fast = make_url(url).set(drivername=f"sqlite+{sqlite_driver.install()}")
        engine = create_async_engine(fast, echo=echo)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        event.listen(engine.sync_engine, "begin", _begin)
        return engine
    engine = create_async_engine(url, echo=echo, pool_size=10, max_overflow=10)
    event.listen(engine.sync_engine.pool, "checkin", _checked_in)
    event.listen(engine.sync_engine.pool, "checkout", _checkout)
    return engine


# A pooled PostgreSQL connection is pinged before use only when it sat idle this long: one
# the server dropped (a restart, an idle timeout) is replaced before a message uses it.
# pool_pre_ping pinged on every checkout, a round trip per transaction and ~5% of a busy
# process's CPU (issue 18's profile); a connection in steady use was just seen working.
IDLE_PING = 1.0


def _checked_in(_dbapi_conn: Any, record: Any) -> None:
    record.info["idle_since"] = time.monotonic()


def _checkout(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
    since = record.info.pop("idle_since", None)
    if since is None or time.monotonic() - since <= IDLE_PING:
        return
    try:
        dbapi_conn.ping()
    except Exception as exc:
        # The pool throws this connection away and checks out another (SQLAlchemy's
        # documented pessimistic disconnect handling).
        raise DisconnectionError("idle connection gone") from exc


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)

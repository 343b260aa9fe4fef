"""SQLite for asyncio without a thread: statements run inline, writers queue on the loop."""

from __future__ import annotations

import asyncio
import sqlite3
import time
import weakref
from collections import deque
from typing import Any

from sqlalchemy.connectors.asyncio import AsyncAdapt_dbapi_connection, AsyncAdapt_dbapi_cursor
from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.aiosqlite import AsyncAdapt_aiosqlite_dbapi, SQLiteDialect_aiosqlite

# Why not aiosqlite: it runs every call on a thread of its own, and SQLAlchemy's adapter makes
# four calls per statement (open a cursor, execute, fetch, close). Each is a queue hop, a GIL
# hand-over and a wake-up of the event loop; on this 2-core box under a burst those hops cost
# more than the SQL itself (issue 18's profile: ~16 hops per /log, 0.2-0.5 ms each). Our
# statements take microseconds, so they run on the loop. The one statement that can wait is
# BEGIN IMMEDIATE (the write lock): it waits here, asynchronously - in process on an asyncio
# lock (first come, first served), across processes by retrying while SQLite says busy - so
# the loop never sleeps in SQLite's busy handler.
DRIVER = "quotabot"
BEGIN = "BEGIN IMMEDIATE"
# As long as SQLite's busy_timeout used to wait for the write lock before "database is locked".
LOCK_WAIT = 10.0
# First pause between tries when another process holds the write lock; doubles to the cap.
RETRY_FIRST, RETRY_CAP = 0.001, 0.05

_gates: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, asyncio.Lock]] = (
    weakref.WeakKeyDictionary()
)


def _gate(database: str) -> asyncio.Lock:
    """This event loop's queue for the write lock of one database file."""
    per_loop = _gates.setdefault(asyncio.get_running_loop(), {})
    return per_loop.setdefault(database, asyncio.Lock())


def _run(conn: sqlite3.Connection, operation: str, parameters: Any, many: bool) -> tuple[Any, ...]:
    cursor = conn.cursor()
    try:
        if many:
            cursor.executemany(operation, parameters)
        elif parameters is None:
            cursor.execute(operation)
        else:
            cursor.execute(operation, parameters)
        description = cursor.description
        rows = cursor.fetchall() if description else []
        return description, rows, cursor.rowcount, cursor.lastrowid
    finally:
        cursor.close()


def run_now(conn: sqlite3.Connection, operation: str, parameters: Any, many: bool) -> list[Any]:
    """One statement on the loop, as InlineCursor runs it: the rows it returned."""
    return list(_run(conn, operation, parameters, many)[1])


class InlineCursor(AsyncAdapt_dbapi_cursor):
    __slots__ = ("_description", "_lastrowid", "_rowcount")
    _connection: Any
    _adapt_connection: InlineConnection

    def __init__(self, adapt_connection: AsyncAdapt_dbapi_connection) -> None:
        assert isinstance(adapt_connection, InlineConnection)
        self._adapt_connection = adapt_connection
        self._connection = adapt_connection._connection
        self._cursor = None  # type: ignore[assignment]
        self._soft_closed_memoized = {}  # type: ignore[assignment]
        self._rows = deque()
        self._description: Any = None
        self._rowcount = -1
        self._lastrowid: Any = None

    @property
    def description(self) -> Any:
        return self._description

    @property
    def rowcount(self) -> int:
        return self._rowcount

    @property
    def lastrowid(self) -> Any:
        return self._lastrowid

    @property
    def arraysize(self) -> int:
        return 1

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        del value

    async def _async_soft_close(self) -> None:
        return None  # every result is read in full when it runs

    def close(self) -> None:
        self._rows.clear()

    async def _execute_async(self, operation: Any, parameters: Any) -> Any:
        if operation == BEGIN:
            await self._adapt_connection.begin_immediate()
            return None
        self._keep(_run(self._connection, operation, parameters, False))
        return None

    async def _executemany_async(self, operation: Any, seq_of_parameters: Any) -> Any:
        self._keep(_run(self._connection, operation, seq_of_parameters, True))
        return None

    def _keep(self, outcome: tuple[Any, ...]) -> None:
        self._description, rows, self._rowcount, self._lastrowid = outcome
        self._rows = deque(rows)


class InlineConnection(AsyncAdapt_dbapi_connection):
    __slots__ = ("_database", "_held")
    _cursor_cls = InlineCursor
    _connection: Any

    def __init__(self, dbapi: Any, connection: sqlite3.Connection, database: str) -> None:
        super().__init__(dbapi, connection)  # type: ignore[arg-type]
        self._database = database
        self._held: asyncio.Lock | None = None

    async def begin_immediate(self) -> None:
        """Take SQLite's write lock, waiting on the loop (never in SQLite) for as long as it
        used to wait in its busy handler."""
        gate = _gate(self._database)
        try:
            async with asyncio.timeout(LOCK_WAIT):
                await gate.acquire()
        except TimeoutError:
            raise sqlite3.OperationalError("database is locked") from None
        self._held = gate
        pause, deadline = RETRY_FIRST, time.monotonic() + LOCK_WAIT
        try:
            while True:
                try:
                    self._connection.execute(BEGIN)
                    return
                except sqlite3.OperationalError as exc:
                    # Another process writes (the scheduler, a replica, an import): try again.
                    if "locked" not in str(exc) or time.monotonic() > deadline:
                        raise
                await asyncio.sleep(pause)
                pause = min(pause * 2, RETRY_CAP)
        except BaseException:
            self._release()
            raise

    def _release(self) -> None:
        gate, self._held = self._held, None
        if gate is not None and gate.locked():
            gate.release()

    @property
    def isolation_level(self) -> str | None:
        return self._connection.isolation_level  # type: ignore[no-any-return]

    @isolation_level.setter
    def isolation_level(self, value: str | None) -> None:
        self._connection.isolation_level = value

    def create_function(self, *args: Any, **kw: Any) -> None:
        self._connection.create_function(*args, **kw)

    def commit(self) -> None:
        try:
            self._connection.commit()
        finally:
            self._release()

    def rollback(self) -> None:
        try:
            self._connection.rollback()
        finally:
            self._release()

    def close(self) -> None:
        try:
            self._connection.close()
        finally:
            self._release()

    def terminate(self) -> None:
        self.close()


class InlineDBAPI(AsyncAdapt_aiosqlite_dbapi):
    def connect(self, *arg: Any, **kw: Any) -> InlineConnection:  # type: ignore[override]
        kw.pop("async_creator_fn", None)
        # Opened on the loop's thread and used only there; the pool may close it from another.
        kw["check_same_thread"] = False
        database = str(arg[0] if arg else kw.get("database", ""))
        return InlineConnection(self, sqlite3.connect(*arg, **kw), database)


class InlineDialect(SQLiteDialect_aiosqlite):
    """`sqlite+aiosqlite` as SQLAlchemy compiles it, run by InlineConnection."""

    driver = DRIVER
    supports_statement_cache = True
    supports_server_side_cursors = False
    has_terminate = True

    @classmethod
    def import_dbapi(cls) -> InlineDBAPI:
        return InlineDBAPI(__import__("aiosqlite"), __import__("sqlite3"))

    def do_terminate(self, dbapi_connection: Any) -> None:
        dbapi_connection.terminate()


def install() -> str:
    """Make `sqlite+quotabot` known to SQLAlchemy; returns that driver name."""
    registry.register(f"sqlite.{DRIVER}", __name__, "InlineDialect")
    return DRIVER

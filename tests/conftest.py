"""Fixtures: every database test runs on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import asyncio
import itertools
import os
import shutil
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import asyncpg
import pytest

from bot.app import build_services
from bot.config import Settings
from bot.services import Services
from storage import migrate
from tests.support import postgres
from tests.support.clock import FakeClock

BACKENDS = [
    b for b in os.environ.get("QUOTABOT_TEST_BACKENDS", "sqlite,postgresql").split(",") if b
]
_counter = itertools.count()
T = TypeVar("T")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[postgres.PgServer]:
    server = postgres.start()
    try:
        yield server
    finally:
        server.stop()


def _off_loop(fn: Callable[..., T], *args: object) -> T:
    """Run blocking set-up (its own event loop, Alembic) beside the test loop, not inside it."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(fn, *args).result()


async def _create_database(port: int, name: str) -> None:
    conn = await asyncpg.connect(host="127.0.0.1", port=port, user="postgres")
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()


@pytest.fixture(scope="session")
def pg_template(pg_server: postgres.PgServer) -> str:
    _off_loop(asyncio.run, _create_database(pg_server.port, "quotabot_template"))
    _off_loop(migrate.upgrade, pg_server.url("quotabot_template"))
    return "quotabot_template"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    _off_loop(migrate.upgrade, f"sqlite+aiosqlite:///{path}")
    return path


class Prefetch:
    """PostgreSQL databases copied from the template one test ahead, on a thread of their
    own: a copy takes ~0.4 s (the server's work, not ours), so it overlaps the test before."""

    def __init__(self, port: int, template: str, ahead: int = 2) -> None:
        self.port, self.template, self.ahead = port, template, ahead
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="pg-prefetch")
        self._ready: deque[Future[str]] = deque()

    def take(self) -> str:
        while len(self._ready) < self.ahead + 1:
            self._ready.append(self._pool.submit(self._make))
        name = self._ready.popleft().result()
        self._ready.append(self._pool.submit(self._make))
        return name

    def _make(self) -> str:
        name = f"t{os.getpid()}_{next(_counter)}"
        statement = f'CREATE DATABASE "{name}" TEMPLATE {self.template}'
        asyncio.run(_admin(self.port, statement))
        return name

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


async def _admin(port: int, statement: str) -> None:
    conn = await asyncpg.connect(host="127.0.0.1", port=port, user="postgres")
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


@pytest.fixture(scope="session")
def pg_databases(pg_server: postgres.PgServer, pg_template: str) -> Iterator[Prefetch]:
    prefetch = Prefetch(pg_server.port, pg_template)
    try:
        yield prefetch
    finally:
        prefetch.close()


@pytest.fixture(params=BACKENDS)
async def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A fresh, migrated database for one test (copied from a migrated template)."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        target = tmp_path / "quotabot.db"
        shutil.copyfile(template, target)
        yield f"sqlite+aiosqlite:///{target}"
        return
    server: postgres.PgServer = request.getfixturevalue("pg_server")
    databases: Prefetch = request.getfixturevalue("pg_databases")
    name = await asyncio.to_thread(databases.take)
    yield server.url(name)
    await _admin(server.port, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def clock() -> FakeClock:
    # A Wednesday mid-quarter, 15:00 UTC: "today" is the same day in Europe and the Americas.
    return FakeClock(datetime(2026, 11, 18, 15, 0, tzinfo=UTC))


def make_settings(db_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {"database_url": db_url, "timezone": "UTC", "currency": "USD"}
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
async def services(db_url: str, clock: FakeClock) -> AsyncIterator[Services]:
    built = build_services(make_settings(db_url), clock=clock, auto_migrate=False)
    try:
        yield built
    finally:
        await built.engine.dispose()

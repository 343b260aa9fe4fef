"""Fixtures: every database test runs on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import asyncio
import itertools
import os
import shutil
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
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
    template_name: str = request.getfixturevalue("pg_template")
    name = f"t{os.getpid()}_{next(_counter)}"
    conn = await asyncpg.connect(host="127.0.0.1", port=server.port, user="postgres")
    try:
        await conn.execute(f'CREATE DATABASE "{name}" TEMPLATE {template_name}')
    finally:
        await conn.close()
    yield server.url(name)
    conn = await asyncpg.connect(host="127.0.0.1", port=server.port, user="postgres")
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


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

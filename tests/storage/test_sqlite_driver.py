"""The inline SQLite driver: writers queue on the loop, never in SQLite, and never deadlock."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select, text, update

from storage import migrate, sqlite_driver
from storage.db import create_engine, session_factory
from storage.models import Workspace


@pytest.fixture
def db_file(tmp_path: Path, sqlite_template: Path) -> Path:
    target = tmp_path / "driver.db"
    target.write_bytes(sqlite_template.read_bytes())
    return target


def url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


async def test_the_engine_runs_on_the_inline_driver(db_file: Path) -> None:
    engine = create_engine(url(db_file))
    try:
        assert engine.dialect.driver == "quotabot"
        async with engine.connect() as conn:
            assert (await conn.execute(text("PRAGMA journal_mode"))).scalar() == "wal"
            assert (await conn.execute(text("PRAGMA busy_timeout"))).scalar() == 0
    finally:
        await engine.dispose()


async def test_two_writers_in_one_process_take_turns_and_both_commit(db_file: Path) -> None:
    engine = create_engine(url(db_file))
    sessions = session_factory(engine)
    order: list[str] = []
    first_in = asyncio.Event()

    async def writer(name: str, hold: bool) -> None:
        async with sessions() as session, session.begin():
            session.add(Workspace(platform="console", external_id=name, name=name))
            await session.flush()  # BEGIN IMMEDIATE: the write lock is taken here
            order.append(f"{name} wrote")
            if hold:
                first_in.set()
                # Yield to the loop while holding the write lock: the other writer must wait.
                for _ in range(20):
                    await asyncio.sleep(0)
            order.append(f"{name} commits")

    try:
        one = asyncio.create_task(writer("one", hold=True))
        await first_in.wait()
        await writer("two", hold=False)
        await one
        async with sessions() as session:
            names = set(await session.scalars(select(Workspace.external_id)))
        assert {"one", "two"} <= names
        assert order == ["one wrote", "one commits", "two wrote", "two commits"]
    finally:
        await engine.dispose()


async def test_another_process_holding_the_lock_is_waited_out_without_blocking_the_loop(
    db_file: Path,
) -> None:
    other = sqlite3.connect(db_file, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # as the scheduler process would, mid-write
    engine = create_engine(url(db_file))
    sessions = session_factory(engine)
    ticked = asyncio.Event()

    async def loop_stays_alive() -> None:
        for _ in range(50):
            await asyncio.sleep(0)
        ticked.set()

    async def write() -> None:
        async with sessions() as session, session.begin():
            session.add(Workspace(platform="console", external_id="late", name="late"))

    alive = asyncio.create_task(loop_stays_alive())
    waiting = asyncio.create_task(write())
    try:
        await ticked.wait()  # the loop ran 50 turns while the write waited for the lock
        assert not waiting.done()
        other.execute("COMMIT")
        await waiting
        async with sessions() as session:
            found = await session.scalar(
                select(func.count()).where(Workspace.external_id == "late")
            )
        assert found == 1
    finally:
        alive.cancel()
        other.close()
        await engine.dispose()


async def test_a_lock_never_released_ends_in_database_is_locked(
    db_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sqlite_driver, "LOCK_WAIT", 0.05)
    other = sqlite3.connect(db_file, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    engine = create_engine(url(db_file))
    sessions = session_factory(engine)
    try:
        with pytest.raises(Exception, match="database is locked"):
            async with sessions() as session, session.begin():
                session.add(Workspace(platform="console", external_id="never", name="never"))
        # Nothing half-done stays behind: the next writer gets the lock once it is free.
        other.execute("ROLLBACK")
        async with sessions() as session, session.begin():
            session.add(Workspace(platform="console", external_id="after", name="after"))
    finally:
        other.close()
        await engine.dispose()


async def test_a_failed_transaction_gives_the_lock_back(db_file: Path) -> None:
    engine = create_engine(url(db_file))
    sessions = session_factory(engine)
    try:
        with pytest.raises(RuntimeError):
            async with sessions() as session, session.begin():
                session.add(Workspace(platform="console", external_id="gone", name="gone"))
                await session.flush()
                raise RuntimeError("the handler failed")
        async with sessions() as session, session.begin():
            session.add(Workspace(platform="console", external_id="kept", name="kept"))
        async with sessions() as session:
            names = set(await session.scalars(select(Workspace.external_id)))
        assert "kept" in names and "gone" not in names
    finally:
        await engine.dispose()


async def test_counts_and_many_rows_come_back_as_sqlite_gives_them(db_file: Path) -> None:
    engine = create_engine(url(db_file))
    sessions = session_factory(engine)
    try:
        async with sessions() as session, session.begin():
            session.add_all(
                Workspace(platform="console", external_id=f"w{i}", name=f"W{i}") for i in range(5)
            )
        async with sessions() as session, session.begin():
            result = await session.execute(
                update(Workspace).where(Workspace.external_id.like("w%")).values(currency="EUR")
            )
            assert result.rowcount == 5  # type: ignore[attr-defined]
            rows = (
                await session.execute(
                    select(Workspace.external_id, Workspace.currency)
                    .where(Workspace.external_id.like("w%"))
                    .order_by(Workspace.external_id)
                )
            ).all()
        assert [tuple(r) for r in rows] == [(f"w{i}", "EUR") for i in range(5)]
    finally:
        await engine.dispose()


def test_migrations_run_on_the_inline_driver(tmp_path: Path) -> None:
    target = tmp_path / "fresh.db"
    migrate.upgrade(url(target))
    with sqlite3.connect(target) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert {"workspaces", "users", "activities", "inbox"} <= tables

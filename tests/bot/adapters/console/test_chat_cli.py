"""`quotabot chat`, `demo` and `db` as a person runs them, through a pipe, on each backend."""

from __future__ import annotations

import asyncio
import itertools
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from storage.db import create_engine
from tests.conftest import BACKENDS
from tests.support.postgres import PgServer

ACCEPTANCE = "/log 3 calls Acme\nclosed Initech for $24k\n/quota\n/pipeline\n/leaderboard\n"
_names = itertools.count()


@pytest.fixture(params=BACKENDS)
def fresh_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database nothing has touched yet: a new SQLite file, or an empty PostgreSQL one."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'quotabot.db'}"
        return
    server: PgServer = request.getfixturevalue("pg_server")
    name = f"cli_{os.getpid()}_{next(_names)}"
    yield server.create_database(name)
    server.drop_database(name)


def quotabot(args: list[str], url: str, stdin: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "QUOTABOT_"))}
    env["QUOTABOT_DATABASE_URL"] = url
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def set_up(url: str) -> None:
    """SQLite migrates itself on first use; on PostgreSQL the operator upgrades first."""
    if not url.startswith("sqlite"):
        done = quotabot(["db", "upgrade"], url, "")
        assert done.returncode == 0, done.stderr


def rows(url: str, sql: str) -> list[tuple[Any, ...]]:
    async def query() -> list[tuple[Any, ...]]:
        engine = create_engine(url)
        try:
            async with engine.connect() as conn:
                return [tuple(row) for row in await conn.execute(text(sql))]
        finally:
            await engine.dispose()

    return asyncio.run(query())


def test_piped_chat_answers_each_line_and_saves(fresh_db: str) -> None:
    set_up(fresh_db)
    done = quotabot(["chat", "--as", "alice"], fresh_db, ACCEPTANCE)
    assert done.returncode == 0, done.stderr
    replies = [block for block in done.stdout.strip().split("\n\n") if block.strip()]
    assert len(replies) == 5
    assert replies[0].startswith("✅ Logged 3 calls with Acme for today")
    assert replies[1].startswith("🎉 Closed-won: Initech for $24,000")
    assert "No quota is set for you" in replies[2]
    assert "Your pipeline is empty" in replies[3]
    board = replies[4]
    assert "leaderboard" in board.lower()
    assert re.search(r"\balice\s+3\b", board)  # her row on the board: her 3 calls
    assert rows(fresh_db, "select kind, count from activities") == [("call", 3)]
    assert rows(fresh_db, "select stage, amount_minor from deals") == [("won", 2_400_000)]
    assert rows(fresh_db, "select u.name from activities a join users u on u.id = a.user_id") == [
        ("alice",)
    ]


def test_demo_seeds_once_and_chats_as_a_rep(fresh_db: str) -> None:
    set_up(fresh_db)
    first = quotabot(["demo"], fresh_db, "how am I tracking?\n")
    assert first.returncode == 0, first.stderr
    assert "Seeded the demo workspace" in first.stderr
    assert "of $45,000 for" in first.stdout
    second = quotabot(["demo"], fresh_db, "/leaderboard\n")
    assert "Using the demo workspace" in second.stderr
    assert rows(fresh_db, "select count(*) from workspaces") == [(1,)]
    assert rows(fresh_db, "select count(*) from users where role = 'rep'") == [(12,)]


def test_malformed_configuration_names_the_variable(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "QUOTABOT_"))}
    env["QUOTABOT_TIMEZONE"] = "Mars/Olympus"
    done = subprocess.run(
        [sys.executable, "-m", "bot", "chat"],
        input="",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "QUOTABOT_TIMEZONE" in done.stderr


def test_db_upgrade_and_current(fresh_db: str) -> None:
    before = quotabot(["db", "current"], fresh_db, "")
    assert "database: (empty)" in before.stdout and "quotabot db upgrade" in before.stdout
    done = quotabot(["db", "upgrade"], fresh_db, "")
    assert done.returncode == 0 and "up to date" in done.stdout
    after = quotabot(["db", "current"], fresh_db, "")
    database, code = after.stdout.splitlines()[:2]
    assert database.split(":")[1].strip() == code.split(":")[1].strip()
    assert "quotabot db upgrade" not in after.stdout
    assert rows(fresh_db, "select count(*) from alembic_version") == [(1,)]

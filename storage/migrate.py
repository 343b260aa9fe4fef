"""Alembic driven from code: `quotabot db upgrade`, `db current` and start-up upgrades."""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from storage.db import create_engine

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "heads") -> None:
    """Apply migrations; safe to call on every start (a no-op when up to date)."""
    command.upgrade(alembic_config(url), revision)


def _current(conn: Connection) -> set[str]:
    return set(MigrationContext.configure(conn).get_current_heads())


async def _read_current(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(_current)
    finally:
        await engine.dispose()


def current(url: str) -> tuple[set[str], set[str]]:
    """(revisions applied to the database, head revisions in the code)."""
    heads = set(ScriptDirectory.from_config(alembic_config(url)).get_heads())
    return asyncio.run(_read_current(url)), heads

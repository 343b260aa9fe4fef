"""Migrations apply, match the models, and roll back, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection

from storage import migrate
from storage.db import create_engine
from storage.models import Base


def _diff(conn: Connection) -> list[object]:
    return list(compare_metadata(MigrationContext.configure(conn), Base.metadata))


async def _model_diff(url: str) -> list[object]:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(_diff)
    finally:
        await engine.dispose()


async def test_schema_matches_models_after_upgrade(db_url: str) -> None:
    assert await _model_diff(db_url) == []
    applied, heads = await asyncio.to_thread(migrate.current, db_url)
    assert applied == heads


async def test_downgrade_to_base_and_back(db_url: str) -> None:
    config = migrate.alembic_config(db_url)
    await asyncio.to_thread(command.downgrade, config, "base")
    applied, _ = await asyncio.to_thread(migrate.current, db_url)
    assert applied == set()
    await asyncio.to_thread(migrate.upgrade, db_url)
    assert await _model_diff(db_url) == []

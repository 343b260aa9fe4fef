"""Bulk mode for a CLI activities import: per-row work the import's own transaction can skip
(triggers, index upkeep, foreign-key checks), put back before it commits."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

# SQLite's page cache for the import (KiB when negative): a million rows and their indexes
# stay in memory instead of spilling to the WAL mid-transaction (~2x faster at 1M).
CACHE_KIB = 256 * 1024
WORK_MEM = "64MB"


@asynccontextmanager
async def bulk(
    session: AsyncSession, kind: str, workspace_id: int, lines: int, *, keep: bool
) -> AsyncIterator[None]:
    """Around one `load` inside `import_file`'s transaction, never a shared one: the
    changes here are seen by nobody else and undone by its rollback. `keep` False (a dry run,
    rolled back anyway) skips putting back what the rollback puts back."""
    if kind != "activities":
        yield
    elif session.get_bind().dialect.name == "sqlite":
        async with _sqlite(session, lines, keep):
            yield
    else:
        await _postgresql(session, workspace_id)
        yield


@asynccontextmanager
async def _sqlite(session: AsyncSession, lines: int, keep: bool) -> AsyncIterator[None]:
    """Drop the rollup triggers (the import adds its rows to the rollups at the end) and,
    for a file at least as big as the table, its secondary indexes (one sorted build each
    afterwards beats a million random insertions), then create them again from their own
    SQL. DDL in SQLite is transactional and this transaction holds the one write lock: other
    writers wait, readers see the schema as it was, and a failure rolls it all back."""
    conn = await session.connection()
    cache = await conn.exec_driver_sql("PRAGMA cache_size")
    before = int(cache.scalar_one())
    await conn.exec_driver_sql(f"PRAGMA cache_size=-{CACHE_KIB}")
    try:
        rows = int((await conn.exec_driver_sql("SELECT max(id) FROM activities")).scalar() or 0)
        wanted = ("trigger", "index") if lines >= rows else ("trigger",)
        found = await conn.exec_driver_sql(
            "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'activities' "
            "AND sql IS NOT NULL ORDER BY type DESC"
        )
        listed: list[Any] = list(found)
        dropped = [(str(k), str(n), str(sql)) for k, n, sql in listed if k in wanted]
        for kind, name, _ in dropped:
            await conn.exec_driver_sql(f'DROP {kind.upper()} "{name}"')
        yield
        if keep:
            # Indexes first ("index" sorts before "trigger"), as the migrations made them.
            for _, _, sql in sorted(dropped):
                await conn.exec_driver_sql(sql)
    finally:
        await conn.exec_driver_sql(f"PRAGMA cache_size={before}")


async def _postgresql(session: AsyncSession, workspace_id: int) -> None:
    """session_replication_role = replica for this transaction only: no foreign-key check and
    no rollup trigger per COPY (~3x the rows/s); nobody else's triggers change and no table is
    locked, so chat writes go on meanwhile. The checks the foreign keys made are made set-wise
    instead: the import reads its workspace, people and accounts FOR KEY SHARE (as each
    key check would lock them) and writes only ids it read or created; the rollups get the
    import's tally (storage.rollups.pause sees the role). It needs a superuser or, on
    PostgreSQL 15+, GRANT SET ON PARAMETER session_replication_role; without that the
    import runs with the triggers, only slower."""
    try:
        async with session.begin_nested():
            await session.execute(text("SET LOCAL session_replication_role = replica"))
    except DBAPIError:
        return
    await session.execute(
        text("SELECT 1 FROM workspaces WHERE id = :ws FOR KEY SHARE"), {"ws": workspace_id}
    )
    # The rollups' one upsert sorts a year or two of person-days: in memory, not on disk.
    await session.execute(text(f"SET LOCAL work_mem = '{WORK_MEM}'"))

"""Alembic environment: runs migrations over our async engine."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy import Connection

import storage.models
from storage.db import create_engine

target_metadata = storage.models.Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite can only ALTER by copying the table.
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _online() -> None:
    url = context.config.get_main_option("sqlalchemy.url")
    assert url
    engine = create_engine(url)
    async with engine.connect() as conn:
        await conn.run_sync(_run)
        await conn.commit()
    await engine.dispose()


def _in_thread() -> None:
    # `quotabot` may call upgrade from inside a running loop (tests, serve start-up).
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(_online())
        return
    import threading

    errors: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(_online())
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]


_in_thread()

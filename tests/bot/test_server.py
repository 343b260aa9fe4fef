"""The probes a load balancer asks: /healthz (the process answers) and /readyz (the database
answers too), against the real ASGI app on each database backend."""

from __future__ import annotations

from pathlib import Path

import asyncpg
import httpx
from sqlalchemy.engine import make_url

from bot.server import create_app
from bot.services import Services


async def probe(services: Services, path: str) -> httpx.Response:
    transport = httpx.ASGITransport(app=create_app(services))
    async with httpx.AsyncClient(transport=transport, base_url="http://quotabot.test") as http:
        return await http.get(path)


def unreadable(path: Path) -> None:
    path.unlink()
    path.mkdir()  # a directory where the file was: SQLite can neither open nor create it


async def take_database_away(services: Services, db_url: str) -> None:
    """The database goes away under the running app: dropped, or its file unreadable."""
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite":
        unreadable(Path(str(url.database)))
        await services.engine.dispose()  # pooled connections would keep reading the old file
        return
    # PostgreSQL ends the pooled connections too: the app finds out on its next query.
    conn = await asyncpg.connect(host=url.host, port=url.port, user=url.username)
    try:
        await conn.execute(f'DROP DATABASE "{url.database}" WITH (FORCE)')
    finally:
        await conn.close()


async def test_healthz_and_readyz_answer_when_the_database_is_up(services: Services) -> None:
    health = await probe(services, "/healthz")
    ready = await probe(services, "/readyz")
    assert (health.status_code, health.json()) == (200, {"status": "ok"})
    assert (ready.status_code, ready.json()) == (200, {"status": "ready"})


async def test_readyz_is_503_when_the_database_is_down_and_healthz_still_200(
    services: Services, db_url: str
) -> None:
    assert (await probe(services, "/readyz")).status_code == 200  # a pooled connection
    await take_database_away(services, db_url)

    ready = await probe(services, "/readyz")
    health = await probe(services, "/healthz")

    assert (ready.status_code, ready.json()) == (503, {"status": "database unreachable"})
    assert health.status_code == 200

"""One ASGI app: Slack at /slack/*, Teams at /api/messages, health and readiness probes."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Response
from sqlalchemy import text

from bot import lifespan
from bot.services import Services

log = logging.getLogger(__name__)


def create_app(services: Services) -> FastAPI:
    app = FastAPI(title="QuotaBot", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.services = services

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz")
    async def readyz(response: Response) -> dict[str, str]:
        try:
            async with services.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        except Exception:
            log.warning("database not reachable for /readyz")
            response.status_code = 503
            return {"status": "database unreachable"}
        return {"status": "ready"}

    # Runs only under a real ASGI server (uvicorn sends lifespan events), never per test.
    lifespan.around(app, lifespan.freeze_startup_objects)

    from bot.adapters import slack, teams

    for adapter in (slack, teams):
        status = adapter.mount(app, services)
        log.info(status)
        app.state.adapter_status = [*getattr(app.state, "adapter_status", []), status]
    return app

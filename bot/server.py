"""One ASGI app: Slack at /slack/*, Teams at /api/messages, probes, /metrics, the inbox."""

from __future__ import annotations

import logging
from datetime import timedelta

from fastapi import FastAPI, Response
from sqlalchemy import text

from bot import chart_route, frontends, lifespan
from bot.http_guard import Check, Guard
from bot.http_metrics import HttpMetrics
from bot.inbox_job import WorkerConfig
from bot.inbox_worker import InboxWorker
from bot.metrics import CONTENT_TYPE, Metrics
from bot.services import Services

log = logging.getLogger(__name__)


def create_app(services: Services) -> FastAPI:
    app = FastAPI(title="QuotaBot", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.services = services
    settings = services.settings
    sqlite = services.engine.dialect.name == "sqlite"
    config = WorkerConfig(
        concurrency=settings.inbox_concurrency or (2 if sqlite else 8),
        lease=timedelta(seconds=settings.inbox_lease_seconds),
    )
    inbox = InboxWorker(services.sessions, settings, services.clock, config)
    app.state.inbox = inbox
    metrics = app.state.metrics = Metrics()

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

    @app.get("/metrics")
    async def scrape() -> Response:
        """Prometheus text format (bot/metrics.py); the shared figures are read now."""
        await metrics.refresh(services.sessions, inbox, services.clock())
        return Response(metrics.exposition(), media_type=CONTENT_TYPE)

    # Runs only under a real ASGI server (uvicorn sends lifespan events), never per test.
    lifespan.around(app, lifespan.freeze_startup_objects)

    from bot.adapters import slack, teams
    from bot.adapters.slack import wiring as slack_wiring
    from bot.adapters.teams import wiring as teams_wiring

    for frontend in frontends.describe(settings):
        log.info(frontend.line())  # the mode, or exactly which variable is missing
    for adapter in (slack, teams):
        status = adapter.mount(app, services)
        log.debug(status)
        app.state.adapter_status = [*getattr(app.state, "adapter_status", []), status]
    checks: dict[str, Check] = {}
    for wiring in (slack_wiring, teams_wiring):
        checks.update(wiring.attach(app, services, inbox))
    chart_route.attach(app, services)
    shortcuts = slack_wiring.shortcuts(app)
    app.add_middleware(Guard, checks=checks, in_flight=inbox.requests, shortcuts=shortcuts)
    app.add_middleware(HttpMetrics, metrics=metrics, routes=app.router.routes)

    async def start() -> None:
        inbox.start()

    async def stop() -> None:
        # SIGTERM: uvicorn has stopped accepting and finished its requests by now.
        await inbox.stop(settings.shutdown_seconds)

    lifespan.around(app, start, stop)
    return app

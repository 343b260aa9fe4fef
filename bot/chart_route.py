"""GET /charts/<signed token>.png: a reply's chart as PNG for Slack's and Teams' image
fetchers (no login: the token is the permission, and it expires); nothing else is served."""

from __future__ import annotations

import asyncio
import logging
from functools import lru_cache

from fastapi import FastAPI, Response

from bot import charts
from bot.charts.links import BadLink, ChartLinks, configure, from_settings
from bot.services import Services

log = logging.getLogger(__name__)
# Slack's and Teams' fetchers may ask again for the same picture: the last few are kept.
CACHED = 64
# As long as the link itself lives; private: no shared cache between readers.
CACHE_CONTROL = "private, max-age=3600"


def links_for(services: Services) -> ChartLinks | None:
    settings = services.settings
    secret = settings.secret_key.get_secret_value() if settings.secret_key else None
    return from_settings(settings.public_url, secret, services.clock)


def attach(app: FastAPI, services: Services) -> None:
    links = links_for(services)
    configure(links)
    if links is None:
        log.info("charts: QUOTABOT_PUBLIC_URL or QUOTABOT_SECRET_KEY unset, answers stay text")
        return

    @lru_cache(maxsize=CACHED)
    def png(token: str) -> bytes:
        return charts.render(links.open(token))

    @app.get("/charts/{token}.png", include_in_schema=False)
    async def chart(token: str) -> Response:
        try:
            body = await asyncio.get_running_loop().run_in_executor(charts.PAINTER, png, token)
        except BadLink as exc:
            # One answer for forged, foreign and expired links: nothing to tell them apart.
            log.info("chart link refused: %s", exc)
            return Response(status_code=404)
        return Response(body, media_type="image/png", headers={"Cache-Control": CACHE_CONTROL})

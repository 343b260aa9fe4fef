"""Signed, short-lived chart URLs: the chart itself rides in the URL, sealed with a key from
QUOTABOT_SECRET_KEY (Fernet: AES and an HMAC-SHA256 over a timestamp), so nothing is stored
and any replica (or the scheduler's process) makes links every other one can serve."""

from __future__ import annotations

import base64
import zlib
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from pydantic import TypeAdapter, ValidationError

from core.messages import Chart

# Slack's image block takes an image_url of at most 3,000 characters: a longer link is not
# made, and the reply keeps its text bars and table instead.
MAX_URL = 3000
# How long a link serves: Slack fetches a posted image at once and keeps its own copy, but
# Teams clients fetch a card's image whenever they show it; a day covers the reading of a
# day's answers, and an old link reveals nothing after it.
LIFE = timedelta(days=1)
PATH = "/charts/"
# Its own key from the secret (HKDF info): a chart link never opens a stored Slack token.
_INFO = b"quotabot chart links v1"
_CHART: TypeAdapter[Chart] = TypeAdapter(Chart)


class BadLink(Exception):
    """Tampered, made with another key, expired, or not a chart at all."""


class ChartLinks:
    def __init__(
        self,
        base_url: str,
        secret_key: str,
        clock: Callable[[], datetime],
        life: timedelta = LIFE,
    ) -> None:
        raw = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(
            secret_key.encode()
        )
        self._fernet = Fernet(base64.urlsafe_b64encode(raw))
        self.base = base_url.rstrip("/")
        self.clock = clock
        self.life = life

    def token(self, chart: Chart) -> str:
        # The alt text goes in the message, not the picture: left out, the link stays short.
        data = _CHART.dump_json(replace(chart, alt=""), exclude_defaults=True)
        now = int(self.clock().timestamp())
        return self._fernet.encrypt_at_time(zlib.compress(data, 9), now).decode()

    def url(self, chart: Chart) -> str | None:
        url = f"{self.base}{PATH}{self.token(chart)}.png"
        return url if len(url) <= MAX_URL else None

    def open(self, token: str) -> Chart:
        now = int(self.clock().timestamp())
        try:
            data = self._fernet.decrypt_at_time(token.encode(), int(self.life.total_seconds()), now)
            return _CHART.validate_json(zlib.decompress(data))
        except (InvalidToken, zlib.error, ValidationError, ValueError) as exc:
            raise BadLink(str(exc) or type(exc).__name__) from exc


_current: ChartLinks | None = None


def from_settings(
    public_url: str | None, secret_key: str | None, clock: Callable[[], datetime]
) -> ChartLinks | None:
    """Links when this deployment serves charts (both settings set), else None."""
    if not public_url or not secret_key:
        return None
    return ChartLinks(public_url, secret_key, clock)


def configure(links: ChartLinks | None) -> None:
    """Set once at start-up by bot/chart_route.py when QuotaBot serves HTTP at a public URL."""
    global _current
    _current = links


def current() -> ChartLinks | None:
    """The links replies carry now; None (no image blocks) when nothing serves them."""
    return _current


def link(chart: Chart | None) -> str | None:
    links = current()
    return links.url(chart) if links is not None and chart is not None else None

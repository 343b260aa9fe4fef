"""The pooled HTTP session for response_url posts, with the environment's proxy read once."""

from __future__ import annotations

import json
import urllib.request
from typing import Any
from urllib.parse import urlsplit

from aiohttp import ClientSession, ClientTimeout

_JSON = {"Content-Type": "application/json;charset=utf-8"}
# slack_sdk's webhook timeout, which this replaces: past it, the reply goes as a DM instead.
_WITHIN = ClientTimeout(total=10)


class Webhooks:
    """One pool for every response_url post (slack-sdk would open one per post).

    HTTPS_PROXY / HTTP_PROXY / NO_PROXY are honoured as slack_sdk's clients honour them:
    read from the environment once, when the pool opens. aiohttp's `trust_env` would
    instead re-read them, and parse ~/.netrc, on a worker thread for every post (issue
    18's profile: a tenth of the serving thread's time went to that under a burst)."""

    def __init__(self) -> None:
        self._session: ClientSession | None = None
        self._proxies: dict[str, str] = {}
        self._by_host: dict[tuple[str, str], str | None] = {}

    def _pool(self) -> ClientSession:
        if self._session is None or self._session.closed:
            self._session = ClientSession()
            self._proxies = urllib.request.getproxies_environment()
            self._by_host = {}
        return self._session

    def proxy_for(self, url: str) -> str | None:
        """The proxy a post to `url` goes through, if the environment names one."""
        parts = urlsplit(url)
        key = (parts.scheme, parts.hostname or "")
        if key not in self._by_host:
            proxy = self._proxies.get(parts.scheme)
            bypass = proxy and urllib.request.proxy_bypass(key[1])
            self._by_host[key] = None if bypass else proxy
        return self._by_host[key]

    async def post_json(self, url: str, body: dict[str, Any]) -> int:
        """POST one JSON body to a response_url: its HTTP status. Plain aiohttp: slack_sdk's
        webhook client cost as much CPU again per reply (issue 18's profile)."""
        session = self._pool()
        data = json.dumps(body, separators=(",", ":"))
        post = session.post(
            url, data=data, headers=_JSON, timeout=_WITHIN, proxy=self.proxy_for(url)
        )
        async with post as response:
            await response.read()
            return response.status

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()

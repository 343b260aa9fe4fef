"""Outbound tokens for the Bot Connector: OAuth client credentials at a configurable authority.

Microsoft's identity platform serves each tenant below its authority: OpenID metadata at
`{authority}/{tenant}/v2.0/.well-known/openid-configuration`, whose `token_endpoint` takes a
client-credentials grant. The authority is QUOTABOT_TEAMS_AUTHORITY_URL (public cloud by
default; GCC High, DoD and China have their own), so the whole signed-token path, replies
included, can run against a local identity provider in tests. We do the two requests with
httpx rather than MSAL, which insists on https and asks login.microsoftonline.com to vouch
for any other host before it will talk to it.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx

# The public cloud's authority, and the tenant Bot Framework issues multi-tenant tokens in.
PUBLIC_AUTHORITY = "https://login.microsoftonline.com"
BOT_FRAMEWORK_TENANT = "botframework.com"
# Tokens are renewed this long before they expire (a send may be queued a little while).
EARLY = 300.0


class TokenError(Exception):
    """The identity provider refused or could not be reached."""


class ClientCredentials:
    """The SDK's TokenProviderProtocol: an app-only token per (scope, tenant), cached."""

    def __init__(
        self,
        client_id: str,
        client_secret: str,
        *,
        tenant_id: str | None = None,
        authority: str = PUBLIC_AUTHORITY,
        http: httpx.AsyncClient | None = None,
    ) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.tenant_id = tenant_id or BOT_FRAMEWORK_TENANT
        self.authority = authority.rstrip("/")
        self._http = http
        self._endpoints: dict[str, str] = {}
        self._tokens: dict[tuple[str, str], tuple[str, float]] = {}
        self._lock = asyncio.Lock()

    async def get_app_token(self, scope: str, tenant_id: str | None = None) -> str:
        tenant = tenant_id or self.tenant_id
        cached = self._tokens.get((scope, tenant))
        if cached is not None and cached[1] > time.monotonic():
            return cached[0]
        async with self._lock:
            endpoint = self._endpoints.get(tenant)
            if endpoint is None:
                endpoint = await self._discover(tenant)
                self._endpoints[tenant] = endpoint
            answer = await self._post(endpoint, scope)
        token, lifetime = answer.get("access_token"), answer.get("expires_in", 3600)
        if not isinstance(token, str) or not token:
            raise TokenError("the token endpoint answered without an access_token")
        expires = time.monotonic() + max(float(lifetime) - EARLY, 30.0)
        self._tokens[(scope, tenant)] = (token, expires)
        return token

    async def _discover(self, tenant: str) -> str:
        url = f"{self.authority}/{tenant}/v2.0/.well-known/openid-configuration"
        endpoint = (await self._json("GET", url)).get("token_endpoint")
        if not isinstance(endpoint, str):
            raise TokenError(f"{url} names no token_endpoint")
        return endpoint

    async def _post(self, endpoint: str, scope: str) -> dict[str, Any]:
        form = {
            "grant_type": "client_credentials",
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "scope": scope,
        }
        return await self._json("POST", endpoint, data=form)

    async def _json(self, method: str, url: str, **kwargs: Any) -> dict[str, Any]:
        try:
            if self._http is not None:
                response = await self._http.request(method, url, **kwargs)
            else:
                async with httpx.AsyncClient(timeout=10) as http:
                    response = await http.request(method, url, **kwargs)
            response.raise_for_status()
            data = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise TokenError(f"{method} {url}: {exc}") from exc
        if not isinstance(data, dict):
            raise TokenError(f"{url} did not answer a JSON object")
        return data

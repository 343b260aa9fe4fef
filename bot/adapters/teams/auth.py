"""Inbound authentication: a Bot Framework JWT, checked by the Teams SDK's TokenValidator."""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import httpx
import jwt

if TYPE_CHECKING:
    from microsoft_teams.apps.auth import TokenValidator

log = logging.getLogger(__name__)

# Bot Framework publishes its signing keys through this OpenID document (public cloud).
BOT_FRAMEWORK_OPENID = "https://login.botframework.com/v1/.well-known/openidconfiguration"
BOT_FRAMEWORK_ISSUER = "https://api.botframework.com"
# Bot Framework asks bots to refresh the metadata at least daily (keys roll over).
METADATA_TTL = timedelta(hours=24)
# An unknown key id makes us re-read the key set at most this often (no fetch amplification).
KEYS_REFRESH = timedelta(minutes=5)


class Unauthorized(Exception):
    """The request does not carry a token we accept; answer 401 and touch nothing."""


class KeysUnavailable(Exception):
    """The OpenID metadata or key set could not be fetched; answer 503 so Teams retries."""


@dataclass(frozen=True)
class Verified:
    """A token whose signature, issuer, audience and expiry passed; not yet tied to a body."""

    token: str
    claims: dict[str, Any]


class InboundAuth:
    """Validates `Authorization: Bearer <jwt>` on /api/messages.

    Issuer, audience (our app id), signature against the key set named by the OpenID metadata
    and expiry are checked by the SDK's `TokenValidator` before the body is parsed; then
    `bind` ties the token to the activity (`serviceurl` claim, key endorsement). We add the
    OpenID discovery (the SDK derives the key URL by string replacement and cannot be pointed
    at a local key set) and run the check in a worker thread, because the SDK fetches keys
    with PyJWT's synchronous client, which would block the loop.
    """

    def __init__(
        self,
        app_id: str,
        *,
        openid_url: str = BOT_FRAMEWORK_OPENID,
        issuers: tuple[str, ...] = (BOT_FRAMEWORK_ISSUER,),
        http: httpx.AsyncClient | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.app_id = app_id
        self.openid_url = openid_url
        self.issuers = list(issuers)
        self._http = http
        self._clock = clock
        self._validator: TokenValidator | None = None
        self._fetched_at: datetime | None = None
        self._jwks_uri = ""
        # kid -> channels the key may sign for (Bot Framework "endorsements"); empty: any.
        self._endorsements: dict[str, frozenset[str]] = {}
        self._keys_at: datetime | None = None
        self._lock = asyncio.Lock()

    async def check(self, authorization: str | None) -> Verified:
        """The token alone (signature, issuer, audience, expiry), before the body is read."""
        scheme, _, token = (authorization or "").partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise Unauthorized("missing bearer token")
        validator = await self._current_validator()
        try:
            claims: dict[str, Any] = await asyncio.to_thread(
                asyncio.run, validator.validate_token(token, None)
            )
        except jwt.PyJWKClientConnectionError as exc:
            raise KeysUnavailable(str(exc)) from exc
        except jwt.PyJWTError as exc:
            raise Unauthorized(str(exc)) from exc
        # PyJWT checks `exp` only when present; a token that never expires is refused.
        if not isinstance(claims.get("exp"), int | float):
            raise Unauthorized("token has no expiry")
        return Verified(token, claims)

    async def bind(
        self, verified: Verified, service_url: str | None, channel_id: str | None
    ) -> None:
        """The activity is the token's: its serviceUrl is the token's claim, and the signing
        key is endorsed for its channel."""
        claimed = verified.claims.get("serviceurl")
        if not service_url or not isinstance(claimed, str):
            raise Unauthorized("no serviceUrl to match the token's claim")
        if claimed.rstrip("/") != service_url.rstrip("/"):
            raise Unauthorized("the activity's serviceUrl is not the token's")
        await self._check_endorsement(verified.token, channel_id or "")

    async def _check_endorsement(self, token: str, channel_id: str) -> None:
        """Bot Framework keys list the channels they sign for; the activity's must be one.

        The SDK's validator does not check this step of the Bot Framework auth protocol.
        """
        kid = str(jwt.get_unverified_header(token).get("kid") or "")
        channels = self._endorsements.get(kid)
        if channels is None:
            async with self._lock:
                now = self._clock()
                # A key we have not seen: re-read the key set, at most every few minutes.
                if self._keys_at is None or now - self._keys_at > KEYS_REFRESH:
                    await self._load_endorsements()
            channels = self._endorsements.get(kid)
        if channels is None:
            raise Unauthorized("signing key not in the published key set")
        if channels and channel_id not in channels:
            raise Unauthorized(f"signing key is not endorsed for channel {channel_id!r}")

    async def _load_endorsements(self) -> None:
        keys = (await self._get_json(self._jwks_uri)).get("keys")
        found: dict[str, frozenset[str]] = {}
        for key in keys if isinstance(keys, list) else ():
            if isinstance(key, dict) and key.get("kid"):
                endorsed = key.get("endorsements")
                channels = endorsed if isinstance(endorsed, list) else ()
                found[str(key["kid"])] = frozenset(str(c) for c in channels)
        self._endorsements = found
        self._keys_at = self._clock()

    async def _current_validator(self) -> TokenValidator:
        async with self._lock:
            now = self._clock()
            fresh = self._fetched_at is not None and now - self._fetched_at < METADATA_TTL
            if self._validator is None or not fresh:
                jwks_uri = (await self._get_json(self.openid_url)).get("jwks_uri")
                if not isinstance(jwks_uri, str):
                    raise KeysUnavailable("OpenID metadata has no jwks_uri")
                self._jwks_uri = jwks_uri
                self._validator = _validator(self.app_id, self.issuers, jwks_uri)
                self._endorsements = {}
                self._keys_at = None
                self._fetched_at = now
            return self._validator

    async def _get_json(self, url: str) -> dict[str, Any]:
        try:
            if self._http is not None:
                response = await self._http.get(url)
            else:
                async with httpx.AsyncClient(timeout=10) as http:
                    response = await http.get(url)
            response.raise_for_status()
            data = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            log.warning("Teams: could not read %s: %s", url, exc)
            raise KeysUnavailable(str(exc)) from exc
        if not isinstance(data, dict):
            raise KeysUnavailable(f"{url} did not return a JSON object")
        return data


def _validator(app_id: str, issuers: list[str], jwks_uri: str) -> TokenValidator:
    # Imported late: microsoft_teams.apps imports the whole App, which loads a .env file into
    # os.environ and warns about preview features; only a credentialed process pays for that.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from microsoft_teams.apps.auth import TokenValidator
        from microsoft_teams.apps.auth.token_validator import JwtValidationOptions

    options = JwtValidationOptions(
        valid_issuers=issuers,
        valid_audiences=[app_id, f"api://{app_id}"],
        jwks_uri=jwks_uri,
    )
    return TokenValidator(options)

"""Teams token checks one by one, with the reason each refusal gives; when the OpenID metadata
and the key set are read again (a fixed clock, every request counted)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import jwt
import pytest

from bot.adapters.teams.auth import InboundAuth, KeysUnavailable, Unauthorized, Verified
from tests.bot.adapters.teams.fake_connector import FakeConnector
from tests.bot.adapters.teams.tokens import APP_ID, SigningKey
from tests.support.clock import FakeClock

SERVICE = "https://smba.trafficmanager.net/amer/"


class Reads:
    """An HTTP client for InboundAuth that counts what it reads."""

    def __init__(self, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.paths: list[str] = []
        self.client = httpx.AsyncClient(
            transport=transport, event_hooks={"request": [self._seen]}, timeout=10
        )

    async def _seen(self, request: httpx.Request) -> None:
        self.paths.append(request.url.path)

    def count(self, ending: str) -> int:
        return sum(p.endswith(ending) for p in self.paths)


@pytest.fixture
async def reads() -> AsyncIterator[Reads]:
    counted = Reads()
    try:
        yield counted
    finally:
        await counted.client.aclose()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 18, 15, 0, tzinfo=UTC))


def auth_for(connector: FakeConnector, reads: Reads, clock: FakeClock) -> InboundAuth:
    return InboundAuth(APP_ID, openid_url=connector.openid_url, http=reads.client, clock=clock)


async def verified(auth: InboundAuth, key: SigningKey, **claims: object) -> Verified:
    return await auth.check(f"Bearer {key.token(SERVICE, **claims)}")


async def refused(call: object) -> str:
    with pytest.raises(Unauthorized) as caught:
        await call  # type: ignore[misc]
    return str(caught.value)


async def test_a_good_token_is_verified_then_bound_to_its_activity(
    connector: FakeConnector, signing_key: SigningKey, reads: Reads, clock: FakeClock
) -> None:
    auth = auth_for(connector, reads, clock)
    token = signing_key.token(SERVICE)
    for header in (f"Bearer {token}", f"bearer {token}", f"Bearer  {token} "):
        got = await auth.check(header)
        assert got.token == token and got.claims["aud"] == APP_ID
    await auth.bind(got, SERVICE, "msteams")
    await auth.bind(got, SERVICE.rstrip("/"), "msteams")  # a trailing slash is no difference
    no_slash = await verified(auth, signing_key, serviceurl=SERVICE.rstrip("/"))
    await auth.bind(no_slash, SERVICE, "msteams")
    ends_in_x = "https://smba.trafficmanager.net/X/"
    await auth.bind(
        await verified(auth, signing_key, serviceurl=ends_in_x), ends_in_x[:-1], "msteams"
    )
    await auth.bind(
        await verified(auth, signing_key, serviceurl=ends_in_x[:-1]), ends_in_x, "msteams"
    )


@pytest.mark.parametrize("header", [None, "", "Bearer", "Bearer   ", "Basic abc", "abc"])
async def test_a_request_without_a_bearer_token_is_refused(
    connector: FakeConnector, reads: Reads, clock: FakeClock, header: str | None
) -> None:
    auth = auth_for(connector, reads, clock)
    assert await refused(auth.check(header)) == "missing bearer token"
    assert reads.paths == []  # refused before anything is fetched


async def test_expired_and_never_expiring_tokens_are_refused(
    connector: FakeConnector, signing_key: SigningKey, reads: Reads, clock: FakeClock
) -> None:
    auth = auth_for(connector, reads, clock)
    claims = jwt.decode(signing_key.token(SERVICE), options={"verify_signature": False})
    del claims["exp"]
    forever = jwt.encode(
        claims, signing_key.private, algorithm="RS256", headers={"kid": signing_key.kid}
    )
    assert await refused(auth.check(f"Bearer {forever}")) == "token has no expiry"
    expired = await refused(verified(auth, signing_key, exp=1_000_000_000))
    assert "expired" in expired


async def test_the_activity_must_carry_the_service_url_the_token_names(
    connector: FakeConnector, signing_key: SigningKey, reads: Reads, clock: FakeClock
) -> None:
    auth = auth_for(connector, reads, clock)
    good = await verified(auth, signing_key)
    unnamed = await verified(auth, signing_key, serviceurl=None)
    missing = "no serviceUrl to match the token's claim"
    assert await refused(auth.bind(good, None, "msteams")) == missing
    assert await refused(auth.bind(unnamed, SERVICE, "msteams")) == missing
    assert await refused(auth.bind(good, "https://evil.example/", "msteams")) == (
        "the activity's serviceUrl is not the token's"
    )
    assert await refused(auth.bind(good, SERVICE, "skype")) == (
        "signing key is not endorsed for channel 'skype'"
    )


async def test_a_key_that_left_the_published_set_is_refused(
    connector: FakeConnector, signing_key: SigningKey, reads: Reads, clock: FakeClock
) -> None:
    auth = auth_for(connector, reads, clock)
    good = await verified(auth, signing_key)
    connector.jwks = {"keys": [{"kid": "another"}, "junk", {"no": "kid"}]}
    assert await refused(auth.bind(good, SERVICE, "msteams")) == (
        "signing key not in the published key set"
    )


async def test_keys_whose_endorsements_are_not_a_list_sign_for_any_channel(
    connector: FakeConnector, signing_key: SigningKey, reads: Reads, clock: FakeClock
) -> None:
    jwk = signing_key.jwk()
    connector.jwks = {"keys": [{**jwk, "endorsements": "msteams"}]}
    auth = auth_for(connector, reads, clock)
    await auth.bind(await verified(auth, signing_key), SERVICE, "msteams")

    fresh = auth_for(connector, reads, clock)
    good = await verified(fresh, signing_key)  # the validator has its keys now
    connector.jwks = {"keys": {"not": "a list"}}
    assert await refused(fresh.bind(good, SERVICE, "msteams")) == (
        "signing key not in the published key set"
    )


async def test_an_unknown_key_rereads_the_key_set_at_most_every_five_minutes(
    connector: FakeConnector, signing_key: SigningKey, reads: Reads, clock: FakeClock
) -> None:
    new_key = SigningKey("test-key-2")
    connector.jwks = {"keys": [signing_key.jwk(), new_key.jwk()]}
    auth = auth_for(connector, reads, clock)
    first = await verified(auth, signing_key)  # the validator caches both keys
    rolled = await verified(auth, new_key)
    connector.jwks = {"keys": [signing_key.jwk()]}  # ...but the set we read has one
    await auth.bind(first, SERVICE, "msteams")
    assert reads.count("/keys") == 1
    connector.jwks = {"keys": [signing_key.jwk(), new_key.jwk()]}

    unknown = "signing key not in the published key set"
    clock.advance(minutes=1)
    assert await refused(auth.bind(rolled, SERVICE, "msteams")) == unknown
    clock.advance(minutes=4)  # exactly five minutes since the key set was read
    assert await refused(auth.bind(rolled, SERVICE, "msteams")) == unknown
    assert reads.count("/keys") == 1
    clock.advance(seconds=1)
    await auth.bind(rolled, SERVICE, "msteams")
    assert reads.count("/keys") == 2
    clock.advance(minutes=6)  # a key we know needs no reread, however long ago the last
    await auth.bind(rolled, SERVICE, "msteams")
    assert reads.count("/keys") == 2


async def test_the_openid_metadata_is_read_again_after_24_hours(
    connector: FakeConnector, signing_key: SigningKey, reads: Reads, clock: FakeClock
) -> None:
    auth = auth_for(connector, reads, clock)
    await verified(auth, signing_key)
    clock.advance(hours=23, minutes=59)
    await verified(auth, signing_key)
    assert reads.count("/openidconfiguration") == 1
    clock.advance(minutes=1)
    await verified(auth, signing_key)
    assert reads.count("/openidconfiguration") == 2


def serving(body: object, status: int = 200) -> httpx.MockTransport:
    return httpx.MockTransport(lambda _request: httpx.Response(status, json=body))


async def test_unusable_metadata_answers_keys_unavailable_and_says_why(
    clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    url = "https://login.example.test/openid"
    cases: list[tuple[httpx.MockTransport, str]] = [
        (serving({"issuer": "x"}), "OpenID metadata has no jwks_uri"),
        (serving(["a", "list"]), f"{url} did not return a JSON object"),
    ]
    for transport, reason in cases:
        reads = Reads(transport)
        auth = InboundAuth(APP_ID, openid_url=url, http=reads.client, clock=clock)
        with pytest.raises(KeysUnavailable) as caught:
            await auth.check("Bearer abc")
        assert str(caught.value) == reason and reads.paths == ["/openid"]
        await reads.client.aclose()

    reads = Reads(serving({}, status=503))
    auth = InboundAuth(APP_ID, openid_url=url, http=reads.client, clock=clock)
    with caplog.at_level(logging.WARNING), pytest.raises(KeysUnavailable) as caught:
        await auth.check("Bearer abc")
    assert "503" in str(caught.value)
    (record,) = [r for r in caplog.records if r.name == "bot.adapters.teams.auth"]
    assert record.getMessage().startswith(f"Teams: could not read {url}: ")
    assert "503" in record.getMessage()
    await reads.client.aclose()


async def test_unreachable_keys_answer_keys_unavailable(
    connector: FakeConnector, signing_key: SigningKey, reads: Reads, clock: FakeClock
) -> None:
    auth = auth_for(connector, reads, clock)
    token = signing_key.token(SERVICE)
    await auth.check(f"Bearer {token}")  # metadata read while the connector is up
    await connector.stop()
    clock.advance(hours=24)
    with pytest.raises(KeysUnavailable) as caught:
        await auth.check(f"Bearer {token}")
    assert str(caught.value) not in ("", "None")


async def test_a_key_set_that_cannot_be_fetched_answers_keys_unavailable(
    clock: FakeClock, signing_key: SigningKey
) -> None:
    # The metadata is readable but names a key set nobody serves (a closed local port).
    reads = Reads(serving({"jwks_uri": "http://127.0.0.1:9/keys"}))
    auth = InboundAuth(
        APP_ID, openid_url="https://login.example.test/openid", http=reads.client, clock=clock
    )
    with pytest.raises(KeysUnavailable) as caught:
        await auth.check(f"Bearer {signing_key.token(SERVICE)}")
    assert str(caught.value) not in ("", "None")
    await reads.client.aclose()

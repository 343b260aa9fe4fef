"""response_url posts: one pool, the environment's proxy read once when it opens."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp import web

from bot.adapters.slack.webhooks import Webhooks


@pytest.fixture
async def server() -> AsyncIterator[tuple[str, list[str]]]:
    """A loopback HTTP server that answers anything: the request lines it saw."""
    seen: list[str] = []

    async def anything(request: web.Request) -> web.Response:
        seen.append(f"{request.method} {request.raw_path} {await request.text()}")
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", anything)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    yield f"http://127.0.0.1:{port}", seen
    await runner.cleanup()


async def test_a_reply_posts_json_to_the_response_url(
    server: tuple[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, seen = server
    for name in ("HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    hooks = Webhooks()
    try:
        assert await hooks.post_json(f"{url}/hooks/1", {"text": "Logged 3 calls"}) == 200
    finally:
        await hooks.aclose()
    assert seen == ['POST /hooks/1 {"text":"Logged 3 calls"}']


async def test_a_proxy_named_in_the_environment_carries_the_post(
    server: tuple[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The "proxy" is our loopback server: a forward proxy is asked for the absolute URL.
    proxy, seen = server
    monkeypatch.setenv("HTTP_PROXY", proxy)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    hooks = Webhooks()
    try:
        status = await hooks.post_json("http://hooks.slack.test/commands/T1/42", {"text": "hi"})
        # Read once when the pool opened: a later change of the environment is not seen.
        monkeypatch.delenv("HTTP_PROXY")
        again = await hooks.post_json("http://hooks.slack.test/commands/T1/43", {"text": "hi"})
    finally:
        await hooks.aclose()
    assert (status, again) == (200, 200)
    assert [line.split()[1] for line in seen] == [
        "http://hooks.slack.test/commands/T1/42",
        "http://hooks.slack.test/commands/T1/43",
    ]


async def test_no_proxy_hosts_are_posted_to_directly(
    server: tuple[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, seen = server
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nothing listens: must not be used
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    hooks = Webhooks()
    try:
        assert await hooks.post_json(f"{url}/hooks/2", {"text": "direct"}) == 200
        assert hooks.proxy_for("http://hooks.slack.test/x") == "http://127.0.0.1:9"
    finally:
        await hooks.aclose()
    assert seen == ['POST /hooks/2 {"text":"direct"}']

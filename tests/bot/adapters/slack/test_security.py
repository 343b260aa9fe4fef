"""Every request must carry Slack's signature over a fresh timestamp (5-minute window)."""

from __future__ import annotations

import time

from tests.bot.adapters.slack import signing
from tests.bot.adapters.slack.harness import SlackWorkspace
from tests.support.slack_api import fixture


async def test_a_request_signed_with_another_secret_is_rejected(slack: SlackWorkspace) -> None:
    body = signing.form_body(fixture("slash_command_log"))
    response = await slack.post(body, signing.FORM, secret="not-the-signing-secret")
    assert response.status_code == 401
    await slack.settle()
    assert slack.fake.calls == []


async def test_a_replayed_request_older_than_five_minutes_is_rejected(
    slack: SlackWorkspace,
) -> None:
    body = signing.event_body(slack.message("3 calls with Acme"))
    response = await slack.post(body, signing.JSON, timestamp=int(time.time()) - 6 * 60)
    assert response.status_code == 401


async def test_a_tampered_body_is_rejected(slack: SlackWorkspace) -> None:
    body = signing.form_body(fixture("slash_command_log"))
    headers = signing.headers("8f742231b10e8888abcd99yyyzzz85a5", body, signing.FORM)
    tampered = body.replace(b"3+calls", b"9+calls")
    response = await slack.http.post("/slack/events", content=tampered, headers=headers)
    assert response.status_code == 401


async def test_an_unsigned_request_is_rejected(slack: SlackWorkspace) -> None:
    response = await slack.http.post("/slack/events", json=fixture("url_verification"))
    assert response.status_code == 401

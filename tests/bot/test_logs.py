"""QUOTABOT_LOG_FORMAT=json: one object per line, tagged, and never a secret or a message."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from bot import logging_setup
from tests.bot.adapters.slack.conftest import fake_slack, running
from tests.bot.adapters.slack.harness import SECRET
from tests.conftest import make_settings
from tests.support.clock import FakeClock
from tests.support.slack_api import BOT_TOKEN, FakeSlack

__all__ = ["fake_slack"]

PRIVATE = "Zanzibar Quarterly Kumquat"


@pytest.fixture
def root_logging() -> Iterator[None]:
    """configure() owns the root logger, as in a real process; give it back afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        yield
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
        for handler in handlers:
            root.addHandler(handler)
        root.setLevel(level)


async def test_json_logs_carry_ids_and_never_secrets_or_message_text(
    db_url: str, clock: FakeClock, fake_slack: FakeSlack, root_logging: None
) -> None:
    settings = make_settings(
        db_url,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SECRET,
        slack_api_url=fake_slack.api_url,
        log_format="json",
    )
    out = io.StringIO()
    logging_setup.configure(settings, stream=out)
    async with running(settings, clock, fake_slack) as slack:
        await slack.dm(f"3 calls with {PRIVATE}")
        await slack.settle()
        await slack.http.get("/no/such/page", headers={"X-Request-Id": "req-42"})
        # A library that logs a request it made, token and all, is scrubbed too.
        logging.getLogger("some.library").info("POST with %s and %s", BOT_TOKEN, SECRET)
        logging.getLogger("some.library").info("Authorization: Bearer abc.def-123")
        with logging_setup.use_ids("req-7", "T0ACME"):
            logging.getLogger("bot.test").info("tagged")

    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    text = out.getvalue()
    assert lines, "nothing was logged"
    assert all({"time", "level", "logger", "message"} <= line.keys() for line in lines)
    assert BOT_TOKEN not in text and SECRET not in text and "abc.def-123" not in text
    assert PRIVATE not in text
    assert {"message": "tagged", "request_id": "req-7", "workspace": "T0ACME"}.items() <= next(
        line for line in lines if line["message"] == "tagged"
    ).items()


def test_text_format_is_the_default() -> None:
    settings = make_settings("sqlite+aiosqlite:///unused.db")
    assert settings.log_format == "text"
    scrub = logging_setup.Scrub(["s3cr3t-value"])
    assert scrub.clean("token xoxb-123-456-abc and s3cr3t-value") == (
        "token [redacted] and [redacted]"
    )

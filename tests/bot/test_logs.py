"""QUOTABOT_LOG_FORMAT=json: one object per line, tagged, and never a secret or a message."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot import logging_setup
from tests.bot.adapters.slack.conftest import fake_slack, running
from tests.bot.adapters.slack.harness import SECRET
from tests.conftest import make_settings
from tests.support.clock import FakeClock
from tests.support.postgres import _free_port
from tests.support.slack_api import BOT_TOKEN, FakeSlack

__all__ = ["fake_slack"]

PRIVATE = "Zanzibar Quarterly Kumquat"
ROOT = Path(__file__).resolve().parents[2]


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


@pytest.mark.parametrize(("setting", "logged"), [(None, False), ("true", True)])
async def test_a_line_per_request_only_when_asked(
    tmp_path: Path, setting: str | None, logged: bool
) -> None:
    """`serve` as a process: QUOTABOT_ACCESS_LOG=true turns uvicorn's access log on."""
    port = _free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "QUOTABOT_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'q.db'}",
    }
    env.pop("QUOTABOT_ACCESS_LOG", None)
    if setting is not None:
        env["QUOTABOT_ACCESS_LOG"] = setting
    argv = [sys.executable, "-m", "bot", "serve", "--port", str(port), "--no-scheduler"]
    merged = {"stdout": asyncio.subprocess.PIPE, "stderr": asyncio.subprocess.STDOUT}
    child = await asyncio.create_subprocess_exec(*argv, cwd=tmp_path, env=env, **merged)  # type: ignore[arg-type]
    try:
        async with httpx.AsyncClient() as http, asyncio.timeout(60):
            while True:
                try:
                    if (await http.get(f"http://127.0.0.1:{port}/healthz")).status_code == 200:
                        break
                except httpx.TransportError:
                    await asyncio.sleep(0.1)
            assert (await http.get(f"http://127.0.0.1:{port}/no/such/page")).status_code == 404
    finally:
        child.send_signal(signal.SIGTERM)
        output = (await asyncio.wait_for(child.communicate(), 60))[0].decode()
    assert ("GET /no/such/page" in output) is logged, output
    assert "Application startup complete" in output  # the rest of the log is there either way

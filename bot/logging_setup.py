"""Log lines as text or JSON (QUOTABOT_LOG_FORMAT), tagged with request id and workspace."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import TextIO

from sqlalchemy.engine import make_url

from bot.config import Settings

request_id: ContextVar[str | None] = ContextVar("quotabot_request_id", default=None)
workspace: ContextVar[str | None] = ContextVar("quotabot_workspace", default=None)

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Platform token shapes (Slack xox*/xapp, bearer headers): scrubbed even if some library
# logs them, because a leaked bot token lets anyone post as the bot.
TOKEN = re.compile(r"\b(xox[abposr]-|xapp-)[A-Za-z0-9-]+|(?i:bearer)\s+[A-Za-z0-9._~+/=-]+")
HIDDEN = "[redacted]"


@contextmanager
def use_ids(request: str | None, space: str | None) -> Iterator[None]:
    """Tag the log lines written inside with this request id and workspace."""
    tokens = request_id.set(request), workspace.set(space)
    try:
        yield
    finally:
        request_id.reset(tokens[0])
        workspace.reset(tokens[1])


class Scrub(logging.Filter):
    """Adds request_id/workspace to every record and blanks secrets out of its message."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        # Longest first, so a secret that contains another is hidden whole.
        self.secrets = sorted((s for s in secrets if len(s) >= 6), key=len, reverse=True)

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        record.workspace = workspace.get()
        message = record.getMessage()
        clean = self.clean(message)
        if clean != message:
            record.msg, record.args = clean, None
        return True

    def clean(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, HIDDEN)
        return TOKEN.sub(HIDDEN, text)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: what log shippers (Loki, CloudWatch, ELK) parse as is."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key in ("request_id", "workspace"):
            value = getattr(record, key, None)
            if value:
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def secrets_of(settings: Settings) -> list[str]:
    values = [getattr(settings, name) for name in type(settings).model_fields]
    found = [v.get_secret_value() for v in values if hasattr(v, "get_secret_value") and v]
    password = make_url(settings.database_url).password
    return [*found, str(password)] if password else found


def configure(
    settings: Settings, level: int = logging.INFO, stream: TextIO | None = None
) -> logging.Handler:
    """Route the root logger (and uvicorn's) to stderr in the configured format."""
    handler = logging.StreamHandler(stream)
    handler.addFilter(Scrub(secrets_of(settings)))
    json_lines = settings.log_format == "json"
    handler.setFormatter(JsonFormatter() if json_lines else logging.Formatter(TEXT_FORMAT))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # uvicorn brings its own handlers; its lines go through ours instead, in one format.
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
    return handler

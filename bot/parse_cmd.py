"""`quotabot parse`: print the Intent the bot would act on, one JSON object per message."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import Mapping
from datetime import date, datetime
from typing import TextIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from nlp.intent import Intent
from nlp.llm import LlmSettings, llm_parse, make_client
from nlp.parser import CLARIFY_BELOW, parse

DATE_ORDERS = ("mdy", "dmy")  # --date-order: month first (the default) or day first


def today_in_zone(env: Mapping[str, str] | None = None, now: datetime | None = None) -> date:
    """Today in QUOTABOT_TIMEZONE (UTC when unset or unknown)."""
    env = os.environ if env is None else env
    name = env.get("QUOTABOT_TIMEZONE") or "UTC"
    try:
        zone = ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        print(f"QUOTABOT_TIMEZONE {name!r} is not an IANA zone; using UTC", file=sys.stderr)
        zone = ZoneInfo("UTC")
    return (now or datetime.now(tz=zone)).astimezone(zone).date()


def _read_all(stdin: TextIO) -> str:
    # Read bytes where we can so that undecodable input still parses (as unknown), never crashes.
    buffer = getattr(stdin, "buffer", None)
    if buffer is not None:
        data: bytes = buffer.read()
        return data.decode("utf-8", errors="replace")
    return stdin.read()


def _dump(intent: Intent, stdout: TextIO) -> None:
    encoding = (getattr(stdout, "encoding", None) or "utf-8").lower()
    ascii_only = "utf" not in encoding
    stdout.write(json.dumps(intent.to_json(), ensure_ascii=ascii_only, separators=(",", ":")))
    stdout.write("\n")


async def _with_llm(
    texts: list[str], parsed: list[Intent], day: date, settings: LlmSettings, date_order: str
) -> None:
    client = make_client(settings)
    try:
        for i, (text, offline) in enumerate(zip(texts, parsed, strict=True)):
            if text.strip() and offline.confidence < CLARIFY_BELOW:
                parsed[i] = await llm_parse(
                    text,
                    today=day,
                    offline=offline,
                    settings=settings,
                    client=client,
                    date_order=date_order,
                )
    finally:
        await client.close()


def run_parse(
    text: str | None,
    *,
    jsonl: bool,
    today: date | None,
    no_llm: bool,
    stdin: TextIO,
    stdout: TextIO,
    date_order: str = "mdy",
) -> int:
    """Parse TEXT (or stdin) and print JSON; 0 whenever the input could be read.
    `date_order` ("mdy" or "dmy", from --date-order) is how numeric dates are read."""
    if date_order not in DATE_ORDERS:
        print(f"--date-order must be mdy or dmy, not {date_order!r}", file=sys.stderr)
        return 2
    day = today or today_in_zone()
    try:
        if jsonl:
            raw = text if text is not None else _read_all(stdin)
            texts = raw.split("\n")
            if texts and texts[-1] == "":
                texts.pop()  # the newline ending the last line starts no new message
            texts = [t.removesuffix("\r") for t in texts]
        else:
            texts = [text if text is not None else _read_all(stdin).rstrip("\r\n")]
    except (OSError, UnicodeError) as exc:
        print(f"cannot read input: {exc}", file=sys.stderr)
        return 1
    parsed = [parse(t, today=day, date_order=date_order) for t in texts]
    settings = None if no_llm else LlmSettings.from_env()
    if settings is not None and any(p.confidence < CLARIFY_BELOW for p in parsed):
        asyncio.run(_with_llm(texts, parsed, day, settings, date_order))
    for intent in parsed:
        _dump(intent, stdout)
    return 0

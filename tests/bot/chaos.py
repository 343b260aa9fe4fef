"""Pieces of the replica chaos test: a round-robin proxy, scheduler processes, the ledger."""

from __future__ import annotations

import asyncio
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import aiohttp
from aiohttp import web
from sqlalchemy import func, select

from bot.app import build_services
from scheduler.outbox import IN_DOUBT
from storage.models import Activity, Delivery, InboxMessage
from storage.replies import REPLY_KIND
from tests.conftest import make_settings
from tests.support.loopback import LoopbackServer
from tests.support.slack_wire import Call

ROOT = Path(__file__).resolve().parents[2]
FORWARDED = ("content-type", "x-slack-signature", "x-slack-request-timestamp")


class Proxy(LoopbackServer):
    """Caddy's part in compose.yaml: round robin over the replicas, and a request whose
    replica is gone (refused, or cut off mid-answer) is tried on the next one."""

    def __init__(self, upstreams: list[str]) -> None:
        self.upstreams = upstreams
        self._next = 0
        self.retried = 0

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/{tail:.*}", self._forward)
        return app

    async def _forward(self, request: web.Request) -> web.Response:
        body = await request.read()
        headers = {k: v for k, v in request.headers.items() if k.lower() in FORWARDED}
        timeout = aiohttp.ClientTimeout(total=30)
        async with aiohttp.ClientSession(timeout=timeout) as http:
            for _ in self.upstreams:
                upstream = self.upstreams[self._next % len(self.upstreams)]
                self._next += 1
                try:
                    async with http.post(
                        upstream + request.path_qs, data=body, headers=headers
                    ) as r:
                        return web.Response(body=await r.read(), status=r.status)
                except aiohttp.ClientConnectionError:
                    self.retried += 1
        return web.Response(status=502)


@dataclass
class Schedulers:
    """`quotabot tick --at` processes: a scheduler replica's pass, run at a chosen instant."""

    env: dict[str, str]
    cwd: Path
    running: list[asyncio.subprocess.Process] = field(default_factory=list)

    async def start(self, at: datetime) -> asyncio.subprocess.Process:
        # Each pass's output is kept (tick-N.log in cwd) for when a round fails.
        with (self.cwd / f"tick-{len(self.running) + 1}.log").open("wb") as log:
            child = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "tick", "--at", at.isoformat(),
                cwd=self.cwd, env={**os.environ, **self.env, "PYTHONPATH": str(ROOT)},
                stdout=log, stderr=asyncio.subprocess.STDOUT,
            )  # fmt: skip
        self.running.append(child)
        return child

    def check(self, pair: list[asyncio.subprocess.Process], killed: set[int]) -> None:
        """Every pass that was not killed finished cleanly; else show what it said."""
        for child in pair:
            if child.pid in killed or child.returncode == 0:
                continue
            n = self.running.index(child) + 1
            tail = (self.cwd / f"tick-{n}.log").read_text()[-3000:]
            raise AssertionError(f"tick pass {n} exited {child.returncode}:\n{tail}")

    def kill_all(self) -> None:
        for child in self.running:
            if child.returncode is None:
                child.kill()


def is_reply(call: Call) -> bool:
    metadata = call.params.get("metadata")
    return isinstance(metadata, dict) and "reply" in metadata.get("event_payload", {})


@dataclass
class Ledger:
    """What the database says happened, next to what Slack received."""

    activities: int
    open_inbox: int
    rows: list[tuple[str, str, str, str | None]]  # kind, conversation, status, error

    @property
    def scheduled(self) -> list[tuple[str, str, str, str | None]]:
        return [row for row in self.rows if row[0] != REPLY_KIND]

    def in_doubt(self) -> Counter[str]:
        return Counter(conv for _, conv, status, error in self.scheduled if error == IN_DOUBT)

    def sent(self) -> Counter[str]:
        return Counter(conv for _, conv, status, _ in self.scheduled if status == "sent")

    def unfinished(self) -> int:
        return sum(status in ("pending", "sending") for _, _, status, _ in self.rows)


async def ledger(db_url: str) -> Ledger:
    services = build_services(make_settings(db_url), auto_migrate=False)
    try:
        async with services.sessions() as session:
            activities = await session.scalar(select(func.coalesce(func.sum(Activity.count), 0)))
            open_inbox = await session.scalar(
                select(func.count()).select_from(InboxMessage).where(InboxMessage.status != "done")
            )
            rows = (
                await session.execute(
                    select(Delivery.kind, Delivery.conversation, Delivery.status, Delivery.error)
                )
            ).all()
        return Ledger(int(activities or 0), int(open_inbox or 0), [tuple(r) for r in rows])
    finally:
        await services.engine.dispose()

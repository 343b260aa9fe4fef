"""Ack latency of signed /log requests: `quotabot serve`'s ASGI app vs a bare Bolt AsyncApp.

    PYTHONPATH=. python benchmarks/slack_ack_bench.py [--rate 300] [--seconds 10]

Each app runs in its own uvicorn process on 127.0.0.1, with its own copy of a migrated SQLite
database; a fake Slack Web API (response_url, users.info, views.publish) runs in a third
process. Requests are sent open-loop at a steady rate and timed from their scheduled send
time, so a stalled server cannot hide its backlog. Loopback only; bounded in count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import hashlib
import hmac
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp

SECRET = "bench-signing-secret"
TEAM = "T0BENCH"
USERS = 50
MAX_REQUESTS = 20_000
ROOT = Path(__file__).resolve().parents[1]


# ---------------------------------------------------------------- servers (child processes)


def serve_fake_slack(port: int) -> None:
    from aiohttp import web

    async def api(request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if method == "auth.test":
            body = {"ok": True, "team_id": TEAM, "user_id": "UBOT", "bot_id": "BBOT"}
        elif method == "users.info":
            user = {"id": "U", "real_name": "Bench Rep", "tz": "UTC", "profile": {}}
            body = {"ok": True, "user": user}
        else:
            body = {"ok": True}
        return web.json_response(body)

    delivered = {"hooks": 0}

    async def hook(request: web.Request) -> web.Response:
        await request.read()
        delivered["hooks"] += 1
        return web.Response(text="ok")

    async def stats(request: web.Request) -> web.Response:
        return web.json_response(delivered)

    app = web.Application()
    app.router.add_route("*", "/api/{method}", api)
    app.router.add_post("/hooks/{name}", hook)
    app.router.add_get("/stats", stats)
    web.run_app(app, host="127.0.0.1", port=port, access_log=None, print=None)


def serve_quotabot(port: int, db_url: str, api_url: str) -> None:
    import uvicorn

    from bot.app import build_services
    from bot.config import Settings
    from bot.server import create_app

    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=db_url,
        slack_bot_token="xoxb-bench",
        slack_signing_secret=SECRET,
        slack_api_url=api_url,
    )
    app = create_app(build_services(settings, auto_migrate=False))
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def serve_bare_bolt(port: int, db_url: str, api_url: str, task: bool) -> None:
    """The baseline: Bolt's own docs example plus one LogBatch + Activity insert."""
    import uvicorn
    from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
    from slack_bolt.async_app import AsyncApp
    from slack_sdk.web.async_client import AsyncWebClient
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    from storage.db import create_engine, session_factory
    from storage.models import Activity, LogBatch, User, Workspace

    # The same engine settings (WAL, busy_timeout) as quotabot, for a like-for-like write.
    sessions = session_factory(create_engine(db_url))
    ids: dict[str, int] = {}
    tasks: set[asyncio.Task[None]] = set()
    first = asyncio.Lock()

    async def setup(user: str) -> None:
        async with first:
            if ids:
                return
            async with sessions() as session, session.begin():
                workspace = Workspace(platform="slack", external_id=TEAM, name="Bench")
                session.add(workspace)
                await session.flush()
                owner = User(workspace_id=workspace.id, external_id=user, name=user)
                session.add(owner)
                await session.flush()
                ids.update(workspace=workspace.id, user=owner.id)

    async def write(user: str) -> None:
        await setup(user)
        async with sessions() as session, session.begin():
            batch = LogBatch(workspace_id=ids["workspace"], user_id=ids["user"], kind="activity")
            session.add(batch)
            await session.flush()
            session.add(
                Activity(
                    workspace_id=ids["workspace"],
                    user_id=ids["user"],
                    batch_id=batch.id,
                    kind="call",
                    count=3,
                    occurred_on=datetime.now(UTC).date(),
                )
            )

    bolt = AsyncApp(
        token="xoxb-bench",
        signing_secret=SECRET,
        client=AsyncWebClient(token="xoxb-bench", base_url=api_url),
        process_before_response=task,
    )

    @bolt.command("/log")
    async def log(ack: Any, command: dict[str, Any]) -> None:
        await ack()
        if task:
            spawned = asyncio.create_task(write(command["user_id"]))
            tasks.add(spawned)
            spawned.add_done_callback(tasks.discard)
        else:
            await write(command["user_id"])

    handler = AsyncSlackRequestHandler(bolt)

    async def events(request: Request) -> Response:
        return await handler.handle(request)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # The same start-up tuning quotabot's Slack adapter applies (see its lifespan.py).
        gc.collect()
        gc.freeze()
        yield

    routes = [Route("/slack/events", events, methods=["POST"])]
    app = Starlette(routes=routes, lifespan=lifespan)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


# ---------------------------------------------------------------- load generator


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def signed(body: bytes) -> dict[str, str]:
    ts = str(int(time.time()))
    digest = hmac.new(SECRET.encode(), f"v0:{ts}:".encode() + body, hashlib.sha256).hexdigest()
    return {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": f"v0={digest}",
    }


def log_body(i: int, hooks: str) -> bytes:
    fields = {
        "team_id": TEAM,
        "team_domain": "bench",
        "channel_id": "C0BENCH",
        "channel_name": "sales",
        "user_id": f"U{i % USERS:04d}",
        "user_name": f"rep{i % USERS}",
        "command": "/log",
        "text": f"{1 + i % 5} calls with Acme",
        "api_app_id": "A0BENCH",
        "response_url": f"{hooks}/hooks/{i}",
        "trigger_id": f"{i}.1.abc",
    }
    return urllib.parse.urlencode(fields).encode()


async def wait_for_port(port: int, limit: float = 30.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        except OSError:
            await asyncio.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port}")


async def load(url: str, hooks: str, rate: float, count: int) -> tuple[list[float], int]:
    """Send `count` signed /log requests at `rate`/s; latency from each scheduled send time."""
    latencies: list[float] = []
    errors = 0
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as http:

        async def one(i: int, due: float) -> None:
            nonlocal errors
            body = log_body(i, hooks)
            try:
                async with http.post(url, data=body, headers=signed(body)) as response:
                    await response.read()
                    if response.status != 200:
                        errors += 1
                        return
            except aiohttp.ClientError:
                errors += 1
                return
            latencies.append(time.perf_counter() - due)

        start = time.perf_counter() + 0.05
        pending = []
        for i in range(count):
            due = start + i / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            pending.append(asyncio.create_task(one(i, due)))
        await asyncio.wait_for(asyncio.gather(*pending), timeout=60)
    return latencies, errors


def start(mode: str, *args: object) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, __file__, "--serve", mode, *map(str, args)]
    return subprocess.Popen(command, env=env, cwd=ROOT)


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


async def measure(name: str, mode: str, db: str, api: str, hooks: str, args: Any) -> list[float]:
    port = free_port()
    server = start(mode, port, db, api)
    try:
        await wait_for_port(port)
        url = f"http://127.0.0.1:{port}/slack/events"
        await load(url, hooks, rate=50, count=100)  # warm-up: connections, auth.test, users
        before = await replies(hooks)
        latencies, errors = await load(url, hooks, args.rate, args.count)
        sent_at = time.perf_counter()
        backlog = await drained(hooks, before + args.count - errors)
    finally:
        stop(server)
    ms = sorted(x * 1000 for x in latencies)
    p50, p99 = statistics.median(ms), ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    lag = f"+{backlog - sent_at:4.1f} s" if backlog else "n/a (none sent, or > 30 s)"
    print(
        f"{name:<44} n={len(ms):>5} errors={errors:<3} p50={p50:7.2f} ms  "
        f"p99={p99:7.2f} ms  replies done {lag}"
    )
    return [p50, p99]


async def replies(hooks: str) -> int:
    async with aiohttp.ClientSession() as http, http.get(f"{hooks}/stats") as response:
        return int((await response.json())["hooks"])


async def drained(hooks: str, expected: int, limit: float = 30.0) -> float | None:
    """When every reply reached response_url (the bare apps send none: None)."""
    deadline = time.perf_counter() + limit
    last, still = -1, 0
    while time.perf_counter() < deadline:
        seen = await replies(hooks)
        if seen >= expected:
            return time.perf_counter()
        still = still + 1 if seen == last else 0
        if still >= 10:  # nothing moving for 1 s: this app sends no replies
            return None
        last = seen
        await asyncio.sleep(0.1)
    return None


MODES = (
    ("bare Bolt (defaults, write in listener)", "bare"),
    ("bare Bolt (process_before_response + task)", "bare-task"),
    ("quotabot serve (router, reply, App Home)", "quotabot"),
)


async def main(args: Any) -> None:
    from storage import migrate

    workdir = Path(tempfile.mkdtemp(prefix="slack-ack-bench-"))
    results: dict[str, list[list[float]]] = {mode: [] for _, mode in MODES}
    try:
        template = workdir / "template.db"
        migrate.upgrade(f"sqlite+aiosqlite:///{template}")
        slack_port = free_port()
        fake = start("fake-slack", slack_port)
        try:
            await wait_for_port(slack_port)
            hooks = f"http://127.0.0.1:{slack_port}"
            api = f"{hooks}/api/"
            print(
                f"{args.count} signed /log requests at {args.rate:g}/s per app and round, "
                f"{args.rounds} interleaved rounds, loopback, {os.cpu_count()} CPUs\n"
            )
            # Interleaved rounds: a noisy neighbour hurts every app alike, not just one.
            for round_ in range(args.rounds):
                for name, mode in MODES:
                    if args.quick and mode == "bare":
                        continue
                    db = workdir / f"{mode}-{round_}.db"
                    shutil.copyfile(template, db)
                    url = f"sqlite+aiosqlite:///{db}"
                    results[mode].append(await measure(name, mode, url, api, hooks, args))
        finally:
            stop(fake)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    summarize(results)


def summarize(results: dict[str, list[list[float]]]) -> None:
    print("\nmedian over rounds:")
    median = {
        mode: [statistics.median(r[i] for r in runs) for i in (0, 1)]
        for mode, runs in results.items()
        if runs
    }
    for name, mode in MODES:
        if not results[mode]:
            continue
        print(f"  {name:<44} p50={median[mode][0]:7.2f} ms  p99={median[mode][1]:7.2f} ms")
    ours = results["quotabot"]
    for mode in ("bare", "bare-task"):
        if not results[mode]:
            continue
        ratios = [o[1] / b[1] for o, b in zip(ours, results[mode], strict=True)]
        p50s = [o[0] / b[0] for o, b in zip(ours, results[mode], strict=True)]
        print(
            f"ratio quotabot / {mode:<9}: p50 {statistics.median(p50s):.2f}  "
            f"p99 {statistics.median(ratios):.2f}  (per round p99: "
            + ", ".join(f"{r:.2f}" for r in ratios)
            + ")"
        )
    p99 = median["quotabot"][1]
    ratio = statistics.median(o[1] / b[1] for o, b in zip(ours, results["bare-task"], strict=True))
    verdict = "meets" if p99 <= 50 and ratio <= 1.3 else "misses"
    print(f"target (p99 <= 50 ms and p99 ratio <= 1.3 vs the faster baseline): {verdict}")


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=300.0, help="requests per second")
    parser.add_argument("--seconds", type=float, default=5.0, help="length of each run")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds")
    parser.add_argument("--serve", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument(
        "--quick", action="store_true", help="only the faster baseline and quotabot"
    )
    args = parser.parse_args()
    if args.serve:
        mode, port, *rest = args.serve
        if mode == "fake-slack":
            serve_fake_slack(int(port))
        elif mode == "quotabot":
            serve_quotabot(int(port), rest[0], rest[1])
        else:
            serve_bare_bolt(int(port), rest[0], rest[1], task=mode == "bare-task")
        return
    args.count = min(MAX_REQUESTS, int(args.rate * args.seconds))
    asyncio.run(main(args))


if __name__ == "__main__":
    cli()

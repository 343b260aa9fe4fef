"""A burst of /log commands against `quotabot serve`: before the inbox and now, side by side.

    PYTHONPATH=. python benchmarks/inbox_bench.py [--messages 1500] [--seconds 5]
        [--before REV] [--backends sqlite,postgresql]

"before" is the tree at REV (default: the commit before the inbox), extracted with
`git archive` and served from its own directory; "after" is this working tree. Each run gets
a fresh database (a SQLite file, or a database on a private PostgreSQL server started from
tests/support/postgres.py), one `serve` process, and a fake Slack in another process that
counts the replies reaching response_url. Signed /log commands are sent open-loop at
messages/seconds per second from 50 people; we report the ack latency (from each scheduled
send time), the time from the first send to the last reply, logs/s over that span, and the
CPU the serve process spent per log (the figure least moved by whatever else the machine runs).
Loopback only; bounded in count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SECRET = "bench-signing-secret"
TEAM = "T0BENCH"
PEOPLE = 50
BEFORE = "7c35d42^"  # the last commit answering from in-memory tasks


def fake_slack(port: int) -> None:
    """Child process: users.info, auth.test, and response_url hooks that count replies."""
    from aiohttp import web

    seen = {"hooks": 0, "last": 0.0}

    async def api(request: web.Request) -> web.Response:
        method = request.match_info["method"]
        body: dict[str, object] = {"ok": True}
        if method == "auth.test":
            body = {"ok": True, "team_id": TEAM, "user_id": "UBOT", "bot_id": "BBOT"}
        elif method == "users.info":
            body = {"ok": True, "user": {"id": "U", "real_name": "Bench Rep", "tz": "UTC"}}
        return web.json_response(body)

    async def hook(request: web.Request) -> web.Response:
        await request.read()
        seen["hooks"] += 1
        seen["last"] = time.time()
        return web.Response(text="ok")

    async def stats(request: web.Request) -> web.Response:
        return web.json_response(seen)

    app = web.Application()
    app.router.add_route("*", "/api/{method}", api)
    app.router.add_post("/hooks/{n}", hook)
    app.router.add_get("/stats", stats)
    web.run_app(app, host="127.0.0.1", port=port, access_log=None, print=None)


# --profile: serve under cProfile. uvicorn re-raises SIGTERM after its graceful shutdown,
# which would end the process before cProfile writes, so that re-raise is dropped here.
PROFILED = """
import cProfile, runpy, signal, sys
out = sys.argv[1]
sys.argv = ["bot", *sys.argv[2:]]
signal.raise_signal = lambda sig: None
profile = cProfile.Profile()
profile.enable()
try:
    runpy.run_module("bot", run_name="__main__")
finally:
    profile.disable()
    profile.dump_stats(out)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def command(i: int, hooks: str, run: str) -> bytes:
    fields = {
        "team_id": TEAM,
        "team_domain": "bench",
        "channel_id": "C0BENCH",
        "channel_name": "sales",
        "user_id": f"U{i % PEOPLE:04d}",
        "user_name": f"rep{i % PEOPLE}",
        "command": "/log",
        "text": f"{1 + i % 3} calls with Acme",
        "response_url": f"{hooks}/hooks/{i}",
        "trigger_id": f"{run}.{i}.bench",
    }
    return urllib.parse.urlencode(fields).encode()


def signed(body: bytes) -> dict[str, str]:
    stamp = str(int(time.time()))
    digest = hmac.new(SECRET.encode(), f"v0:{stamp}:".encode() + body, hashlib.sha256)
    return {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": f"v0={digest.hexdigest()}",
    }


async def stats(hooks: str) -> dict[str, float]:
    async with aiohttp.ClientSession() as http, http.get(f"{hooks}/stats") as response:
        return dict(await response.json())


async def send(url: str, hooks: str, count: int, rate: float, run: str) -> list[float]:
    """Open loop: request i is due at start + i/rate; its latency counts from then."""
    latencies: list[float] = []
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as http:

        async def one(i: int, due: float) -> None:
            body = command(i, hooks, run)
            async with http.post(url, data=body, headers=signed(body)) as response:
                await response.read()
                if response.status == 200:
                    latencies.append(time.perf_counter() - due)

        start = time.perf_counter() + 0.05
        tasks = []
        for i in range(count):
            due = start + i / rate
            if due > time.perf_counter():
                await asyncio.sleep(due - time.perf_counter())
            tasks.append(asyncio.create_task(one(i, due)))
        await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), 120)
    return latencies


async def run_one(tree: Path, db_url: str, api: str, hooks: str, args: argparse.Namespace) -> str:
    port = free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(tree),
        "QUOTABOT_DATABASE_URL": db_url,
        "SLACK_BOT_TOKEN": "xoxb-bench",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": api,
    }
    serve = ["serve", "--port", str(port), "--no-scheduler"]
    argv = [sys.executable, "-m", "bot", *serve]
    if args.profile:
        argv = [sys.executable, "-c", PROFILED, args.profile, *serve]
    server = launch(argv, tree, env)
    try:
        url = f"http://127.0.0.1:{port}/slack/events"
        for _ in range(300):
            try:
                async with aiohttp.ClientSession() as http, http.get(url[:-13] + "/healthz"):
                    break
            except aiohttp.ClientError:
                await asyncio.sleep(0.1)
        warm = 100  # connections, auth.test, every person met once
        base = (await stats(hooks))["hooks"]
        await send(url, hooks, warm, 100, f"warm{port}")
        await until(hooks, base + warm, 60)
        base = (await stats(hooks))["hooks"]
        first, cpu_before = time.time(), cpu_seconds(server.pid)
        latencies = await send(url, hooks, args.messages, args.messages / args.seconds, f"r{port}")
        done = await until(hooks, base + args.messages, 120)
        cpu = (cpu_seconds(server.pid) - cpu_before) / args.messages * 1000
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(30)
    ms = sorted(x * 1000 for x in latencies)
    p50, p99 = ms[len(ms) // 2], ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    if done is None:
        return f"acks p50 {p50:6.1f} ms p99 {p99:7.1f} ms | replies not all in within 120 s"
    span = done - first
    return (
        f"acks p50 {p50:6.1f} ms p99 {p99:7.1f} ms | last reply {span:5.1f} s after the "
        f"first send | {args.messages / span:6.1f} logs/s | serve CPU {cpu:4.2f} ms/log"
    )


def cpu_seconds(pid: int) -> float:
    """User + system CPU the process has used (Linux /proc): a figure other load barely moves."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def until(hooks: str, expected: int, limit: float) -> float | None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        seen = await stats(hooks)
        if seen["hooks"] >= expected:
            return float(seen["last"])
        await asyncio.sleep(0.1)
    return None


def launch(argv: list[str], tree: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """A child process whose output goes to a log file in the temp directory."""
    log = Path(tempfile.gettempdir()) / f"inbox-bench-{os.getpid()}-{time.time_ns()}.log"
    with log.open("wb") as out:
        return subprocess.Popen(argv, cwd=tree, env=env, stdout=out, stderr=out)


def upgrade(tree: Path, db: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(tree), "QUOTABOT_DATABASE_URL": db}
    argv = [sys.executable, "-m", "bot", "db", "upgrade"]
    subprocess.run(argv, cwd=tree, env=env, check=True, capture_output=True)


def extract(rev: str, into: Path) -> Path:
    archive = subprocess.run(["git", "archive", rev], cwd=ROOT, capture_output=True, check=True)
    into.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into


async def main(args: argparse.Namespace) -> None:
    from tests.support import postgres

    work = Path(tempfile.mkdtemp(prefix="inbox-bench-"))
    trees: dict[str, Path] = {}
    if "before" in args.variants:
        trees[f"before ({args.before})"] = extract(args.before, work / "before")
    if "after" in args.variants:
        trees["after"] = ROOT
    fake_port = free_port()
    fake = launch([sys.executable, __file__, "--fake", str(fake_port)], ROOT, dict(os.environ))
    pg = postgres.start() if "postgresql" in args.backends else None
    api, hooks = f"http://127.0.0.1:{fake_port}/api/", f"http://127.0.0.1:{fake_port}"
    try:
        await asyncio.sleep(1.0)
        print(f"{args.messages} /log commands in {args.seconds:g} s, {PEOPLE} people\n")
        for backend in args.backends.split(","):
            for n, (name, tree) in enumerate(trees.items()):
                if backend == "sqlite":
                    db = f"sqlite+aiosqlite:///{work / f'{n}.db'}"
                else:
                    assert pg is not None
                    db = pg.create_database(f"bench{n}")
                    upgrade(tree, db)
                result = await run_one(tree, db, api, hooks, args)
                print(f"{backend:<10} {name:<18} {result}", flush=True)
    finally:
        fake.terminate()
        if pg is not None:
            pg.stop()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--fake"]:
        fake_slack(int(sys.argv[2]))
        sys.exit(0)
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=1500)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--before", default=BEFORE)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--variants", default="before,after")
    parser.add_argument("--profile", default="", help="cProfile the serve process to this file")
    asyncio.run(main(parser.parse_args()))

"""Scheduler benchmark: plan 10,000 nudges, then dispatch them to a fake Slack API on loopback.

    PYTHONPATH=. python benchmarks/scheduler_bench.py [--users 10000] [--database-url URL]

Planning is compared side by side with a naive baseline (per-user queries, the obvious
first version) on the same data. Dispatch uses the real Slack notifier (slack-sdk) against
tests/scheduler/fake_slack.py and reports messages/s and the highest per-channel rate.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy import func, select

from bot.adapters.slack.notifier import SlackNotifier
from bot.config import Settings
from scheduler import planner
from scheduler.dispatcher import DispatchConfig, Dispatcher
from scheduler.notify import Notifier, Outbound, SendResult
from scheduler.pacing import Pacer
from scheduler.rules import NudgeRule, nudge_due, nudge_key
from storage import migrate
from storage.db import create_engine, session_factory
from storage.models import Activity, Delivery, Team, User, Workspace
from tests.support.slack_api import FakeSlack

AT = datetime(2026, 11, 18, 16, 0, tzinfo=UTC)  # a Wednesday
ZONES = (
    "America/New_York", "America/Los_Angeles", "Europe/Bucharest", "Europe/London",
    "Asia/Kolkata", "Australia/Sydney", "Asia/Tokyo", "America/Sao_Paulo",
)  # fmt: skip


async def seed(url: str, users: int, teams: int) -> None:
    engine = create_engine(url)
    sessions = session_factory(engine)
    async with sessions() as session, session.begin():
        # No quiet hours: every zone's nudge time is set to "now" there, even at night.
        # Leaderboards a minute earlier, so the time-bounded dispatch reaches them first.
        ws = Workspace(platform="slack", external_id="TBENCH", name="Bench",
                       quiet_start="00:00", quiet_end="00:00", daily_activity_goal=10,
                       leaderboard_day=3, leaderboard_time="15:59")  # fmt: skip
        session.add(ws)
        await session.flush()
        for i in range(teams):
            # Several teams share a channel so per-channel pacing has work to do.
            session.add(Team(workspace_id=ws.id, name=f"Team {i}", channel=f"C{i % 5}"))
        rows = []
        for i in range(users):
            tz = ZONES[i % len(ZONES)]
            rows.append({"workspace_id": ws.id, "external_id": f"U{i:05d}", "name": f"Rep {i}",
                         "tz": tz, "role": "rep", "nudges_enabled": True,
                         "nudge_time": AT.astimezone(ZoneInfo(tz)).strftime("%H:%M"),
                         "created_at": AT})  # fmt: skip
        await session.execute(User.__table__.insert(), rows)
        ids = (await session.scalars(select(User.id).order_by(User.id))).all()
        # A third are on target today and get no nudge (recorded as skipped).
        acts = [{"workspace_id": ws.id, "user_id": uid, "kind": "call", "count": 12,
                 "occurred_on": AT.astimezone(ZoneInfo(ZONES[n % len(ZONES)])).date(),
                 "source": "chat", "created_at": AT}
                for n, uid in enumerate(ids) if n % 3 == 0]  # fmt: skip
        await session.execute(Activity.__table__.insert(), acts)
    await engine.dispose()


async def naive_plan(url: str, sample: int) -> tuple[float, int]:
    """Baseline: per user, look up the key and sum today's activities (read-only).

    Measured on the first `sample` users: it is linear in users, and slow.
    """
    engine = create_engine(url)
    sessions = session_factory(engine)
    started = time.perf_counter()
    due = 0
    async with sessions() as session:
        query = select(User, Workspace).join(Workspace).order_by(User.id).limit(sample)
        for user, ws in (await session.execute(query)).all():
            rule = NudgeRule(user.tz, user.nudge_time or ws.nudge_time, ws.working_days,
                             ws.holiday_country, ws.quiet_start, ws.quiet_end)  # fmt: skip
            when = nudge_due(rule, AT, timedelta(hours=2))
            if when is None:
                continue
            key = nudge_key(user.id, when.local_day)
            if await session.scalar(select(Delivery.id).where(Delivery.idempotency_key == key)):
                continue
            logged = await session.scalar(
                select(func.coalesce(func.sum(Activity.count), 0)).where(
                    Activity.workspace_id == ws.id,
                    Activity.user_id == user.id,
                    Activity.occurred_on == when.local_day,
                )
            )
            due += int(logged or 0) < ws.daily_activity_goal
    elapsed = time.perf_counter() - started
    await engine.dispose()
    return elapsed, due


async def plan_and_dispatch(url: str, budget: float, seconds: float, concurrency: int) -> None:
    engine = create_engine(url)
    sessions = session_factory(engine)
    started = time.perf_counter()
    result = await planner.plan(sessions, AT)
    plan_s = time.perf_counter() - started
    again = time.perf_counter()
    repeat = await planner.plan(sessions, AT)
    replan_s = time.perf_counter() - again
    pending = len(result.recorded.get("pending", []))
    skipped = len(result.recorded.get("skipped", []))
    print(f"plan (ours):      {plan_s:6.2f} s  -> {pending:,} pending + {skipped:,} skipped")
    print(f"plan again:       {replan_s:6.2f} s  -> {repeat.pending} new (idempotent)")

    fake = FakeSlack()
    await fake.start()
    # The strict fake answers only granted tokens, known people and channels, like Slack.
    fake.grant("xoxb-bench")
    async with sessions() as session:
        for ext in await session.scalars(select(User.external_id)):
            fake.add_user(ext)
        for channel in set(await session.scalars(select(Team.channel))):
            if channel:
                fake.add_channel(channel)
    api = fake.api_url
    settings = Settings(_env_file=None, database_url=url, slack_api_url=api)  # type: ignore[call-arg]
    config = DispatchConfig(concurrency=concurrency, batch=100)
    pacer = Pacer(per_channel=1.0, per_workspace=budget)
    headers = {"Authorization": "Bearer xoxb-bench"}
    async with httpx.AsyncClient(base_url=api, headers=headers) as client:
        phases: list[tuple[str, Notifier]] = [
            ("slack-sdk notifier", SlackNotifier(settings, token="xoxb-bench")),
            ("lean httpx notifier", LeanSlack(client)),
        ]
        for name, notifier in phases:
            dispatcher = Dispatcher(sessions, {"slack": notifier}, lambda: AT, config, pacer)
            before = len(fake.delivered())
            started = time.perf_counter()
            outcomes = await dispatcher.run(deadline=asyncio.get_running_loop().time() + seconds)
            took = time.perf_counter() - started
            sent = sum(o.status == "sent" for o in outcomes)
            assert len(fake.delivered()) - before == sent
            print(f"dispatch ({name}): {sent:,} sent in {took:.1f} s = {sent / took:,.0f} msgs/s")
    await fake.stop()
    async with sessions() as session:
        rows = await session.execute(
            select(Delivery.status, func.count()).group_by(Delivery.status)
        )
        counts = {status: n for status, n in rows}
    gaps = _channel_gaps(fake)
    print(f"outbox after:     {counts} (workspace budget {budget:g} msgs/s)")
    print(f"per channel:      max {fake.max_per_channel(0.95)} msg in any 0.95 s window; "
          f"shared-channel gaps min {gaps[0]:.2f} s, median {gaps[1]:.2f} s")  # fmt: skip
    await engine.dispose()


class LeanSlack:
    """chat.postMessage over one shared httpx client: the dispatcher's own ceiling."""

    platform = "slack"

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def send(self, message: Outbound) -> SendResult:
        channel = message.channel or message.user
        response = await self.client.post(
            "chat.postMessage", json={"channel": channel, "text": message.reply.text}
        )
        if response.status_code == 429:
            return SendResult(ok=False, retry_after=float(response.headers["Retry-After"]))
        return SendResult(ok=bool(response.json().get("ok")))


def _channel_gaps(fake: FakeSlack) -> tuple[float, float]:
    by_channel: dict[str, list[float]] = {}
    for call in fake.delivered():
        channel = str(call.params.get("channel", ""))
        if channel.startswith("C"):
            by_channel.setdefault(channel, []).append(call.at)
    gaps = [b - a for stamps in by_channel.values() for a, b in itertools.pairwise(stamps)]
    return (min(gaps), statistics.median(gaps)) if gaps else (0.0, 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--teams", type=int, default=20)
    parser.add_argument("--database-url", help="default: a fresh SQLite file")
    parser.add_argument("--budget", type=float, default=500.0, help="workspace msgs/s")
    parser.add_argument("--seconds", type=float, default=15.0, help="time bound per phase")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--baseline-sample", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
        migrate.upgrade(url)
        asyncio.run(seed(url, args.users, args.teams))
        print(f"{args.users:,} reps in {len(ZONES)} zones, {args.teams} teams, {url.split(':')[0]}")
        sample = min(args.users, args.baseline_sample)
        base_s, _ = asyncio.run(naive_plan(url, sample))
        scale = args.users / sample
        print(f"plan (baseline):  {base_s * scale:6.2f} s  (per-user queries; "
              f"measured {base_s:.2f} s on {sample:,} users, x{scale:g})")  # fmt: skip
        asyncio.run(plan_and_dispatch(url, args.budget, args.seconds, args.concurrency))


if __name__ == "__main__":
    main()

"""Reply latency of the read commands on the demo sales floor, vs a Python-side baseline.

Runs the real router (parse, policy, SQL aggregates, render) on a fresh SQLite demo
database and prints p50/p99 per command. The baseline answers the same "activities per rep
this quarter" question by loading rows into Python, the way the design forbids: the ratio
shows what aggregating in SQL buys. Bounded: a fixed number of rounds per command.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from bot.app import build_services
from bot.config import Settings
from core.messages import Inbound
from storage import demo
from storage.models import Activity

COMMANDS = [
    ("alice", "/quota", ""),
    ("alice", "/pipeline", ""),
    ("alice", "/forecast", ""),
    ("maya", "/team", ""),
    ("alice", "/leaderboard", "revenue this quarter"),
    ("alice", None, "3 calls with Acme"),
]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def main(rounds: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
        services = build_services(Settings(_env_file=None, database_url=url))  # type: ignore[call-arg]
        async with services.sessions() as session, session.begin():
            await demo.seed(session, datetime.now(UTC))
        print(f"{'command':<34} {'p50 ms':>8} {'p99 ms':>8}")
        for user, command, text in COMMANDS:
            timings = []
            for _ in range(rounds):
                inbound = Inbound("console", demo.DEMO_WORKSPACE, user, text=text, command=command)
                start = time.perf_counter()
                reply = await services.router.handle(inbound)
                timings.append((time.perf_counter() - start) * 1000)
                assert reply.text
            label = f"{command or ''} {text}".strip()
            print(f"{label:<34} {statistics.median(timings):8.2f} {pct(timings, 0.99):8.2f}")
        await compare_aggregation(services, rounds)
        await services.engine.dispose()


async def compare_aggregation(services, rounds: int) -> None:  # type: ignore[no-untyped-def]
    from core.periods import containing
    from handlers.shared.attainment import actuals
    from storage.scope import Scope

    period = containing("quarter", datetime.now(UTC).date())
    sql_t, py_t = [], []
    for _ in range(rounds):
        async with services.sessions() as session:
            start = time.perf_counter()
            await actuals(session, Scope(1), period, "UTC", "USD")
            sql_t.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            rows = await session.scalars(
                select(Activity).where(
                    Activity.occurred_on >= period.start, Activity.occurred_on < period.end
                )
            )
            totals: dict[int, int] = defaultdict(int)
            for row in rows:
                totals[row.user_id] += row.count
            py_t.append((time.perf_counter() - start) * 1000)
    print(f"\nactivities per rep, this quarter   {'p50 ms':>8} {'p99 ms':>8}")
    for label, times in (
        ("SQL GROUP BY (ours)", sql_t),
        ("rows summed in Python (baseline)", py_t),
    ):
        print(f"{label:<34} {statistics.median(times):8.2f} {pct(times, 0.99):8.2f}")
    print(f"ratio baseline/ours: {statistics.median(py_t) / statistics.median(sql_t):.1f}x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=30)
    asyncio.run(main(parser.parse_args().rounds))

"""Read commands on a big sales floor (issue 14): 500 reps, N activities, SQLite or PostgreSQL.

Builds the floor with the CSV import and prints its rows/s beside the import of an older
commit (`--baseline`, run on the same files in the same run; `--baseline none` skips it).
Then it times each read command through the real router: the SQL part (time inside statement
execution, summed per request) and the whole reply, p50/p95, and the CPU per request (this
process; PostgreSQL's server too). Then it takes migration 0009 away (no rollups, no covering
index) and puts back the raw-table GROUP BY that main used - the hand-written SQL floor over
the raw table - and times the same commands again, in the same run on the same floor.

    python benchmarks/scale_bench.py --rows 100000 --backend sqlite
    python benchmarks/scale_bench.py --rows 1000000 --backend postgresql
    python benchmarks/scale_bench.py --rows 10000000 --baseline none --raw-rounds 3
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Coroutine
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from scale_floor import WS, Cpu, database, write_floor
from scale_import import BASELINE, baseline, line
from sqlalchemy import event, func, select

import handlers.shared.attainment as attainment
from bot.app import build_services
from bot.config import Settings
from bot.services import Services
from core.messages import Inbound
from storage import migrate
from storage.models import Activity, Workspace
from storage.scope import Scope
from storage.stats import activity_counts
from storage.transfer.run import Defaults, import_file

COMMANDS = [
    ("rep1@floor.test", "/quota", ""),
    ("manager1@floor.test", "/team", ""),
    ("admin@floor.test", "/team", ""),
    ("rep1@floor.test", "/pipeline", ""),
    ("rep1@floor.test", "/forecast", ""),
    ("rep1@floor.test", "/leaderboard", "this week"),
    ("rep1@floor.test", "/leaderboard", "activities this quarter"),
    ("rep1@floor.test", "/leaderboard", "activities this year"),
    ("rep1@floor.test", "/leaderboard", "activities all time"),
]
ALL_TIME = "all time (activity sums only)"
Counts = Callable[[Any, Scope, date, date], Coroutine[Any, Any, dict[int, dict[str, int]]]]
# The activity sums the handlers use: the rollups (now) or the raw table (before).
COUNTS: list[Counts] = [activity_counts]
PATCHED = "activity_counts"
# command -> (SQL ms, reply ms, CPU ms here, CPU ms server) per request
Timings = dict[str, tuple[list[float], list[float], float, float]]


def use_counts(counts: Counts) -> None:
    COUNTS[0] = counts
    setattr(attainment, PATCHED, counts)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class SqlTimer:
    """Sums the time statements spend executing, per request."""

    def __init__(self, services: Services) -> None:
        self.spent = 0.0
        self._started: list[float] = []
        engine = services.engine.sync_engine
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    def _before(self, *_: Any) -> None:
        self._started.append(time.perf_counter())

    def _after(self, *_: Any) -> None:
        self.spent += time.perf_counter() - self._started.pop()


async def time_commands(services: Services, cpu: Cpu, rounds: int) -> Timings:
    timer = SqlTimer(services)
    result: Timings = {}
    for user, command, text in COMMANDS:
        sql, whole = [], []
        # One untimed round first: both phases start with warm caches.
        await services.router.handle(Inbound("console", WS, user, text=text, command=command))
        mine, served = cpu.mine(), cpu.server()
        for _ in range(rounds):
            timer.spent = 0.0
            start = time.perf_counter()
            reply = await services.router.handle(
                Inbound("console", WS, user, text=text, command=command)
            )
            whole.append((time.perf_counter() - start) * 1000)
            sql.append(timer.spent * 1000)
            assert reply.text
        who = user.split("@")[0].rstrip("0123456789")
        per = 1000 / rounds
        result[f"{command} {text} ({who})".replace("  ", " ")] = (
            sql,
            whole,
            (cpu.mine() - mine) * per,
            (cpu.server() - served) * per,
        )
    sums = []
    async with services.sessions() as session:
        ws = await session.scalar(select(Workspace.id).where(Workspace.external_id == WS))
        assert ws is not None
        mine, served = cpu.mine(), cpu.server()
        for _ in range(rounds):
            start = time.perf_counter()
            await COUNTS[0](session, Scope(ws), date(2000, 1, 1), date(2100, 1, 1))
            sums.append((time.perf_counter() - start) * 1000)
        per = 1000 / rounds
        result[ALL_TIME] = (sums, sums, (cpu.mine() - mine) * per, (cpu.server() - served) * per)
    return result


async def raw_counts(
    session: Any, scope: Scope, start: date, end: date
) -> dict[int, dict[str, int]]:
    """main's query before issue 14: a GROUP BY over the raw activities table."""
    rows = await session.execute(
        select(Activity.user_id, Activity.kind, func.sum(Activity.count))
        .where(
            Activity.workspace_id == scope.workspace_id,
            scope.owners(Activity.user_id),
            Activity.occurred_on >= start,
            Activity.occurred_on < end,
            Activity.deleted_at.is_(None),
        )
        .group_by(Activity.user_id, Activity.kind)
    )
    result: dict[int, dict[str, int]] = defaultdict(dict)
    for user_id, kind, total in rows:
        result[user_id][kind] = int(total or 0)
    return dict(result)


async def build(url: str, folder: Path, cpu: Cpu) -> Services:
    services = build_services(Settings(_env_file=None, database_url=url), auto_migrate=False)
    now = datetime.now(UTC)
    for kind in ("people", "activities", "deals", "quotas"):
        started, mine, served = time.perf_counter(), cpu.mine(), cpu.server()
        report = await import_file(
            services.sessions, kind, folder / f"{kind}.csv", WS, now=now, defaults=Defaults()
        )
        spent = time.perf_counter() - started
        # CPU time too: on a shared machine the wall clock also counts other people's work.
        server = cpu.server() - served if cpu.pid else None
        label = f"{kind}, this checkout" + (" (after)" if kind == "activities" else "")
        print(line(label, report.rows, spent, cpu.mine() - mine, server))
    return services


def show(before: Timings, after: Timings, backend: str) -> None:
    server = backend == "postgresql"
    print(
        f"\n{'command':<44} {'SQL p50/p95 ms: raw table':>26} {'rollups':>15} "
        f"{'reply p95 raw':>14} {'rollups':>8} {'CPU ms/request':>15}"
        + (" (+ server)" if server else "")
    )
    for name, (a_sql, a_all, mine, served) in after.items():
        b_sql, b_all, _, _ = before[name]
        print(
            f"{name:<44} {statistics.median(b_sql):15.1f} /{pct(b_sql, 0.95):8.1f}"
            f" {statistics.median(a_sql):7.1f} /{pct(a_sql, 0.95):6.1f}"
            f" {pct(b_all, 0.95):14.1f} {pct(a_all, 0.95):8.1f} {mine:15.1f}"
            + (f" (+ {served:.1f})" if server else "")
        )


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url, stop, server = await asyncio.to_thread(database, args.backend, folder)
        try:
            await asyncio.to_thread(migrate.upgrade, url)
            started = time.perf_counter()
            write_floor(folder, args.rows, args.reps, datetime.now(UTC).date())
            print(
                f"{args.backend}: {args.rows:,} activities, {args.reps} reps, load average "
                f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
                f"(CSV written in {time.perf_counter() - started:.1f} s)"
            )
            if args.baseline != "none":
                print(baseline(args.backend, folder, server, args.baseline))
            cpu = Cpu(server)
            services = await build(url, folder, cpu)
            if args.backend == "postgresql":
                # What autovacuum does soon after a big load (visibility map, hint bits);
                # without it the first phase timed pays for it and the comparison is unfair.
                async with services.engine.connect() as conn:
                    auto = await conn.execution_options(isolation_level="AUTOCOMMIT")
                    await auto.exec_driver_sql("VACUUM ANALYZE")
            print(f"load average {os.getloadavg()[0]:.1f} before the reads")
            after = await time_commands(services, cpu, args.rounds)
            # Before: main's schema (no 0009) and main's raw-table query.
            await strip_0009(services)
            await services.engine.dispose()
            use_counts(raw_counts)
            services = build_services(
                Settings(_env_file=None, database_url=url), auto_migrate=False
            )
            before = await time_commands(services, cpu, args.raw_rounds or args.rounds)
            use_counts(activity_counts)
            await services.engine.dispose()
            show(before, after, args.backend)
            print(f"load average {os.getloadavg()[0]:.1f} at the end")
        finally:
            stop()


async def strip_0009(services: Services) -> None:
    """main's schema for the timings before: no rollups, no triggers, no covering index
    (the source columns stay; later migrations' tables, such as charts, stay too)."""
    sqlite = services.engine.dialect.name == "sqlite"
    async with services.engine.begin() as conn:
        for suffix in ("ins", "upd", "del"):
            on = "" if sqlite else " ON activities"
            await conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS activities_rollup_{suffix}{on}")
        if not sqlite:
            await conn.exec_driver_sql("DROP FUNCTION IF EXISTS activity_rollup()")
        await conn.exec_driver_sql("DROP TABLE activity_days")
        await conn.exec_driver_sql("DROP TABLE activity_months")
        await conn.exec_driver_sql("DROP TABLE rollup_pause")
        await conn.exec_driver_sql("DROP INDEX ix_deals_won_cover")
        await conn.exec_driver_sql("DROP INDEX ix_deals_closed_at")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--reps", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=20)
    # The raw-table phase at 10M takes seconds a request: fewer rounds keep the run short.
    parser.add_argument("--raw-rounds", type=int, default=0)
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--baseline", default=BASELINE, help="an older commit, or none")
    asyncio.run(main(parser.parse_args()))

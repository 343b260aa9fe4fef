"""Read commands on a big sales floor (issue 14): 500 reps, N activities, SQLite or PostgreSQL.

Builds the floor with the CSV import (and prints its rows/s), then times each read command
through the real router: the SQL part (time inside statement execution, summed per request)
and the whole reply, p50/p95. Then it takes migration 0009 away (no rollups, no covering
index) and puts back the raw-table GROUP BY that main used, and times the same commands
again, so "before" and "after" come from one floor in one run. "all time" has no chat
phrase yet; it is timed as the activity sums it would need (SQL only).

    python benchmarks/scale_bench.py --rows 100000 --backend sqlite
    python benchmarks/scale_bench.py --rows 1000000 --backend postgresql
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Coroutine
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

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

WS = "floor"
TEAMS = 10
KINDS = (("call", 45), ("email", 35), ("meeting", 12), ("demo", 8))
STAGES = ("prospecting", "qualification", "proposal", "negotiation", "won", "lost")
COMMANDS = [
    ("rep1@floor.test", "/quota", ""),
    ("manager1@floor.test", "/team", ""),
    ("admin@floor.test", "/team", ""),
    ("rep1@floor.test", "/pipeline", ""),
    ("rep1@floor.test", "/forecast", ""),
    ("rep1@floor.test", "/leaderboard", "this week"),
    ("rep1@floor.test", "/leaderboard", "activities this quarter"),
    ("rep1@floor.test", "/leaderboard", "activities this year"),
]
ALL_TIME = "all time (sums only)"
Counts = Callable[[Any, Scope, date, date], Coroutine[Any, Any, dict[int, dict[str, int]]]]
# The activity sums the handlers use: the rollups (now) or the raw table (before).
COUNTS: list[Counts] = [activity_counts]
PATCHED = "activity_counts"


def use_counts(counts: Counts) -> None:
    COUNTS[0] = counts
    setattr(attainment, PATCHED, counts)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def write_floor(folder: Path, rows: int, reps: int, today: date, seed: int = 7) -> None:
    """people.csv, activities.csv (two years to today), deals.csv and quotas.csv."""
    rng = random.Random(seed)
    with (folder / "people.csv").open("w", newline="") as out:
        w = csv.writer(out)
        w.writerow(("name", "email", "role", "team", "timezone"))
        w.writerow(("Ada Admin", "admin@floor.test", "admin", "", "UTC"))
        for t in range(1, TEAMS + 1):
            w.writerow((f"Manager {t}", f"manager{t}@floor.test", "manager", f"Team {t}", "UTC"))
        for r in range(1, reps + 1):
            w.writerow(
                (f"Rep {r}", f"rep{r}@floor.test", "rep", f"Team {(r - 1) % TEAMS + 1}", "UTC")
            )
    kinds = [k for k, weight in KINDS for _ in range(weight)]
    accounts = [f"Account {i}" for i in range(2000)]
    with (folder / "activities.csv").open("w", newline="") as out:
        w = csv.writer(out)
        w.writerow(("date", "person", "kind", "count", "account"))
        for _ in range(rows):
            w.writerow(
                (
                    (today - timedelta(days=rng.randrange(730))).isoformat(),
                    f"rep{rng.randrange(1, reps + 1)}@floor.test",
                    rng.choice(kinds),
                    rng.randint(1, 5),
                    rng.choice(accounts) if rng.random() < 0.5 else "",
                )
            )
    with (folder / "deals.csv").open("w", newline="") as out:
        w = csv.writer(out)
        w.writerow(("account", "owner", "amount", "currency", "stage", "close_date", "created"))
        for r in range(1, reps + 1):
            for _ in range(40):
                stage = rng.choice(STAGES)
                created = today - timedelta(days=rng.randrange(30, 730))
                close = min(today, created + timedelta(days=rng.randrange(5, 120)))
                if stage not in ("won", "lost"):
                    close = today + timedelta(days=rng.randrange(1, 120))
                w.writerow(
                    (
                        rng.choice(accounts),
                        f"rep{r}@floor.test",
                        rng.randrange(1000, 100_000),
                        "USD",
                        stage,
                        close.isoformat(),
                        created.isoformat(),
                    )
                )
    with (folder / "quotas.csv").open("w", newline="") as out:
        w = csv.writer(out)
        w.writerow(("person_or_team", "metric", "period", "target"))
        quarter = f"{today.year}-Q{(today.month - 1) // 3 + 1}"
        for r in range(1, reps + 1):
            w.writerow((f"rep{r}@floor.test", "revenue", quarter, 150_000))
            w.writerow((f"rep{r}@floor.test", "activities", f"{today:%Y-%m}", 400))


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


async def time_commands(
    services: Services, timer: SqlTimer, rounds: int
) -> dict[str, tuple[list[float], list[float]]]:
    """command -> (SQL ms per request, whole reply ms per request)."""
    result: dict[str, tuple[list[float], list[float]]] = {}
    for user, command, text in COMMANDS:
        sql, whole = [], []
        # One untimed round first: both phases start with warm caches.
        await services.router.handle(Inbound("console", WS, user, text=text, command=command))
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
        result[f"{command} {text} ({who})".replace("  ", " ")] = (sql, whole)
    sums = []
    async with services.sessions() as session:
        ws = await session.scalar(select(Workspace.id).where(Workspace.external_id == WS))
        assert ws is not None
        for _ in range(rounds):
            start = time.perf_counter()
            await COUNTS[0](session, Scope(ws), date(2000, 1, 1), date(2100, 1, 1))
            sums.append((time.perf_counter() - start) * 1000)
    result[ALL_TIME] = (sums, sums)
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


async def build(url: str, folder: Path, rows: int, reps: int) -> Services:
    services = build_services(Settings(_env_file=None, database_url=url), auto_migrate=False)
    now = datetime.now(UTC)
    for kind in ("people", "activities", "deals", "quotas"):
        started, cpu = time.perf_counter(), time.process_time()
        report = await import_file(
            services.sessions, kind, folder / f"{kind}.csv", WS, now=now, defaults=Defaults()
        )
        spent, busy = time.perf_counter() - started, time.process_time() - cpu
        # CPU time too: on a shared machine the wall clock also counts other people's work.
        print(
            f"import {kind:<10} {report.rows:>9,} rows in {spent:6.2f} s = "
            f"{report.rows / spent:>9,.0f} rows/s (this process's CPU: {busy:6.2f} s = "
            f"{report.rows / max(busy, 1e-9):>9,.0f} rows/s)"
        )
    return services


def show(
    before: dict[str, tuple[list[float], list[float]]],
    after: dict[str, tuple[list[float], list[float]]],
) -> None:
    heads = ("SQL p50/p95 ms before", "after", "reply p95 before", "after")
    print(f"\n{'command':<42} {heads[0]:>22} {heads[1]:>16} {heads[2]:>17} {heads[3]:>8}")
    for name in after:
        b_sql, b_all = before[name]
        a_sql, a_all = after[name]
        print(
            f"{name:<42} {statistics.median(b_sql):10.1f} /{pct(b_sql, 0.95):8.1f}"
            f" {statistics.median(a_sql):7.1f} /{pct(a_sql, 0.95):6.1f}"
            f" {pct(b_all, 0.95):17.1f} {pct(a_all, 0.95):8.1f}"
        )


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url, stop = await asyncio.to_thread(database, args.backend, folder)
        try:
            await asyncio.to_thread(migrate.upgrade, url)
            started = time.perf_counter()
            write_floor(folder, args.rows, args.reps, datetime.now(UTC).date())
            print(
                f"{args.backend}: {args.rows:,} activities, {args.reps} reps, load average "
                f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
                f"(CSV written in {time.perf_counter() - started:.1f} s)"
            )
            services = await build(url, folder, args.rows, args.reps)
            if args.backend == "postgresql":
                # What autovacuum does soon after a big load (visibility map, hint bits);
                # without it the first phase timed pays for it and the comparison is unfair.
                async with services.engine.connect() as conn:
                    auto = await conn.execution_options(isolation_level="AUTOCOMMIT")
                    await auto.exec_driver_sql("VACUUM ANALYZE")
            timer = SqlTimer(services)
            after = await time_commands(services, timer, args.rounds)
            # Before: main's schema (no 0009) and main's raw-table query.
            await strip_0009(services)
            await services.engine.dispose()
            use_counts(raw_counts)
            services = build_services(
                Settings(_env_file=None, database_url=url), auto_migrate=False
            )
            before = await time_commands(services, SqlTimer(services), args.rounds)
            use_counts(activity_counts)
            await services.engine.dispose()
            show(before, after)
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


def database(backend: str, folder: Path) -> tuple[str, Callable[[], None]]:
    if backend == "sqlite":
        return f"sqlite+aiosqlite:///{folder / 'floor.db'}", lambda: None
    # The test suite's throwaway PostgreSQL server (the machine's binaries, a temp directory).
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.support import postgres

    server = postgres.start()
    return server.create_database("floor"), server.stop


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--reps", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    asyncio.run(main(parser.parse_args()))

"""The scale bench's floor: CSV files for 500 reps, the database they go into, and the CPU
time spent by this process and by the PostgreSQL server beside it."""

from __future__ import annotations

import csv
import os
import random
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

WS = "floor"
TEAMS = 10
KINDS = (("call", 45), ("email", 35), ("meeting", 12), ("demo", 8))
STAGES = ("prospecting", "qualification", "proposal", "negotiation", "won", "lost")
# Clock ticks per second, for /proc/<pid>/stat.
TICKS = os.sysconf("SC_CLK_TCK")


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


def database(backend: str, folder: Path) -> tuple[str, Callable[[], None], Any]:
    if backend == "sqlite":
        return f"sqlite+aiosqlite:///{folder / 'floor.db'}", lambda: None, None
    # The test suite's throwaway PostgreSQL server (the machine's binaries, a temp directory).
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.support import postgres

    server = postgres.start()
    return server.create_database("floor"), server.stop, server


class Cpu:
    """CPU seconds used so far: this process, and (PostgreSQL) the server's processes, whose
    exited backends are counted in the postmaster's children's time."""

    def __init__(self, server: Any = None) -> None:
        self.pid = 0
        if server is not None:
            pidfile = Path(server.root) / "data" / "postmaster.pid"
            self.pid = int(pidfile.read_text().split()[0])

    def mine(self) -> float:
        return time.process_time()

    def server(self) -> float:
        if not self.pid:
            return 0.0
        total = _ticks(self.pid, children=True)
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                total += _ticks(int(entry.name), parent=self.pid)
        return total / TICKS


def _ticks(pid: int, *, children: bool = False, parent: int = 0) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0
    # After the name: state ppid ... utime(12) stime(13) cutime(14) cstime(15), 1-based - 2.
    if parent and int(fields[1]) != parent:
        return 0
    used = int(fields[11]) + int(fields[12])
    return used + (int(fields[13]) + int(fields[14]) if children else 0)

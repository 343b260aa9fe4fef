"""The import before and after in one run: the same people and activities files imported by
this checkout and by an older commit (extracted with `git archive`, run in a subprocess),
each into an empty database of its own on the same backend."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from scale_floor import WS, Cpu

# The commit before issue 14's import work on the fast path (one transaction per file,
# triggers paused per row, no bulk mode).
BASELINE = "31ffc80"
ROOT = Path(__file__).resolve().parents[1]
# Runs inside the older tree: imports the two files, prints rows, seconds and CPU seconds.
SCRIPT = """
import asyncio, sys, time
from datetime import UTC, datetime
from pathlib import Path
from bot.app import build_services
from bot.config import Settings
from storage import migrate
from storage.transfer.run import Defaults, import_file
url, folder, ws = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
migrate.upgrade(url)
async def main():
    services = build_services(Settings(_env_file=None, database_url=url), auto_migrate=False)
    for kind in ("people", "activities"):
        started, cpu = time.perf_counter(), time.process_time()
        report = await import_file(services.sessions, kind, folder / f"{kind}.csv", ws,
                                   now=datetime.now(UTC), defaults=Defaults())
        print(kind, report.rows, time.perf_counter() - started, time.process_time() - cpu)
    await services.engine.dispose()
asyncio.run(main())
"""


def line(label: str, rows: int, spent: float, mine: float, server: float | None) -> str:
    """One import's figures: wall-clock rows/s, then CPU seconds (ours, and the server's)."""
    cpu = f"CPU {mine:6.2f} s here" + (f" + {server:6.2f} s server" if server is not None else "")
    return f"{label:<34} {rows:>10,} rows in {spent:7.2f} s = {rows / spent:>8,.0f} rows/s ({cpu})"


def baseline(backend: str, folder: Path, server: Any, commit: str) -> str:
    """The activities import as `commit` did it, into its own database."""
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp)
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", commit], capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
        if backend == "sqlite":
            url = f"sqlite+aiosqlite:///{tree / 'baseline.db'}"
        else:
            url = server.create_database("baseline")
        cpu = Cpu(server)
        before = cpu.server()
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT, url, str(folder), WS],
            cwd=tree,
            capture_output=True,
            text=True,
            check=True,
        )
        print(f"  (baseline run took {time.perf_counter() - started:.0f} s)")
        served = cpu.server() - before if server is not None else None
        if server is not None:
            server.drop_database("baseline")
    rows, spent, mine = done.stdout.split("\n")[1].split()[1:]
    # The server's CPU covers both files; people is 511 rows, noise beside the activities.
    return line(f"activities, {commit} (before)", int(rows), float(spent), float(mine), served)

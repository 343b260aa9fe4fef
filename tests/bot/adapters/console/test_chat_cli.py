"""`quotabot chat` and `quotabot demo` as a person runs them, through a pipe."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ACCEPTANCE = "/log 3 calls Acme\nclosed Initech for $24k\n/quota\n/pipeline\n/leaderboard\n"


def quotabot(args: list[str], db: Path, stdin: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "QUOTABOT_"))}
    env["QUOTABOT_DATABASE_URL"] = f"sqlite+aiosqlite:///{db}"
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_piped_chat_answers_each_line_and_saves(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    done = quotabot(["chat", "--as", "alice"], db, ACCEPTANCE)
    assert done.returncode == 0, done.stderr
    replies = [block for block in done.stdout.strip().split("\n\n") if block.strip()]
    assert len(replies) == 5
    assert replies[0].startswith("✅ Logged 3 calls with Acme for today")
    assert replies[1].startswith("🎉 Closed-won: Initech for $24,000")
    assert "No quota is set for you" in replies[2]
    assert "Your pipeline is empty" in replies[3]
    assert "leaderboard" in replies[4].lower()
    with sqlite3.connect(db) as conn:
        assert conn.execute("select kind, count from activities").fetchall() == [("call", 3)]
        assert conn.execute("select stage, amount_minor from deals").fetchall() == [
            ("won", 2_400_000)
        ]


def test_demo_seeds_once_and_chats_as_a_rep(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    first = quotabot(["demo"], db, "how am I tracking?\n")
    assert first.returncode == 0, first.stderr
    assert "Seeded the demo workspace" in first.stderr
    assert "of $45,000 for" in first.stdout
    second = quotabot(["demo"], db, "/leaderboard\n")
    assert "Using the demo workspace" in second.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from workspaces").fetchone() == (1,)
        reps = conn.execute("select count(*) from users where role = 'rep'").fetchone()[0]
        assert reps == 12


def test_malformed_configuration_names_the_variable(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "QUOTABOT_"))}
    env["QUOTABOT_TIMEZONE"] = "Mars/Olympus"
    done = subprocess.run(
        [sys.executable, "-m", "bot", "chat"],
        input="",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "QUOTABOT_TIMEZONE" in done.stderr


def test_db_upgrade_and_current(tmp_path: Path) -> None:
    db = tmp_path / "fresh.db"
    before = quotabot(["db", "current"], db, "")
    assert "database: (empty)" in before.stdout and "quotabot db upgrade" in before.stdout
    done = quotabot(["db", "upgrade"], db, "")
    assert done.returncode == 0 and "up to date" in done.stdout
    after = quotabot(["db", "current"], db, "")
    database, code = after.stdout.splitlines()[:2]
    assert database.split(":")[1].strip() == code.split(":")[1].strip()

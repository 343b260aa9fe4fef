"""Operators and admins: `quotabot tick --at`, `quotabot settings`, and /quotabot settings."""

from __future__ import annotations

import asyncio

import typer
from typer.testing import CliRunner

from bot.cli_scheduler import register
from handlers import admin_settings
from storage.db import create_engine, session_factory
from storage.models import User, Workspace


def cli() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


async def seed_console_rep(url: str) -> None:
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session, session.begin():
            ws = Workspace(platform="console", external_id="demo", name="Demo")
            session.add(ws)
            await session.flush()
            session.add(User(workspace_id=ws.id, external_id="alice", name="Alice", tz="UTC"))
    finally:
        await engine.dispose()


def test_tick_at_an_instant_sends_once_and_a_second_run_sends_nothing(db_url: str) -> None:
    asyncio.run(seed_console_rep(db_url))
    env = {"QUOTABOT_DATABASE_URL": db_url}
    runner = CliRunner()

    first = runner.invoke(cli(), ["tick", "--at", "2026-11-18T16:00:00Z"], env=env)
    again = runner.invoke(cli(), ["tick", "--at", "2026-11-18T16:00:00Z"], env=env)

    assert first.exit_code == 0, first.output
    assert "--- to @alice (demo) ---" in first.output
    # Each line names the delivery's kind, then its key and target.
    assert "sent nudge nudge:1:2026-11-18 -> console Alice" in first.output
    assert again.exit_code == 0 and again.output.strip() == (
        "nothing due at 2026-11-18T16:00:00+00:00"
    )


def test_settings_from_the_command_line(db_url: str) -> None:
    asyncio.run(seed_console_rep(db_url))
    env = {"QUOTABOT_DATABASE_URL": db_url}
    runner = CliRunner()

    ws = runner.invoke(
        cli(),
        [
            "settings",
            "workspace",
            "--working-days",
            "sun-thu",
            "--holiday-country",
            "RO",
            "--nudge-time",
            "15:30",
        ],
        env=env,
    )
    team = runner.invoke(
        cli(),
        ["settings", "team", "Closers", "--channel", "C123", "--leaderboard", "thu 17:00"],
        env=env,
    )
    bad = runner.invoke(cli(), ["settings", "workspace", "--holiday-country", "XX"], env=env)

    assert ws.output.splitlines() == [
        "Working days: mon, tue, wed, thu, sun",
        "Holiday calendar: RO",
        "Default nudge time: 15:30",
    ]
    assert team.output.splitlines() == ["Leaderboard channel: C123", "Leaderboard: thu 17:00"]
    assert bad.exit_code == 2 and "no public-holiday calendar" in bad.output


def test_settings_arguments_read_like_a_sentence() -> None:
    assert admin_settings.parse_args("team Closers channel C1 leaderboard fri 16:00") == (
        "team",
        "Closers",
        {"channel": "C1", "leaderboard": "fri 16:00"},
    )
    assert admin_settings.working_days("sun-thu") == "1,2,3,4,7"
    assert admin_settings.working_days("1,2,3,4,5") == "1,2,3,4,5"

"""Start-up lines, `quotabot doctor` against local fakes, and `quotabot db backup`."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import typer
from pydantic import AliasChoices
from typer.testing import CliRunner, Result

from bot import cli_ops, frontends
from bot.config import Settings
from bot.server import create_app
from bot.services import Services
from tests.bot.adapters.slack.conftest import fake_slack
from tests.bot.adapters.teams.test_hardening import IdentityProvider
from tests.conftest import make_settings
from tests.support.slack_api import BOT_TOKEN, FakeSlack

__all__ = ["fake_slack"]


def cli() -> typer.Typer:
    app, db_app = typer.Typer(), typer.Typer()
    app.add_typer(db_app, name="db")
    cli_ops.register(app, db_app)
    return app


def aliases() -> list[str]:
    names = []
    for field in Settings.model_fields.values():
        alias = field.validation_alias
        names += alias.choices if isinstance(alias, AliasChoices) else [alias]  # type: ignore[list-item]
    return [str(name) for name in names]


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Only what each test sets: nothing from the machine's environment or a .env file."""
    for name in [*aliases(), frontends.TEAMS_DEV_NO_AUTH]:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    yield


def lines(**values: object) -> list[str]:
    return [f.line() for f in frontends.describe(make_settings("sqlite:///x.db", **values))]


def test_each_front_end_names_its_mode_or_the_missing_variable() -> None:
    assert lines() == [
        "Slack: off (HTTP needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET; "
        "Socket Mode needs SLACK_BOT_TOKEN and SLACK_APP_TOKEN)",
        "Teams: off (Bot Framework at /api/messages needs CLIENT_ID, CLIENT_SECRET and TENANT_ID)",
    ]
    assert lines(slack_bot_token="xoxb-1")[0] == (
        "Slack HTTP: NOT served, missing SLACK_SIGNING_SECRET "
        "(Events API at /slack/events, one workspace)"
    )
    assert lines(slack_app_token="xapp-1")[0] == (
        "Slack Socket Mode: NOT served, missing SLACK_BOT_TOKEN "
        "(over a WebSocket opened with SLACK_APP_TOKEN, one workspace)"
    )
    assert lines(slack_bot_token="xoxb-1", slack_app_token="xapp-1")[0] == (
        "Slack Socket Mode: serving over a WebSocket opened with SLACK_APP_TOKEN, one workspace"
    )
    assert lines(slack_client_id="1.2", slack_signing_secret="s")[0] == (
        "Slack HTTP: NOT served, missing SLACK_CLIENT_SECRET, QUOTABOT_SECRET_KEY "
        "(Events API at /slack/events, multi-workspace OAuth)"
    )
    assert lines(teams_client_secret="x")[1] == (
        "Teams: NOT served, missing CLIENT_ID "
        "(Bot Framework at /api/messages needs CLIENT_ID, CLIENT_SECRET and TENANT_ID)"
    )
    assert lines(teams_client_id="app-1")[1] == (
        "Teams: serving Bot Framework at /api/messages for app app-1; "
        "missing CLIENT_SECRET: replies cannot be sent"
    )


def test_start_up_logs_one_line_per_front_end(
    services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="bot.server"):
        create_app(services)
    said = [r.getMessage() for r in caplog.records if r.name == "bot.server"]
    assert [line.split(":")[0] for line in said] == ["Slack", "Teams"]


@pytest.fixture
async def idp() -> AsyncIterator[IdentityProvider]:
    async with IdentityProvider("app-1", "teams-secret") as provider:
        yield provider


def platform_env(db_url: str, slack: FakeSlack, idp: IdentityProvider) -> dict[str, str]:
    return {
        "QUOTABOT_DATABASE_URL": db_url,
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": "signing-secret",
        "SLACK_API_URL": slack.api_url,
        "CLIENT_ID": "app-1",
        "CLIENT_SECRET": "teams-secret",
        "TENANT_ID": "tenant-1",
        "QUOTABOT_TEAMS_AUTHORITY_URL": idp.base_url,
    }


async def invoke(args: list[str], env: dict[str, str]) -> Result:
    # In a thread: the command runs its own event loop while the fakes answer on this one.
    return await asyncio.to_thread(CliRunner().invoke, cli(), args, env=env)


async def test_doctor_is_happy_when_everything_answers(
    db_url: str, fake_slack: FakeSlack, idp: IdentityProvider
) -> None:
    result = await invoke(["doctor"], platform_env(db_url, fake_slack, idp))

    assert result.exit_code == 0, result.output
    assert "ok   Slack HTTP: serving Events API at /slack/events" in result.output
    assert "reachable" in result.output and "migrations: current" in result.output
    assert f"ok   Slack: {fake_slack.api_url} accepts SLACK_BOT_TOKEN" in result.output
    assert f"ok   Teams: {idp.base_url} issues tokens for CLIENT_ID" in result.output
    assert result.output.rstrip().endswith("All good.")


async def test_doctor_says_what_to_fix_and_fails(idp: IdentityProvider, tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    # A plain fake: the refused token is the point here, not a misuse to catch.
    async with FakeSlack() as slack:
        env = platform_env(f"sqlite:///{empty}", slack, idp)
        env.update(SLACK_BOT_TOKEN="xoxb-revoked", CLIENT_SECRET="wrong-secret")
        del env["SLACK_SIGNING_SECRET"]
        result = await invoke(["doctor"], env)

    assert result.exit_code == 1, result.output
    out = result.output
    assert "FIX  Slack HTTP: NOT served, missing SLACK_SIGNING_SECRET" in out
    assert "-> set SLACK_SIGNING_SECRET" in out
    assert "FIX  migrations: database at (empty)" in out and "run `quotabot db upgrade`" in out
    assert "refused SLACK_BOT_TOKEN (invalid_auth)" in out
    assert f"FIX  Teams: {idp.base_url} gave no token" in out
    assert "wrong-secret" not in out and "xoxb-revoked" not in out
    assert out.rstrip().endswith("4 thing(s) to fix.")


async def test_doctor_names_an_unreachable_database(tmp_path: Path) -> None:
    env = {"QUOTABOT_DATABASE_URL": "postgresql://quotabot:pw-123456@127.0.0.1:1/quotabot"}
    result = await invoke(["doctor"], env)

    assert result.exit_code == 1
    assert "FIX  database: postgresql+asyncpg://quotabot:***@127.0.0.1:1/quotabot unreachable" in (
        result.output
    )
    assert "pw-123456" not in result.output
    assert "FIX  no chat platform is served" in result.output


def test_backup_copies_a_live_sqlite_database(db_url: str, tmp_path: Path) -> None:
    if not db_url.startswith("sqlite"):
        db_url = f"sqlite:///{tmp_path / 'made.db'}"
        sqlite3.connect(tmp_path / "made.db").execute("CREATE TABLE t (x)").connection.commit()
    copy = tmp_path / "backup.db"
    env = {"QUOTABOT_DATABASE_URL": db_url}

    made = CliRunner().invoke(cli(), ["db", "backup", str(copy)], env=env)
    again = CliRunner().invoke(cli(), ["db", "backup", str(copy)], env=env)
    forced = CliRunner().invoke(cli(), ["db", "backup", str(copy), "--force"], env=env)

    assert made.exit_code == 0, made.output
    assert "integrity ok" in made.output
    source = db_url.split("///", 1)[1]
    tables = "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"
    assert sqlite3.connect(copy).execute(tables).fetchall() == (
        sqlite3.connect(source).execute(tables).fetchall()
    )
    assert again.exit_code == 2 and "--force" in again.output
    assert forced.exit_code == 0


def test_backup_on_postgresql_points_to_pg_dump(tmp_path: Path) -> None:
    env = {"QUOTABOT_DATABASE_URL": "postgresql://quotabot:pw-123456@db/quotabot"}
    result = CliRunner().invoke(cli(), ["db", "backup", "quotabot.dump"], env=env)

    assert result.exit_code == 2
    assert "pg_dump --format=custom --file quotabot.dump" in result.output
    assert "pw-123456" not in result.output

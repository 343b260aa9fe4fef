"""`quotabot doctor`: configuration, database and migrations, platform credentials; what to fix."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text
from sqlalchemy.engine import make_url

from bot import frontends
from bot.config import Settings
from storage import migrate
from storage.db import create_engine

# The Bot Connector's scope: the token every Teams reply is sent with.
BOT_SCOPE = "https://api.botframework.com/.default"
TIMEOUT = 10.0


@dataclass(frozen=True)
class Finding:
    ok: bool
    what: str
    fix: str = ""

    def lines(self) -> list[str]:
        head = f"{'ok ' if self.ok else 'FIX'}  {self.what}"
        return [head, f"     -> {self.fix}"] if self.fix else [head]


def configuration(settings: Settings) -> list[Finding]:
    found = [
        Finding(
            True,
            f"configuration: valid (zone {settings.timezone}, currency {settings.currency}, "
            f"{settings.log_format} logs)",
        )
    ]
    fronts = frontends.describe(settings)
    for front in fronts:
        if front.missing:
            found.append(Finding(False, front.line(), f"set {', '.join(front.missing)}"))
        elif front.degraded:
            found.append(Finding(False, front.line(), front.degraded.split(":")[0]))
        else:
            found.append(Finding(True, front.line()))
    if not any(front.served for front in fronts):
        fix = "configure Slack or Teams (see .env.example); only `quotabot chat` works now"
        found.append(Finding(False, "no chat platform is served", fix))
    return found


def _heads(conn: Connection) -> set[str]:
    return set(MigrationContext.configure(conn).get_current_heads())


async def database(settings: Settings) -> list[Finding]:
    url = make_url(settings.database_url)
    shown = url.render_as_string(hide_password=True)
    if _no_sqlite_file(url.get_backend_name(), str(url.database)):
        what = f"database: {url.database} does not exist yet"
        return [Finding(True, what, "`quotabot db upgrade` (or the first start) creates it")]
    engine = create_engine(settings.database_url)
    try:
        async with asyncio.timeout(TIMEOUT), engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
            applied = await conn.run_sync(_heads)
    except Exception as exc:
        fix = "check QUOTABOT_DATABASE_URL and that the server is up and accepts this user"
        return [Finding(False, f"database: {shown} unreachable ({_short(exc)})", fix)]
    finally:
        await engine.dispose()
    code = set(ScriptDirectory.from_config(migrate.alembic_config(str(url))).get_heads())
    found = [Finding(True, f"database: {shown} reachable")]
    if applied == code:
        found.append(Finding(True, f"migrations: current ({', '.join(sorted(code))})"))
    else:
        what = (
            f"migrations: database at {', '.join(sorted(applied)) or '(empty)'}, "
            f"code at {', '.join(sorted(code))}"
        )
        found.append(Finding(False, what, "run `quotabot db upgrade`"))
    return found


async def slack_credentials(settings: Settings) -> list[Finding]:
    from bot.adapters.slack.client import token_check

    found = []
    app_token = settings.slack_app_token
    if app_token is not None and not app_token.get_secret_value().startswith("xapp-"):
        found.append(Finding(False, "SLACK_APP_TOKEN is not an app-level token", "use xapp-…"))
    token = settings.slack_bot_token
    if token is None:
        return found
    api = settings.slack_api_url
    try:
        async with asyncio.timeout(TIMEOUT):
            accepted, detail = await token_check(settings, token.get_secret_value())
    except Exception as exc:
        fix = "check SLACK_API_URL and outbound HTTPS from this host"
        found.append(Finding(False, f"Slack: {api} unreachable ({_short(exc)})", fix))
        return found
    if accepted:
        found.append(Finding(True, f"Slack: {api} accepts SLACK_BOT_TOKEN (team {detail})"))
    else:
        fix = "copy the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page"
        found.append(Finding(False, f"Slack: {api} refused SLACK_BOT_TOKEN ({detail})", fix))
    return found


async def teams_credentials(settings: Settings) -> list[Finding]:
    from bot.adapters.teams.outbound_auth import ClientCredentials, TokenError

    if not (settings.teams_client_id and settings.teams_client_secret):
        return []
    authority = settings.teams_authority_url
    credentials = ClientCredentials(
        settings.teams_client_id,
        settings.teams_client_secret.get_secret_value(),
        tenant_id=settings.teams_tenant_id,
        authority=authority,
    )
    try:
        async with asyncio.timeout(TIMEOUT):
            await credentials.get_app_token(BOT_SCOPE)
    except (TokenError, TimeoutError) as exc:
        fix = "check CLIENT_ID, CLIENT_SECRET and TENANT_ID against the Azure bot registration"
        return [Finding(False, f"Teams: {authority} gave no token ({_short(exc)})", fix)]
    return [Finding(True, f"Teams: {authority} issues tokens for CLIENT_ID")]


async def examine(settings: Settings) -> list[Finding]:
    return [
        *configuration(settings),
        *await database(settings),
        *await slack_credentials(settings),
        *await teams_credentials(settings),
    ]


def _no_sqlite_file(backend: str, path: str) -> bool:
    # Connecting would create an empty file; say it is new instead (a stat, not worth a thread).
    return backend == "sqlite" and not Path(path).exists()


def _short(exc: BaseException) -> str:
    first = (str(exc).strip().splitlines() or [""])[0]
    return f"{type(exc).__name__}: {first[:200]}" if first else type(exc).__name__

"""The `quotabot` command line (shared/spec/cli-and-config.md)."""

from __future__ import annotations

import asyncio
import math
import sys
from datetime import date
from typing import Annotated

import typer
from pydantic import ValidationError

from bot.config import Settings

app = typer.Typer(
    help="QuotaBot: the sales assistant in Slack, Teams and your terminal.", no_args_is_help=True
)
db_app = typer.Typer(help="Database migrations (Alembic).", no_args_is_help=True)
# Open connections `serve` accepts at once; an ack needs one for a few milliseconds.
MAX_CONNECTIONS = 1000
app.add_typer(db_app, name="db")


def load_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        aliases = {
            name: str(field.validation_alias) for name, field in Settings.model_fields.items()
        }
        for error in exc.errors():
            loc = str(error["loc"][0]) if error["loc"] else "configuration"
            name = aliases.get(loc, loc)
            typer.echo(f"Configuration error in {name}: {error['msg']}", err=True)
        raise typer.Exit(2) from None


@app.command()
def chat(
    as_: Annotated[str, typer.Option("--as", help="Who you are (created as a rep if new).")] = "me",
    workspace: Annotated[str, typer.Option(help="Console workspace name.")] = "demo",
    charts: Annotated[
        str | None, typer.Option("--charts", help="Write each reply's chart as a PNG here.")
    ] = None,
) -> None:
    """Chat with the bot in the terminal (reads one message per line when piped)."""
    from pathlib import Path

    from bot.adapters.console.chat import ConsoleSession, is_terminal, run
    from bot.app import build_services

    services = build_services(load_settings())

    async def main() -> None:
        try:
            folder = Path(charts) if charts else None
            session = ConsoleSession(services, as_, workspace, charts=folder)
            await run(session, sys.stdin, sys.stdout, interactive=is_terminal())
        finally:
            await services.engine.dispose()

    asyncio.run(main())


@app.command()
def demo(
    reset: Annotated[
        bool, typer.Option("--reset", help="Wipe and re-seed the demo workspace.")
    ] = False,
    as_: Annotated[str, typer.Option("--as", help="Demo person to chat as.")] = "alice",
) -> None:
    """Seed a realistic demo workspace (if empty) and open the chat as a demo rep."""
    from bot.app import build_services
    from storage import demo as demo_data

    settings = load_settings()
    services = build_services(settings)

    async def prepare() -> bool:
        try:
            async with services.sessions() as session, session.begin():
                if reset:
                    await demo_data.reset(session)
                if await demo_data.is_seeded(session):
                    return False
                await demo_data.seed(session, services.clock())
                return True
        finally:
            await services.engine.dispose()

    seeded = asyncio.run(prepare())
    typer.echo(
        ("Seeded" if seeded else "Using") + f" the demo workspace in {settings.database_url}.\n"
        "Try: `how am I tracking?`, `3 calls and a demo w/ Acme`, `/pipeline`, `/leaderboard`. "
        "Chat as a manager with `quotabot chat --as maya` (or `./dev chat --as maya`).",
        err=True,
    )
    chat(as_=as_, workspace=demo_data.DEMO_WORKSPACE)


@app.command()
def parse(
    text: Annotated[str | None, typer.Argument(help="The message to parse.")] = None,
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help="Read one message per line from stdin.")
    ] = False,
    today: Annotated[
        str | None, typer.Option(help="Resolve relative dates against YYYY-MM-DD.")
    ] = None,
    no_llm: Annotated[bool, typer.Option("--no-llm", help="Never call an LLM.")] = False,
    date_order: Annotated[
        str, typer.Option("--date-order", help="Numeric dates: mdy (11/27) or dmy (27/11).")
    ] = "mdy",
) -> None:
    """Parse one message into its intent (JSON), as the bot would."""
    from bot.parse_cmd import run_parse

    try:
        day = date.fromisoformat(today) if today else None
    except ValueError:
        typer.echo(f"--today must be YYYY-MM-DD, not {today!r}", err=True)
        raise typer.Exit(2) from None
    if date_order not in ("mdy", "dmy"):
        typer.echo(f"--date-order is mdy or dmy, not {date_order!r}", err=True)
        raise typer.Exit(2)
    code = run_parse(
        text,
        jsonl=jsonl,
        today=day,
        no_llm=no_llm,
        stdin=sys.stdin,
        stdout=sys.stdout,
        date_order=date_order,
    )
    raise typer.Exit(code)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 3000,
    no_scheduler: Annotated[
        bool, typer.Option("--no-scheduler", help="Don't run the scheduler here.")
    ] = False,
) -> None:
    """Serve Slack (/slack/events), Teams (/api/messages), /healthz, /readyz and /metrics.

    SIGTERM stops accepting, lets requests in progress finish and the inbox worker finish
    or give back its rows (QUOTABOT_SHUTDOWN_SECONDS each), then exits.
    """
    import uvicorn

    from bot import logging_setup
    from bot.app import build_services
    from bot.server import create_app

    settings = load_settings()
    logging_setup.configure(settings)
    services = build_services(settings)
    asgi = create_app(services)  # logs one line per platform: served, or why not
    if not no_scheduler:
        from bot import notifiers
        from bot.app import make_tick
        from bot.lifespan import around
        from bot.timed_tick import TimedTick
        from scheduler.runner import start_in_process

        async def start_scheduler() -> None:
            notifiers.install(services)
            tick = TimedTick(make_tick(services), asgi.state.metrics)
            asgi.state.scheduler = start_in_process(tick)

        async def stop_scheduler() -> None:
            asgi.state.scheduler.shutdown()

        around(asgi, start_scheduler, stop_scheduler)

    uvicorn.run(
        asgi,
        host=host,
        port=port,
        log_level="info",
        log_config=None,  # keep logging_setup's handler (text or JSON, secrets scrubbed)
        access_log=settings.access_log,
        # Requests past this many at once get 503 (Slack retries events): memory stays bounded.
        limit_concurrency=MAX_CONNECTIONS,
        timeout_graceful_shutdown=math.ceil(settings.shutdown_seconds),
    )


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply all migrations to the configured database."""
    from storage import migrate

    settings = load_settings()
    migrate.upgrade(settings.database_url)
    typer.echo("Database is up to date.")


@db_app.command("current")
def db_current() -> None:
    """Show the database's migration revision and the code's head."""
    from storage import migrate

    applied, heads = migrate.current(load_settings().database_url)
    typer.echo(f"database: {', '.join(sorted(applied)) or '(empty)'}")
    typer.echo(f"code:     {', '.join(sorted(heads))}")
    if applied != heads:
        typer.echo("Run `quotabot db upgrade` to bring it up to date.")


def _register_sub_commands() -> None:
    # Sub-commands owned by the scheduler and Teams adapter modules, listed explicitly.
    from bot import cli_data, cli_ops, cli_scheduler
    from bot.adapters.teams import cli as teams_cli

    cli_scheduler.register(app)
    teams_cli.register(app)
    cli_data.register(app)
    cli_ops.register(app, db_app)


def main() -> None:
    _register_sub_commands()
    app()

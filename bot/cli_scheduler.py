"""CLI commands of the scheduler: `scheduler`, `tick [--at]`, and admin `settings`."""

from __future__ import annotations

import asyncio
import signal
from datetime import UTC, datetime
from typing import Annotated

import typer
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.services import Services
from handlers.shared.errors import UserError
from storage.models import Workspace

settings_app = typer.Typer(help="Workspace and team settings for nudges and leaderboards.")


def _settings() -> Settings:
    from bot.cli import load_settings

    return load_settings()


def _services() -> Services:
    from bot.app import build_services

    return build_services(_settings())


def _instant(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        typer.echo(f"--at must be ISO-8601 like 2026-11-18T16:00:00Z, not {text!r}", err=True)
        raise typer.Exit(2) from None
    # A bare time means UTC: the scheduler thinks in instants, people in zones.
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def tick(
    at: Annotated[
        str | None, typer.Option(help="Run as if the clock read this ISO-8601 instant.")
    ] = None,
) -> None:
    """One scheduler pass: record due nudges/leaderboards, send them, one line per delivery."""
    from bot import notifiers
    from bot.app import make_tick

    when = _instant(at)
    services = _services()
    notifiers.install(services)

    async def main() -> list[str]:
        try:
            return (await make_tick(services)(when)).lines()
        finally:
            await services.engine.dispose()

    lines = asyncio.run(main())
    for line in lines:
        typer.echo(line)
    if not lines:
        typer.echo(f"nothing due at {(when or datetime.now(UTC)).isoformat()}")


def scheduler(
    metrics_port: Annotated[
        int, typer.Option(help="Serve /metrics (tick duration, deliveries) here; 0: off.")
    ] = 0,
) -> None:
    """Run the scheduler alone: a tick every minute until interrupted."""
    from prometheus_client import start_http_server

    from bot import logging_setup, notifiers
    from bot.app import build_services, make_tick
    from bot.metrics import Metrics, activate
    from bot.timed_tick import TimedTick
    from scheduler.runner import run_forever

    settings = _settings()
    logging_setup.configure(settings)
    services = build_services(settings)
    notifiers.install(services)
    metrics = Metrics()
    if metrics_port:
        # A scheduler has no web server of its own; Prometheus scrapes this one.
        start_http_server(metrics_port, registry=metrics.registry)

    async def main() -> None:
        activate(metrics)  # platform errors of this process's sends count here
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        try:
            await run_forever(TimedTick(make_tick(services), metrics), stop)
        finally:
            await services.engine.dispose()

    asyncio.run(main())


async def _workspace(session: AsyncSession, name: str | None) -> Workspace:
    rows = (await session.scalars(select(Workspace).order_by(Workspace.id))).all()
    if name is not None:
        rows = [w for w in rows if name in (w.external_id, w.name)]
    if len(rows) != 1:
        known = ", ".join(w.name or w.external_id for w in rows) or "none yet"
        raise UserError(f"Pick a workspace with --workspace (found: {known}).")
    return rows[0]


def _run_settings(workspace: str | None, team: str | None, changes: dict[str, str]) -> None:
    from handlers.admin_settings import apply_team, apply_workspace

    services = _services()

    async def main() -> list[str]:
        try:
            async with services.sessions() as session, session.begin():
                ws = await _workspace(session, workspace)
                if team is None:
                    facts = await apply_workspace(ws, changes)
                else:
                    _, facts = await apply_team(session, ws, team, changes, create=True)
                return [f"{f.label}: {f.value}" for f in facts]
        finally:
            await services.engine.dispose()

    try:
        lines = asyncio.run(main())
    except UserError as exc:
        typer.echo(exc.message, err=True)
        raise typer.Exit(2) from None
    for line in lines or ["nothing to change"]:
        typer.echo(line)


@settings_app.command("workspace")
def settings_workspace(
    workspace: Annotated[str | None, typer.Option(help="Workspace id or name.")] = None,
    working_days: Annotated[str | None, typer.Option(help="e.g. mon-fri or 1,2,3,4,5")] = None,
    holiday_country: Annotated[str | None, typer.Option(help="e.g. RO; none to turn off")] = None,
    nudge_time: Annotated[str | None, typer.Option(help="Default nudge time, e.g. 16:00")] = None,
    quiet_hours: Annotated[str | None, typer.Option(help="e.g. 19:00-08:00")] = None,
    daily_goal: Annotated[str | None, typer.Option(help="Activities per day")] = None,
    timezone: Annotated[str | None, typer.Option(help="IANA zone, e.g. Europe/Bucharest")] = None,
    leaderboard: Annotated[
        str | None, typer.Option(help='Default day and time, "fri 16:00"')
    ] = None,
) -> None:
    """Set workspace defaults for nudges and leaderboards."""
    values = {
        "working_days": working_days,
        "holiday_country": holiday_country,
        "nudge_time": nudge_time,
        "quiet_hours": quiet_hours,
        "daily_goal": daily_goal,
        "timezone": timezone,
        "leaderboard": leaderboard,
    }
    _run_settings(workspace, None, {k: v for k, v in values.items() if v is not None})


@settings_app.command("team")
def settings_team(
    name: Annotated[str, typer.Argument(help="Team name (created if new).")],
    workspace: Annotated[str | None, typer.Option(help="Workspace id or name.")] = None,
    channel: Annotated[str | None, typer.Option(help="Channel id for the leaderboard")] = None,
    leaderboard: Annotated[str | None, typer.Option(help='Day and time, "fri 16:00"')] = None,
    timezone: Annotated[str | None, typer.Option(help="The team's IANA zone")] = None,
) -> None:
    """Set a team's leaderboard channel, day/time and zone."""
    values = {"channel": channel, "leaderboard": leaderboard, "timezone": timezone}
    _run_settings(workspace, name, {k: v for k, v in values.items() if v is not None})


def register(app: typer.Typer) -> None:
    app.command("tick")(tick)
    app.command("scheduler")(scheduler)
    app.add_typer(settings_app, name="settings")

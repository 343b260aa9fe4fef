"""`quotabot import` and `quotabot export`: a team's history in and out as CSV."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from datetime import date, timedelta
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from bot.config import Settings

KIND_HELP = "people, activities, deals or quotas"
Workspace = Annotated[
    str, typer.Option("--workspace", help="Workspace name (the console one is `demo`).")
]


def _settings() -> Settings:
    from bot.cli import load_settings

    return load_settings()


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(message, err=True)
    return typer.Exit(code)


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _fail(f"{option} must be a date like 2026-11-27, not {text!r}", 2) from None


@contextmanager
def _progress(path: Path) -> Iterator[Callable[[int], None] | None]:
    """A bar on stderr when it is a terminal; nothing in pipes and logs."""
    if not sys.stderr.isatty():
        yield None
        return
    from storage.transfer.csvfile import count_lines

    with typer.progressbar(length=count_lines(path), label="Importing", file=sys.stderr) as bar:

        def advance(line: int) -> None:
            bar.update(max(0, line - bar.pos))

        yield advance


def import_command(
    kind: Annotated[str, typer.Argument(help=KIND_HELP)],
    file: Annotated[Path, typer.Argument(help="The CSV file (UTF-8, comma or semicolon).")],
    workspace: Workspace = "demo",
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check every row and report; write nothing.")
    ] = False,
) -> None:
    """Import a CSV file: all of it in one transaction, or nothing if any row is wrong."""
    from bot.app import build_services
    from storage.transfer.errors import BadFile
    from storage.transfer.run import Defaults, import_file

    settings = _settings()
    services = build_services(settings)
    defaults = Defaults(settings.currency, settings.timezone)

    async def main() -> str:
        try:
            with _progress(file) as progress:
                report = await import_file(
                    services.sessions,
                    kind,
                    file,
                    workspace,
                    now=services.clock(),
                    dry_run=dry_run,
                    defaults=defaults,
                    progress=progress,
                )
            return report.text()
        finally:
            await services.engine.dispose()

    try:
        typer.echo(asyncio.run(main()))
    except BadFile as exc:
        where = f"{file}, line {exc.line}" if exc.line is not None else str(file)
        raise _fail(f"{where}: {exc.reason}. Nothing was imported.") from None


def export_command(
    kind: Annotated[str, typer.Argument(help=KIND_HELP)],
    workspace: Workspace = "demo",
    from_: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD.")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Last day (included).")] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="File to write (default stdout).")
    ] = None,
) -> None:
    """Export as CSV, in the columns `quotabot import` reads back."""
    from bot.app import build_services
    from storage.transfer.errors import BadFile
    from storage.transfer.export import KINDS, export
    from storage.transfer.run import find_workspace

    if kind not in KINDS:
        raise _fail(f"cannot export {kind!r}: {KIND_HELP}", 2)
    start, last = _day(from_, "--from"), _day(to, "--to")
    end = None if last is None else last + timedelta(days=1)
    services = build_services(_settings())

    async def main(stream: IO[str]) -> int:
        try:
            async with services.sessions() as session:
                ws = await find_workspace(session, workspace)
                return await export(session, ws, kind, stream, start, end)
        finally:
            await services.engine.dispose()

    target: Any = nullcontext(sys.stdout) if out is None else out.open("w", encoding="utf-8")
    try:
        with target as stream:
            count = asyncio.run(main(stream))
    except BadFile as exc:
        raise _fail(f"{exc.reason}.") from None
    typer.echo(f"Exported {count:,} {kind}" + (f" to {out}." if out else "."), err=True)


def rebuild_rollups(
    workspace: Annotated[str | None, typer.Option(help="Only this one.")] = None,
) -> None:
    """Recompute the activity rollups from the raw rows (they are kept up to date anyway)."""
    from bot.app import build_services
    from storage.rollups import rebuild
    from storage.transfer.errors import BadFile
    from storage.transfer.run import find_workspace

    services = build_services(_settings())

    async def main() -> int:
        try:
            async with services.sessions() as session, session.begin():
                ws = None if workspace is None else (await find_workspace(session, workspace)).id
                return await rebuild(session, ws)
        finally:
            await services.engine.dispose()

    try:
        rows = asyncio.run(main())
    except BadFile as exc:
        raise _fail(f"{exc.reason}.") from None
    typer.echo(f"Rollups rebuilt: {rows:,} person-days.")


def register(app: typer.Typer) -> None:
    """Add `import`, `export` and `db rebuild-rollups` to the `quotabot` command line."""
    app.command("import")(import_command)
    app.command("export")(export_command)
    for group in app.registered_groups:
        if group.name == "db" and group.typer_instance is not None:
            group.typer_instance.command("rebuild-rollups")(rebuild_rollups)

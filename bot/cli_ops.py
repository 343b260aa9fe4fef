"""Operating commands: `quotabot doctor` and `quotabot db backup`."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.engine import make_url


def doctor() -> None:
    """Check configuration, database and migrations, and platform credentials; say what to fix."""
    from bot.cli import load_settings
    from bot.doctor import examine

    settings = load_settings()
    findings = asyncio.run(examine(settings))
    for finding in findings:
        for line in finding.lines():
            typer.echo(line)
    problems = sum(not f.ok for f in findings)
    typer.echo(f"{problems} thing(s) to fix." if problems else "All good.")
    if problems:
        raise typer.Exit(1)


def backup(
    file: Annotated[Path, typer.Argument(help="Where to write the copy (a SQLite file).")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
) -> None:
    """Copy the SQLite database while QuotaBot runs (SQLite's online backup API)."""
    from bot.cli import load_settings

    url = make_url(load_settings().database_url)
    if url.get_backend_name() != "sqlite":
        # pg_dump takes a consistent snapshot of a live database; nothing to add to it.
        plain = url.set(drivername="postgresql").render_as_string(hide_password=True)
        typer.echo(
            f"The database is PostgreSQL: back it up with pg_dump, e.g.\n"
            f"  pg_dump --format=custom --file {file} '{plain}'\n"
            f"and restore with pg_restore --clean --dbname '{plain}' {file}",
            err=True,
        )
        raise typer.Exit(2)
    source = Path(str(url.database))
    if not source.exists():
        typer.echo(f"No database at {source} yet: nothing to back up.", err=True)
        raise typer.Exit(2)
    if file.exists() and not force:
        typer.echo(f"{file} exists; pass --force to overwrite it.", err=True)
        raise typer.Exit(2)
    file.unlink(missing_ok=True)
    pages = copy_sqlite(source, file)
    typer.echo(f"Backed up {source} to {file} ({pages} pages, integrity ok).")


def copy_sqlite(source: Path, target: Path) -> int:
    """Page-by-page copy that writers may interleave with; the copy is checked before use."""
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst, pages=1024)
        (check,) = dst.execute("PRAGMA integrity_check").fetchone()
        (pages,) = dst.execute("PRAGMA page_count").fetchone()
    finally:
        dst.close()
        src.close()
    if check != "ok":
        typer.echo(f"The copy failed SQLite's integrity check: {check}", err=True)
        raise typer.Exit(1)
    return int(pages)


def register(app: typer.Typer, db_app: typer.Typer) -> None:
    """Add the operating commands to the `quotabot` command line."""
    app.command("doctor")(doctor)
    db_app.command("backup")(backup)

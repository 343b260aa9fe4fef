"""One import, start to end: find the workspace, read and check every row, write them all in
one transaction (or, for a dry run, roll it back) and say what happened."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.models import Workspace
from storage.transfer import activities, deals, fast, people, quotas
from storage.transfer.csvfile import Columns, Table, count_lines, open_text
from storage.transfer.errors import BadFile
from storage.transfer.job import CHUNK, Job

Loader = Callable[[Job, Table], Coroutine[Any, Any, int]]
KINDS: dict[str, tuple[Columns, Loader]] = {
    "people": (people.COLUMNS, people.load),
    "activities": (activities.COLUMNS, activities.load),
    "deals": (deals.COLUMNS, deals.load),
    "quotas": (quotas.COLUMNS, quotas.load),
}
# The last time zone to reach a date is 14 hours ahead of UTC: a day nobody has reached yet
# is in the future for everyone.
AHEAD = timedelta(hours=14)
# PostgreSQL re-plans with fresh statistics after an import this big.
ANALYZE_FROM = 10_000
TABLES = {
    "people": "users, teams",
    "activities": "activities, activity_days, activity_months, accounts",
    "deals": "deals, accounts",
    "quotas": "quotas",
}
SINGULAR = {
    "people": "person",
    "teams": "team",
    "accounts": "account",
    "activities": "activity",
    "deals": "deal",
    "quotas": "quota",
}


@dataclass(frozen=True)
class Report:
    kind: str
    rows: int
    workspace: str
    dry_run: bool
    created: dict[str, int] = field(default_factory=dict)

    def text(self) -> str:
        made = ", ".join(
            f"{n} new {what if n > 1 else SINGULAR.get(what, what)}"
            for what, n in sorted(self.created.items())
            if n
        )
        verb = "would import" if self.dry_run else "imported"
        tail = " (dry run: nothing written)" if self.dry_run else ""
        extra = f" ({made})" if made else ""
        what = self.kind if self.rows != 1 else SINGULAR[self.kind]
        return f"{verb.capitalize()} {self.rows:,} {what} into {self.workspace}{extra}{tail}."


@dataclass(frozen=True)
class Defaults:
    """A workspace the import creates (an empty one to start from) takes these."""

    currency: str = "USD"
    timezone: str = "UTC"


async def find_workspace(
    session: AsyncSession, name: str, create: Defaults | None = None
) -> Workspace:
    """A workspace by its console name or platform id, then by its display name."""
    for column in (Workspace.external_id, Workspace.name):
        found = list(await session.scalars(select(Workspace).where(column == name)))
        console = [w for w in found if w.platform == "console"]
        if len(console) == 1 or len(found) == 1:
            return (console or found)[0]
        if found:
            raise BadFile(f"several workspaces are called {name!r}: use the platform id")
    if create is None:
        raise BadFile(f"there is no workspace {name!r}")
    workspace = Workspace(
        platform="console",
        external_id=name,
        name=name,
        currency=create.currency,
        timezone=create.timezone,
    )
    session.add(workspace)
    await session.flush()
    return workspace


async def load(
    session: AsyncSession,
    kind: str,
    stream: TextIO,
    workspace: Workspace,
    *,
    now: datetime,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    chunk: int = CHUNK,
) -> Report:
    """Read, check and write one CSV stream inside the caller's transaction (a chat import
    runs in the router's); BadFile (with its line) at the first wrong row. The caller commits,
    or rolls back for a dry run."""
    if kind not in KINDS:
        raise BadFile(f"cannot import {kind!r}: people, activities, deals or quotas")
    columns, loader = KINDS[kind]
    job = Job(session, workspace, now, (now + AHEAD).date(), chunk=chunk)
    if progress is not None:
        job.progress = progress
    count = await loader(job, Table(stream, columns))
    name = workspace.name or workspace.external_id
    return Report(kind, count, name, dry_run, job.created)


async def import_file(
    sessions: async_sessionmaker[AsyncSession],
    kind: str,
    path: Path,
    workspace: str,
    *,
    now: datetime,
    dry_run: bool = False,
    defaults: Defaults | None = None,
    progress: Callable[[int], None] | None = None,
    chunk: int = CHUNK,
    analyze_from: int = ANALYZE_FROM,
) -> Report:
    """Import one CSV file; BadFile (with its line) if any row is wrong, and then nothing is
    written: the whole file is one transaction."""
    if kind not in KINDS:
        raise BadFile(f"cannot import {kind!r}: people, activities, deals or quotas")
    async with sessions() as session:
        await session.begin()
        try:
            ws = await find_workspace(session, workspace, defaults or Defaults())
            lines = count_lines(path) if kind == "activities" else 0
            with open_text(path) as stream:
                # This transaction is the import's own: it may skip per-row work (fast.py).
                async with fast.bulk(session, kind, ws.id, lines, keep=not dry_run):
                    report = await load(
                        session,
                        kind,
                        stream,
                        ws,
                        now=now,
                        dry_run=dry_run,
                        progress=progress,
                        chunk=chunk,
                    )
        except BaseException:
            await session.rollback()
            raise
        if dry_run:
            await session.rollback()
            return report
        await session.commit()
        if report.rows >= analyze_from and session.get_bind().dialect.name == "postgresql":
            # Fresh statistics now, not when autovacuum next looks: a planner that still
            # thinks the tables are empty picks plans that are slow on a million rows.
            async with session.begin():
                await session.execute(text(f"ANALYZE {TABLES[kind]}"))
        return report

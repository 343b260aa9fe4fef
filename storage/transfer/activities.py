"""`quotabot import activities`: date,person,kind,count,account[,duration_min,contact,notes]."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from storage import rollups
from storage.transfer import values
from storage.transfer.bulk import day_value, moment_value, write
from storage.transfer.csvfile import Columns
from storage.transfer.directory import Accounts, load_people
from storage.transfer.errors import BadFile, BadValue
from storage.transfer.job import SOURCE, Job

COLUMNS = Columns(
    ("date", "person", "kind", "count", "account"), ("duration_min", "contact", "notes")
)
TABLE_COLUMNS = (
    "workspace_id",
    "user_id",
    "account_id",
    "kind",
    "count",
    "occurred_on",
    "duration_min",
    "contact",
    "notes",
    "source",
    "created_at",
)


async def load(job: Job, rows: Iterator[tuple[int, dict[str, str]]]) -> int:
    people = await load_people(job.session, job.workspace.id)
    accounts = Accounts(job.session, job.workspace.id)
    await accounts.load()
    sqlite, ws = job.sqlite, job.workspace.id
    created = moment_value(job.now, sqlite)
    # Resolved once per distinct text: a file names the same few hundred people and days.
    who: dict[str, int] = {}
    days: dict[str, tuple[date, Any]] = {}
    batch: list[tuple[Any, ...]] = []
    done = 0
    # SQLite's per-row triggers pause; the rows are tallied here and added at the end.
    tally = rollups.Tally() if await rollups.pause(job.session) else None
    for line, row in rows:
        try:
            person = row["person"]
            user_id = who.get(person)
            if user_id is None:
                user_id = who[person] = people.resolve(person, "person")
            text = row["date"]
            known = days.get(text)
            if known is None:
                day = values.day(text, "date")
                if day > job.today:
                    raise BadValue(f"date {text} is in the future")
                known = days[text] = (day, day_value(day, sqlite))
            kind = values.kind(row["kind"])
            count = values.whole(row["count"], "count", 1, values.MAX_COUNT)
            if tally is not None:
                tally.add(known[0], user_id, kind, count)
            minutes = row.get("duration_min", "")
            batch.append(
                (
                    ws,
                    user_id,
                    accounts.key(row["account"]),
                    kind,
                    count,
                    known[1],
                    values.whole(minutes, "duration_min", 1, values.MAX_MINUTES)
                    if minutes
                    else None,
                    values.short(row.get("contact", ""), "contact", 200),
                    values.short(row.get("notes", ""), "notes"),
                    SOURCE,
                    created,
                )
            )
        except BadValue as exc:
            raise BadFile(str(exc), line) from None
        if len(batch) >= job.chunk:
            await _write(job, accounts, batch)
            done += len(batch)
            batch = []
            job.progress(line)
    await _write(job, accounts, batch)
    if tally is not None:
        await rollups.resume(job.session, ws, tally)
    job.count("accounts", accounts.created)
    return done + len(batch)


async def _write(job: Job, accounts: Accounts, batch: list[tuple[Any, ...]]) -> None:
    await accounts.flush()
    ids = accounts.ids
    # In day and person order, each index gets its entries next to each other: ~3x faster
    # on SQLite than in file order, where every row lands on another page.
    batch.sort(key=lambda r: (r[5], r[1]))
    rows = [(r[0], r[1], ids[r[2]] if r[2] else None, *r[3:]) for r in batch]
    await write(job.session, "activities", TABLE_COLUMNS, rows)

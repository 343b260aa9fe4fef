"""`quotabot import activities`: date,person,kind,count,account[,duration_min,contact,notes]."""

from __future__ import annotations

import asyncio
from typing import Any

from storage import rollups
from storage.transfer import values
from storage.transfer.bulk import day_value, moment_value, write
from storage.transfer.csvfile import Columns, Table
from storage.transfer.directory import Accounts, People, load_people
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
# duration_min, contact, notes for a file without those columns.
_NONE = (None, None, None)


class _Seen:
    """Each distinct field text checked once: a file repeats the same few hundred people,
    days, kinds, counts and accounts a million times. Keyed by the raw text, so a hit costs
    one dict look-up (no strip, no parse)."""

    def __init__(self, job: Job, people: People, accounts: Accounts) -> None:
        self.job, self.people, self.accounts = job, people, accounts
        self.who: dict[str, int] = {}
        # Date text -> the day as the column stores it.
        self.days: dict[str, Any] = {}
        self.kinds: dict[str, tuple[str, int]] = {}
        self.counts: dict[str, int] = {}
        # Account text -> id, or its key while the account is still to be created.
        self.accounts_of: dict[str, int | str | None] = {"": None}

    def person(self, raw: str) -> int:
        found = self.who[raw] = self.people.resolve(raw.strip(), "person")
        return found

    def day(self, raw: str) -> Any:
        text = raw.strip()
        day = values.day(text, "date")
        if day > self.job.today:
            raise BadValue(f"date {text} is in the future")
        found = self.days[raw] = day_value(day, self.job.sqlite)
        return found

    def kind(self, raw: str) -> tuple[str, int]:
        kind = values.kind(raw.strip())
        found = self.kinds[raw] = (kind, rollups.KIND_INDEX[kind])
        return found

    def count(self, raw: str) -> int:
        found = self.counts[raw] = values.whole(raw.strip(), "count", 1, values.MAX_COUNT)
        return found

    def account(self, raw: str) -> int | str | None:
        key = self.accounts.key(raw.strip())
        found = self.accounts_of[raw] = None if key is None else self.accounts.ids.get(key, key)
        return found

    def created(self) -> None:
        """New accounts have ids now: rows from here on carry them."""
        ids = self.accounts.ids
        for raw, known in self.accounts_of.items():
            if isinstance(known, str):
                self.accounts_of[raw] = ids[known]


def _extras(table: Table, record: list[str]) -> tuple[Any, Any, Any]:
    """duration_min, contact, notes: optional columns, checked only when the file has them."""
    minutes, contact, notes = (
        record[table.index[c]] if c in table.index else "" for c in COLUMNS.optional
    )
    return (
        values.whole(minutes.strip(), "duration_min", 1, values.MAX_MINUTES)
        if minutes.strip()
        else None,
        values.short(contact.strip(), "contact", 200),
        values.short(notes.strip(), "notes"),
    )


async def load(job: Job, table: Table) -> int:
    people = await load_people(job.session, job.workspace.id)
    accounts = Accounts(job.session, job.workspace.id)
    await accounts.load()
    seen = _Seen(job, people, accounts)
    # SQLite's per-row triggers pause (PostgreSQL's when the import turned them off): the
    # rows are tallied here and added to the rollups at the end.
    tally = rollups.Tally() if await rollups.pause(job.session) else None
    writer = _Writer(job, seen)
    try:
        done = await _read(job, table, seen, writer, tally)
        await writer.settle(check=True)
    finally:
        # A bad row while a COPY is under way: let it finish before the rollback.
        await writer.settle()
    if tally is not None:
        await rollups.resume(job.session, job.workspace.id, tally)
    job.count("accounts", accounts.created)
    return done


async def _read(
    job: Job, table: Table, seen: _Seen, writer: _Writer, tally: rollups.Tally | None
) -> int:
    who, days, kinds, counts, accounts_of = (
        seen.who,
        seen.days,
        seen.kinds,
        seen.counts,
        seen.accounts_of,
    )
    at = table.index
    i_date, i_person, i_kind, i_count, i_account = (
        at["date"],
        at["person"],
        at["kind"],
        at["count"],
        at["account"],
    )
    extras = any(c in at for c in COLUMNS.optional)
    ws, created = job.workspace.id, moment_value(job.now, job.sqlite)
    sums_of = tally.days if tally is not None else {}
    batch: list[tuple[Any, ...]] = []
    fresh, done = False, 0
    for record in table:
        # The hot loop: one dict hit per field; a miss is checked (and may raise) in _Seen.
        try:
            raw = record[i_person]
            user_id = who.get(raw) or seen.person(raw)
            raw = record[i_date]
            stored = days.get(raw) or seen.day(raw)
            raw = record[i_kind]
            kind, k = kinds.get(raw) or seen.kind(raw)
            raw = record[i_count]
            count = counts.get(raw) or seen.count(raw)
            raw = record[i_account]
            account = accounts_of[raw] if raw in accounts_of else seen.account(raw)
            more = _extras(table, record) if extras else _NONE
        except BadValue as exc:
            raise BadFile(str(exc), table.line) from None
        if account.__class__ is str:
            fresh = True
        if tally is not None:
            sums = sums_of.get((stored, user_id))
            if sums is None:
                sums = sums_of[(stored, user_id)] = [0, 0, 0, 0]
            sums[k] += count
        batch.append((ws, user_id, account, kind, count, stored, *more, SOURCE, created))
        if len(batch) >= job.chunk:
            await writer.write(batch, fresh)
            done, batch, fresh = done + len(batch), [], False
            job.progress(table.line)
        elif writer.copying is not None and not len(batch) & 1023:
            # Now and then, let the COPY under way send its next part.
            await asyncio.sleep(0)
    await writer.write(batch, fresh)
    return done + len(batch)


class _Writer:
    """Writes chunks in day and person order; on PostgreSQL each COPY runs as a task while
    the next chunk is read (the server inserts while Python parses: ~2 cores, not 1)."""

    def __init__(self, job: Job, seen: _Seen) -> None:
        self.job, self.seen = job, seen
        self.copying: asyncio.Task[None] | None = None

    async def write(self, batch: list[tuple[Any, ...]], fresh: bool) -> None:
        await self.settle(check=True)
        if fresh:
            # Accounts this chunk named first are created together, then rows get their ids.
            await self.seen.accounts.flush()
            self.seen.created()
            ids = self.seen.accounts.ids
            batch[:] = [
                r if r[2].__class__ is not str else (*r[:2], ids[r[2]], *r[3:]) for r in batch
            ]
        # In day and person order, each index gets its entries next to each other: ~3x
        # faster on SQLite than in file order, where every row lands on another page.
        batch.sort(key=lambda r: (r[5], r[1]))
        copy = write(self.job.session, "activities", TABLE_COLUMNS, batch)
        if self.job.sqlite:
            await copy
        else:
            self.copying = asyncio.create_task(copy)

    async def settle(self, *, check: bool = False) -> None:
        """Wait for the COPY under way; its error is raised when `check`, else only waited
        for (another error is on its way already)."""
        copying, self.copying = self.copying, None
        if copying is None:
            return
        await asyncio.wait([copying])
        error = None if copying.cancelled() else copying.exception()
        if error is not None and check:
            raise error

"""`quotabot import deals`: account,owner,amount,currency,stage,close_date
[,created,closed,name,lost_reason]; a won or lost deal closes on `closed` (else close_date)."""

from __future__ import annotations

from typing import Any

from core.sales import OPEN_STAGES
from storage.transfer import values
from storage.transfer.bulk import day_value, moment_value, write
from storage.transfer.csvfile import Columns, Table
from storage.transfer.directory import Accounts, load_people
from storage.transfer.errors import BadFile, BadValue
from storage.transfer.job import SOURCE, Job

COLUMNS = Columns(
    ("account", "owner", "amount", "currency", "stage", "close_date"),
    ("created", "closed", "name", "lost_reason"),
)
TABLE_COLUMNS = (
    "workspace_id",
    "owner_id",
    "account_id",
    "amount_minor",
    "currency",
    "stage",
    "close_date",
    "created_at",
    "updated_at",
    "closed_at",
    "name",
    "lost_reason",
    "source",
)


async def load(job: Job, table: Table) -> int:
    people = await load_people(job.session, job.workspace.id)
    accounts = Accounts(job.session, job.workspace.id)
    await accounts.load()
    batch: list[tuple[Any, ...]] = []
    done = 0
    for line, row in table.rows():
        try:
            batch.append(await _record(job, people.resolve(row["owner"], "owner"), accounts, row))
        except BadValue as exc:
            raise BadFile(str(exc), line) from None
        if len(batch) >= job.chunk:
            await _write(job, accounts, batch)
            done += len(batch)
            batch = []
            job.progress(line)
    await _write(job, accounts, batch)
    job.count("accounts", accounts.created)
    return done + len(batch)


async def _record(job: Job, owner: int, accounts: Accounts, row: dict[str, str]) -> tuple[Any, ...]:
    if not row["account"]:
        raise BadValue("account is empty")
    account = accounts.key(row["account"])
    code = values.currency(row["currency"], job.workspace.currency)
    amount = values.money(row["amount"], code, "amount") if row["amount"] else None
    stage = values.stage(row["stage"])
    close_date = values.day(row["close_date"], "close_date") if row["close_date"] else None
    created = values.moment(row["created"], "created") if row.get("created") else job.now
    closed = None
    if stage not in OPEN_STAGES:
        if row.get("closed"):
            closed = values.moment(row["closed"], "closed")
        elif close_date is not None:
            closed = values.moment(close_date.isoformat(), "close_date")
        else:
            raise BadValue(f"a {stage} deal needs a closed or close_date date")
        if not row.get("created"):
            created = min(created, closed)  # no creation date: it cannot postdate the close
        if closed < created:
            raise BadValue("closed is before created")
    elif row.get("closed"):
        raise BadValue(f"an open deal ({stage}) has no closed date")
    reason = values.short(row.get("lost_reason", ""), "lost_reason", 200)
    if reason and stage != "lost":
        raise BadValue("lost_reason is for lost deals")
    sqlite = job.sqlite
    return (
        job.workspace.id,
        owner,
        account,
        amount,
        code,
        stage,
        None if close_date is None else day_value(close_date, sqlite),
        moment_value(created, sqlite),
        moment_value(closed or created, sqlite),
        None if closed is None else moment_value(closed, sqlite),
        values.short(row.get("name", ""), "name", 120),
        reason,
        SOURCE,
    )


async def _write(job: Job, accounts: Accounts, batch: list[tuple[Any, ...]]) -> None:
    await accounts.flush()
    rows = [(r[0], r[1], accounts.id_of(r[2]), *r[3:]) for r in batch]
    await write(job.session, "deals", TABLE_COLUMNS, rows)

"""The log a correction replaces ("oops that was 4 calls not 3"): read, then taken back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select, update

from handlers.shared.audit import audit
from handlers.shared.context import Context
from handlers.shared.errors import NotFound
from storage.models import Account, Activity, LogBatch

# How far back a log can be corrected: the window handlers/undo.py gives `undo`.
UNDO_WINDOW = timedelta(hours=24)
# The slot the parser sets on a log that corrects the last one: "same_day" keeps that log's
# day, "new_day" moves it to the day said.
CORRECTION = "correction"


@dataclass(frozen=True)
class Row:
    """One item of the corrected log: its kind, count and account."""

    kind: str
    count: int
    account_id: int | None
    account: str | None


@dataclass(frozen=True)
class Corrected:
    batch: LogBatch
    rows: list[Row]
    day: date
    contact: str | None


async def last_log(ctx: Context) -> Corrected:
    """The asker's last activity log still live and young enough to take back."""
    batch = await ctx.session.scalar(
        select(LogBatch)
        .where(
            LogBatch.workspace_id == ctx.actor.workspace_id,
            LogBatch.user_id == ctx.actor.user_id,
            LogBatch.kind == "activity",
            LogBatch.undone_at.is_(None),
            LogBatch.created_at >= ctx.now - UNDO_WINDOW,
        )
        .order_by(LogBatch.created_at.desc(), LogBatch.id.desc())
        .limit(1)
    )
    found = (
        (
            await ctx.session.execute(
                select(Activity, Account.name)
                .outerjoin(Account, Account.id == Activity.account_id)
                .where(Activity.batch_id == batch.id, Activity.deleted_at.is_(None))
                .order_by(Activity.id)
            )
        ).all()
        if batch
        else []
    )
    if batch is None or not found:
        raise NotFound(
            "I found no log of yours from the last 24 hours to correct. "
            "To log it as new, say it plainly, like `2 emails with Acme`."
        )
    rows = [Row(a.kind, a.count, a.account_id, name) for a, name in found]
    return Corrected(batch, rows, found[0][0].occurred_on, found[0][0].contact)


def names(row: Row, written: str | None) -> bool:
    """Whether an account written in the correction is this item's ("Acme" for Acme Corp)."""
    key = (written or "").casefold()
    return bool(key and row.account and row.account.casefold().startswith(key))


def merged(old: list[Row], said: list[dict[str, object]], account: str | None) -> list[Row]:
    """The old log with each kind said replaced by its new count; a kind not logged before
    joins with the old log's (first) account. When `account` (as written) is one of the old
    log's accounts, only that account's items change ("make that 2 calls w/ Globex")."""
    mine = [r for r in old if names(r, account)]
    if not mine:
        return _replace(old, said)
    rows: list[Row] = []
    for row in old:  # the account's items, corrected, where they were said
        if row not in mine:
            rows.append(row)
        elif row is mine[0]:
            rows += _replace(mine, said)
    return rows


def _replace(old: list[Row], said: list[dict[str, object]]) -> list[Row]:
    counts: dict[str, int] = {}
    for item in said:
        counts[str(item["activity"])] = int(str(item["count"]))
    rows: list[Row] = []
    for row in old:
        if row.kind not in counts:
            rows.append(row)
        elif all(r.kind != row.kind for r in rows):
            rows.append(Row(row.kind, counts[row.kind], row.account_id, row.account))
    first = old[0]
    rows += [Row(k, n, first.account_id, first.account) for k, n in counts.items()
             if all(r.kind != k for r in old)]  # fmt: skip
    return rows


async def take_back(ctx: Context, corrected: Corrected) -> None:
    """Undo the corrected log, as `undo` would: soft delete, marked undone, audited."""
    await ctx.session.execute(
        update(Activity).where(Activity.batch_id == corrected.batch.id).values(deleted_at=ctx.now)
    )
    corrected.batch.undone_at = ctx.now
    audit(ctx, "undo", batch=corrected.batch.id, summary=corrected.batch.summary)

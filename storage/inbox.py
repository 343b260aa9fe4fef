"""SQL on the inbox: insert-or-ignore, claim with a lease, finish with the write, depth.

Like the outbox (scheduler/outbox.py), correctness comes from the database: the unique
(platform, key) drops a retried or replayed request, a claim is one UPDATE ... WHERE id IN
(SELECT ... FOR UPDATE SKIP LOCKED) so replicas never share a row, and a row is finished
only by the claim that holds it (its attempt number), inside the transaction of its write.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, and_, bindparam, delete, func, or_, select, tuple_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.direct import Direct
from storage.models import InboxMessage


@dataclass(frozen=True)
class New:
    """One verified request to store before answering it."""

    platform: str
    key: str
    kind: str
    payload: str
    workspace: str = ""


@dataclass(frozen=True)
class Claimed:
    """A row leased to this worker; `attempt` is the claim's token."""

    id: int
    platform: str
    kind: str
    workspace: str
    payload: str
    attempt: int
    received_at: datetime


class Superseded(Exception):
    """The row was finished or claimed again by someone else: roll this write back."""


async def put(
    session: AsyncSession,
    rows: Sequence[New],
    now: datetime,
    leased: Collection[tuple[str, str]] = (),
    hold: timedelta = timedelta(0),
) -> dict[tuple[str, str], int]:
    """INSERT ... ON CONFLICT (platform, key) DO NOTHING; the new rows' ids by (platform, key).

    Rows named in `leased` (platform, key) are stored already claimed (claim 1, leased for
    `hold`) by the process that will answer them, so nobody else takes them meanwhile.
    """
    if not rows:
        return {}
    values: list[dict[str, Any]] = []
    for r in rows:
        mine = (r.platform, r.key[:200]) in leased
        values.append(
            {
                "platform": r.platform,
                "key": r.key[:200],
                "kind": r.kind,
                "workspace": r.workspace[:64],
                "payload": r.payload,
                "status": "pending",
                "attempts": 1 if mine else 0,
                "received_at": now,
                "available_at": now,
                "lease_until": now + hold if mine else None,
            }
        )
    stored: dict[tuple[str, str], int] = {}
    for row in values:  # one short statement each: no statement text per batch size
        for platform, key, row_id in await _PUT.rows(session, row):
            stored[(platform, key)] = row_id
    return stored


def _put(make: Any) -> Any:
    table = cast(Table, InboxMessage.__table__)
    stmt = make(table).on_conflict_do_nothing(index_elements=["platform", "key"])
    return stmt.returning(table.c.platform, table.c.key, table.c.id)


# Built once per dialect: every ack's transaction runs it (issue 18's profile).
_PUT = Direct({"sqlite": _put(sqlite.insert), "postgresql": _put(postgresql.insert)})


async def find(session: AsyncSession, platform: str, key: str) -> tuple[int, str] | None:
    """(id, status) of the row stored under this key."""
    found = await session.execute(
        select(InboxMessage.id, InboxMessage.status).where(
            InboxMessage.platform == platform, InboxMessage.key == key[:200]
        )
    )
    row = found.first()
    return (row[0], row[1]) if row is not None else None


_RETURNED = (
    InboxMessage.id,
    InboxMessage.platform,
    InboxMessage.kind,
    InboxMessage.workspace,
    InboxMessage.payload,
    InboxMessage.attempts,
    InboxMessage.received_at,
)


async def claim(
    session: AsyncSession,
    now: datetime,
    lease: timedelta,
    platforms: Sequence[str],
    limit: int,
    only: int | None = None,
) -> list[Claimed]:
    """Lease up to `limit` due rows (or just row `only`), oldest first.

    On SQLite the UPDATE is the transaction's first statement after BEGIN IMMEDIATE, so
    it holds the one write lock; on PostgreSQL SKIP LOCKED lets replicas claim side by side.
    """
    due = select(InboxMessage.id).where(
        InboxMessage.status == "pending",
        InboxMessage.platform.in_(platforms),
        or_(InboxMessage.lease_until.is_(None), InboxMessage.lease_until < now),
    )
    if only is not None:
        due = due.where(InboxMessage.id == only)
    else:
        due = due.where(InboxMessage.available_at <= now)
    due = (
        due.order_by(InboxMessage.available_at, InboxMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    result = await session.execute(
        update(InboxMessage)
        .where(InboxMessage.id.in_(due.scalar_subquery()))
        .values(lease_until=now + lease, attempts=InboxMessage.attempts + 1)
        .returning(*_RETURNED)
        .execution_options(synchronize_session=False)
    )
    claimed = [Claimed(*row) for row in result.all()]
    return sorted(claimed, key=lambda c: (c.received_at, c.id))


def _held(row_id: int, attempt: int) -> Any:
    return and_(
        InboxMessage.id == row_id,
        InboxMessage.status == "pending",
        InboxMessage.attempts == attempt,
    )


# Built once: a statement built per call costs three times its execution (issue 18's profile).
_INBOX = cast(Table, InboxMessage.__table__)
_FINISH = Direct(
    update(_INBOX)
    .where(
        _INBOX.c.id == bindparam("row"),
        _INBOX.c.status == "pending",
        _INBOX.c.attempts == bindparam("attempt"),
    )
    .values(status="done", done_at=bindparam("now"), lease_until=None, error=None)
    .returning(_INBOX.c.id)
)


async def finish(session: AsyncSession, row_id: int, attempt: int, now: datetime) -> None:
    """pending -> done, inside the caller's write transaction; Superseded if not ours."""
    if not await _FINISH.rows(session, {"row": row_id, "attempt": attempt, "now": now}):
        raise Superseded(f"inbox row {row_id} is no longer held by claim {attempt}")


async def retry(
    session: AsyncSession,
    row_id: int,
    attempt: int,
    at: datetime,
    error: str,
    *,
    give_up: bool,
) -> None:
    """Back in the queue from `at` (the lease is dropped), or failed for good."""
    values: dict[str, Any] = {"lease_until": None, "error": error[:1000]}
    if give_up:
        values.update(status="failed", done_at=at)
    else:
        values.update(available_at=at)
    await session.execute(
        update(InboxMessage)
        .where(_held(row_id, attempt))
        .values(**values)
        .execution_options(synchronize_session=False)
    )


async def renew(session: AsyncSession, held: Sequence[tuple[int, int]], until: datetime) -> None:
    """Extend the leases of rows still being worked on (a heartbeat, not a new claim)."""
    await _lease(session, held, until)


async def release(session: AsyncSession, held: Sequence[tuple[int, int]]) -> None:
    """Give rows back at once (shutdown): the next worker need not wait out the lease."""
    await _lease(session, held, None)


async def _lease(
    session: AsyncSession, held: Sequence[tuple[int, int]], until: datetime | None
) -> None:
    pairs = list(held)
    for i in range(0, len(pairs), 500):
        await session.execute(
            update(InboxMessage)
            .where(
                InboxMessage.status == "pending",
                tuple_(InboxMessage.id, InboxMessage.attempts).in_(pairs[i : i + 500]),
            )
            .values(lease_until=until)
            .execution_options(synchronize_session=False)
        )


async def depth(session: AsyncSession, now: datetime) -> tuple[int, float]:
    """(rows waiting, seconds the oldest has waited) for /metrics."""
    found = await session.execute(
        select(func.count(), func.min(InboxMessage.received_at)).where(
            InboxMessage.status == "pending"
        )
    )
    count, oldest = found.one()
    return int(count), (now - oldest).total_seconds() if oldest is not None else 0.0


async def forget_done_before(session: AsyncSession, cutoff: datetime) -> int:
    """Drop finished rows older than any replay window (Slack signs for 5 minutes)."""
    result = await session.execute(
        delete(InboxMessage).where(
            InboxMessage.status.in_(("done", "failed")), InboxMessage.done_at < cutoff
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)

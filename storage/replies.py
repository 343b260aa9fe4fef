"""SQL on the outbox's reply rows: an inbox row's answer, queued with its write, sent once.

Replies are `deliveries` rows of kind "reply" (the scheduler's outbox, whose dispatcher
skips this kind): pending -> sending -> sent | failed. The serving process sends each one
the moment its write commits; these statements also let any replica pick up a reply whose
process died before sending it, and settle one that was on the wire when it died.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.direct import Direct
from storage.models import REPLY_KIND, Delivery

IN_DOUBT = "interrupted while sending and not found on the platform's side; not resent"


@dataclass(frozen=True)
class Queued:
    """A reply row to send: its platform decodes the payload (what, where, when received)."""

    id: int
    platform: str
    payload: str
    attempts: int


async def queue(
    session: AsyncSession,
    *,
    key: str,
    workspace_id: int,
    user_id: int | None,
    platform: str,
    conversation: str,
    payload: str,
    now: datetime,
    hold: timedelta,
) -> int:
    """Insert a pending reply, leased to this process for `hold` (it sends it right away)."""
    values = {
        "idempotency_key": key[:200],
        "kind": REPLY_KIND,
        "workspace_id": workspace_id,
        "user_id": user_id,
        "platform": platform,
        "conversation": conversation[:200],
        "due_at": now,
        "status": "pending",
        "attempts": 0,
        "next_attempt_at": now,
        "lease_until": now + hold,
        "payload": payload,
        "created_at": now,
    }
    return int(await _QUEUE.scalar(session, values))


# Built once: a statement built per call costs three times its execution (issue 18's profile).
_DELIVERIES = cast(Table, Delivery.__table__)
_QUEUE = Direct(insert(_DELIVERIES).returning(_DELIVERIES.c.id))


def _replies(*conditions: Any) -> Any:
    return update(Delivery).where(Delivery.kind == REPLY_KIND, *conditions)


async def start_sending(session: AsyncSession, ids: Sequence[int], until: datetime) -> list[Queued]:
    """pending -> sending for those still pending (another replica may have taken one)."""
    started: list[Queued] = []
    for reply_id in ids:  # one short statement each: one plan, whatever the batch's size
        for i, platform, payload, attempts in await _START.rows(
            session, {"reply": reply_id, "until": until}
        ):
            started.append(Queued(i, platform, payload or "{}", attempts))
    return started


async def mark_sent(session: AsyncSession, ids: Sequence[int], now: datetime) -> None:
    await _SENT.many(session, [{"reply": reply_id, "now": now} for reply_id in ids])


# Both run once per reply on the serving path: on the driver, like _QUEUE (building the ORM
# UPDATE cost twice what executing it did in issue 18's profile).
_ONE = _DELIVERIES.c.kind == REPLY_KIND, _DELIVERIES.c.id == bindparam("reply")
_START = Direct(
    update(_DELIVERIES)
    .where(*_ONE, _DELIVERIES.c.status == "pending")
    .values(status="sending", lease_until=bindparam("until"))
    .returning(
        _DELIVERIES.c.id, _DELIVERIES.c.platform, _DELIVERIES.c.payload, _DELIVERIES.c.attempts
    )
)
_SENT = Direct(
    update(_DELIVERIES)
    .where(*_ONE, _DELIVERIES.c.status == "sending")
    .values(
        status="sent",
        sent_at=bindparam("now"),
        lease_until=None,
        attempts=_DELIVERIES.c.attempts + 1,
    )
)


async def mark_retry(session: AsyncSession, reply_id: int, at: datetime, error: str) -> None:
    await session.execute(
        _replies(Delivery.id == reply_id, Delivery.status == "sending")
        .values(
            status="pending",
            next_attempt_at=at,
            lease_until=None,
            attempts=Delivery.attempts + 1,
            error=error[:1000],
        )
        .execution_options(synchronize_session=False)
    )


async def mark_failed(session: AsyncSession, reply_id: int, error: str) -> None:
    await session.execute(
        _replies(Delivery.id == reply_id, Delivery.status.in_(("pending", "sending")))
        .values(
            status="failed", lease_until=None, attempts=Delivery.attempts + 1, error=error[:1000]
        )
        .execution_options(synchronize_session=False)
    )


async def claim_orphans(
    session: AsyncSession, now: datetime, lease: timedelta, platforms: Sequence[str], limit: int
) -> list[int]:
    """Pending replies nobody holds (their process died after the commit): lease them."""
    due = Delivery.status == "pending", Delivery.next_attempt_at <= now
    unheld = or_(Delivery.lease_until.is_(None), Delivery.lease_until < now)
    found = await _lease(session, now + lease, platforms, limit, (*due, unheld))
    return sorted(q.id for q in found)


async def claim_in_doubt(
    session: AsyncSession, now: datetime, lease: timedelta, platforms: Sequence[str], limit: int
) -> list[Queued]:
    """Replies left `sending` past their lease (the sender died mid-call): ours to settle."""
    stuck = (Delivery.status == "sending", Delivery.lease_until < now)
    return await _lease(session, now + lease, platforms, limit, stuck)


async def _lease(
    session: AsyncSession,
    until: datetime,
    platforms: Sequence[str],
    limit: int,
    conditions: tuple[Any, ...],
) -> list[Queued]:
    """One UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED), as the outbox claims."""
    rows = (
        select(Delivery.id)
        .where(Delivery.kind == REPLY_KIND, Delivery.platform.in_(platforms), *conditions)
        .order_by(Delivery.next_attempt_at, Delivery.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    result = await session.execute(
        _replies(Delivery.id.in_(rows.scalar_subquery()))
        .values(lease_until=until)
        .returning(Delivery.id, Delivery.platform, Delivery.payload, Delivery.attempts)
        .execution_options(synchronize_session=False)
    )
    return [Queued(i, p, payload or "{}", a) for i, p, payload, a in result.all()]


async def back_to_pending(session: AsyncSession, reply_id: int) -> None:
    """An in-doubt reply the platform says never arrived: send it again."""
    await session.execute(
        _replies(Delivery.id == reply_id, Delivery.status == "sending")
        .values(status="pending", lease_until=None)
        .execution_options(synchronize_session=False)
    )


async def waiting(session: AsyncSession) -> int:
    """Replies queued or on the wire (for /metrics)."""
    found = await session.scalar(
        select(func.count())
        .select_from(Delivery)
        .where(Delivery.kind == REPLY_KIND, Delivery.status.in_(("pending", "sending")))
    )
    return int(found or 0)

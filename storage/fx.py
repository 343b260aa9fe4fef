"""The workspace's exchange rates (set by an admin) and conversion of minor units with them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.money import from_minor, to_minor
from storage.models import FxRate


@dataclass(frozen=True)
class Rate:
    """1 `currency` = `rate` units of the workspace currency, as set at `set_at`."""

    currency: str
    rate: Decimal
    set_at: datetime


async def rates(session: AsyncSession, workspace_id: int) -> dict[str, Rate]:
    rows = await session.scalars(select(FxRate).where(FxRate.workspace_id == workspace_id))
    return {r.currency: Rate(r.currency, Decimal(r.rate), r.set_at) for r in rows}


async def set_rate(
    session: AsyncSession,
    workspace_id: int,
    currency: str,
    rate: Decimal,
    by: int | None,
    now: datetime,
) -> Rate:
    row = await session.scalar(
        select(FxRate).where(FxRate.workspace_id == workspace_id, FxRate.currency == currency)
    )
    if row is None:
        row = FxRate(workspace_id=workspace_id, currency=currency)
        session.add(row)
    row.rate, row.set_by, row.set_at = str(rate), by, now
    await session.flush()
    return Rate(currency, rate, now)


def convert(minor: int, currency: str, to: str, rate: Decimal) -> int:
    """`minor` units of `currency` in minor units of `to` at `rate` (rounded as to_minor)."""
    return to_minor(from_minor(minor, currency) * rate, to)

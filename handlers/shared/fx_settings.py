"""`/quotabot settings workspace fx EUR 1.08`: the rates totals convert other currencies at."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.shared.errors import UserError
from handlers.shared.fx import COMMON
from storage.fx import rates, set_rate
from storage.models import FxRate, Workspace, utcnow

# A rate outside this is a typo (1 EUR = 1080 USD), not an exchange rate anyone uses here.
MIN_RATE = Decimal("0.00001")
MAX_RATE = Decimal("100000")
OFF = frozenset({"off", "none", "clear", "remove", "-"})


async def set_fx(
    workspace: Workspace,
    session: AsyncSession,
    args: str,
    *,
    by: int | None = None,
    now: datetime | None = None,
) -> str:
    """ "EUR 1.08" sets 1 EUR = 1.08 of the workspace currency; "EUR off" removes it; ""
    lists the rates. Returns the sentence the admin reads."""
    words = args.split()
    base = workspace.currency
    if not words:
        return await _listing(session, workspace)
    if len(words) != 2:
        raise UserError(f"Say the currency and its value in {base}: `fx EUR 1.08`.")
    code, value = words[0].upper(), words[1].lower()
    if code == base:
        raise UserError(f"{base} is the workspace currency; its rate is always 1.")
    if code not in COMMON:
        raise UserError(f"I don't know the currency {words[0]!r}. I know: {', '.join(COMMON)}.")
    if value in OFF:
        await session.execute(
            delete(FxRate).where(FxRate.workspace_id == workspace.id, FxRate.currency == code)
        )
        return f"Removed the {code} rate: {code} amounts are shown apart from {base} totals."
    try:
        rate = Decimal(value.replace(",", "."))
    except InvalidOperation as exc:
        raise UserError(f"{words[1]!r} isn't a rate; say e.g. `fx {code} 1.08`.") from exc
    if not (rate.is_finite() and MIN_RATE <= rate <= MAX_RATE):
        raise UserError(f"1 {code} = {words[1]} {base} can't be right; please check the rate.")
    saved = await set_rate(session, workspace.id, code, rate, by, now or utcnow())
    return (
        f"1 {code} = {saved.rate.normalize():f} {base} from now on "
        f"(set {saved.set_at:%d %b %Y}): totals add {code} deals converted at this rate."
    )


async def _listing(session: AsyncSession, workspace: Workspace) -> str:
    known = await rates(session, workspace.id)
    if not known:
        return (
            f"No exchange rates set: deals in other currencies are shown apart from "
            f"{workspace.currency} totals. Set one with `fx EUR 1.08`."
        )
    listed = "; ".join(
        f"1 {c} = {r.rate.normalize():f} {workspace.currency} (set {r.set_at:%d %b %Y})"
        for c, r in sorted(known.items())
    )
    return f"Exchange rates: {listed}."

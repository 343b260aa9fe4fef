"""The forecast's figures for one scope and period: closed-won, commit, weighted, best case
(the /forecast answer, the Monday snapshots and the managers' digest all read these)."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy.ext.asyncio import AsyncSession

from core.periods import Period
from handlers.shared.fx import Totals, total
from handlers.shared.probabilities import probabilities
from storage.fx import rates
from storage.models import Workspace
from storage.scope import Scope
from storage.stats import open_deals, won_by_user


async def forecast_figures(
    session: AsyncSession, workspace: Workspace, scope: Scope, period: Period, tz: str
) -> tuple[Totals, dict[str, Totals]]:
    """Closed-won in `period`, and won plus open deals closing in it: "commit" (negotiation),
    "weighted" (by stage probability) and "best" (all), in the workspace currency."""
    cur = workspace.currency
    start, end = period.utc_bounds(tz)
    known = await rates(session, workspace.id)
    won_by = (await won_by_user(session, scope, start, end, cur)).values()
    won_apart: dict[str, int] = defaultdict(int)
    for w in won_by:
        for c, minor in w.apart.items():
            won_apart[c] += minor
    won = Totals(
        cur,
        sum(w.minor for w in won_by),
        dict(won_apart),
        {c: known[c] for w in won_by for c in w.converted},
    )
    prob = probabilities(workspace)
    weighted: dict[str, int] = defaultdict(int)
    commit: dict[str, int] = defaultdict(int)
    best: dict[str, int] = defaultdict(int)
    for row in await open_deals(session, scope, period.start, period.end):
        weighted[row.currency] += row.minor * prob[row.stage] // 100
        best[row.currency] += row.minor
        if row.stage == "negotiation":
            commit[row.currency] += row.minor
    figures = {
        label: _plus(won, total(dict(by), cur, known))
        for label, by in (("commit", commit), ("weighted", weighted), ("best", best))
    }
    return won, figures


def _plus(a: Totals, b: Totals) -> Totals:
    apart = dict(a.apart)
    for c, minor in b.apart.items():
        apart[c] = apart.get(c, 0) + minor
    return Totals(a.base, a.minor + b.minor, apart, {**a.used, **b.used})

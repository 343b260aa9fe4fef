"""Chart descriptions for read answers (data only; bot/charts draws them), unless the
workspace switched charts off."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from core.messages import Chart, ChartUnit, Series
from core.money import fmt_short
from core.pace import Progress
from handlers.shared.attainment import of, show
from handlers.shared.context import Context
from handlers.shared.pace_series import PaceSeries
from storage.models import ChartSetting

# Bars a chat-sized picture can label legibly; the table still lists everyone.
MOST_BARS = 25


async def charts_on(ctx: Context) -> bool:
    return await charts_enabled(ctx.session, ctx.actor.workspace_id)


async def charts_enabled(session: AsyncSession, workspace_id: int) -> bool:
    setting = await session.get(ChartSetting, workspace_id)
    return setting is None or setting.enabled


def _share(value: float, target: float) -> float:
    return value / target if target else 0.0


def progress_chart(title: str, rows: Sequence[Progress], over: PaceSeries, cur: str) -> Chart:
    """/quota: each metric's share of its target over the period so far, and the pace line."""
    alt = "; ".join(
        f"{r.metric}: {of(r.metric, r.actual, r.target, cur)}, {r.ratio:.0%} of target, "
        f"pace by now {show(r.metric, r.expected, cur)} ({_share(r.expected, r.target):.0%})"
        for r in rows
    )
    return Chart(
        "progress",
        title,
        f"{title}. {alt}.",
        # A point is "by the start of this day": said as the day it completes.
        tuple(
            (day if k == 0 else day - timedelta(days=1)).strftime("%d %b")
            for k, day in enumerate(over.days)
        ),
        tuple(Series(r.metric.capitalize(), over.shares[r.metric]) for r in rows),
        unit="share",
        pace=over.pace,
        target=1.0,
        marked=frozenset(i for i, r in enumerate(rows) if not r.on_pace),
        figures=tuple(f"{of(r.metric, r.actual, r.target, cur)} ({r.ratio:.0%})" for r in rows),
    )


async def attainment_chart(
    ctx: Context, title: str, reps: Sequence[tuple[str, float, bool]], pace_share: float
) -> Chart | None:
    """/team: (name, share of own target, on pace) per rep, best first, with the pace line."""
    if not await charts_on(ctx) or not reps:
        return None
    return attainment_picture(title, reps, pace_share)


def attainment_picture(
    title: str, reps: Sequence[tuple[str, float, bool]], pace_share: float
) -> Chart:
    ranked = sorted(reps, key=lambda r: (-r[1], r[0]))
    behind = sum(1 for _, _, on in ranked if not on)
    shown = ranked[:MOST_BARS]
    more = (
        f" The picture shows the top {MOST_BARS} of {len(ranked)}."
        if len(ranked) > len(shown)
        else ""
    )
    listed = ", ".join(f"{name} {share:.0%}" for name, share, _ in shown)
    return Chart(
        "attainment",
        title,
        f"{title}: {len(ranked) - behind} on pace, {behind} behind; pace by now is "
        f"{pace_share:.0%}. {listed}.{more}",
        tuple(name for name, _, _ in shown),
        (Series("Share of target", tuple(share for _, share, _ in shown)),),
        unit="share",
        pace=(pace_share,),
        target=1.0,
        marked=frozenset(i for i, (_, _, on) in enumerate(shown) if not on),
    )


async def ranking_chart(
    ctx: Context, title: str, rows: Sequence[tuple[str, float]], metric: str
) -> Chart | None:
    """Leaderboards: the top N as bars, in the board's order."""
    if not await charts_on(ctx) or not rows:
        return None
    cur = ctx.workspace.currency
    shown = rows[:MOST_BARS]
    unit: ChartUnit = (
        "share" if metric == "attainment" else "money" if metric == "revenue" else "count"
    )
    said = [f"{value:.0%}" if unit == "share" else show(metric, value, cur) for _, value in shown]
    return Chart(
        "ranking",
        title,
        f"{title}: " + ", ".join(f"{name} {s}" for (name, _), s in zip(shown, said, strict=True)),
        tuple(name for name, _ in shown),
        (Series(metric.capitalize(), tuple(value for _, value in shown)),),
        unit=unit,
        currency=cur,
        figures=tuple(
            fmt_short(v, cur) if unit == "money" else s
            for (_, v), s in zip(shown, said, strict=True)
        ),
    )

"""The weekly team leaderboard: celebrates the top, ranks fairly by own target, shames nobody."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.messages import Bar, Fact, Reply, Table
from core.money import fmt_short
from core.periods import Period, containing, local_today
from storage.models import Activity, Deal, Quota, Team, User, Workspace

TOP = 3
# Attainment buckets: counts only, never names, so the bottom is not singled out.
BUCKETS = ((1.0, "100%+"), (0.75, "75-99%"), (0.5, "50-74%"), (0.0, "under 50%"))
QUOTA_KINDS = ("quarter", "month", "year", "week")


async def _members(session: AsyncSession, team: Team) -> dict[int, str]:
    rows = await session.execute(
        select(User.id, User.name).where(
            User.workspace_id == team.workspace_id, User.team_id == team.id, User.role == "rep"
        )
    )
    return {uid: name for uid, name in rows}


async def _activities(
    session: AsyncSession, team: Team, ids: list[int], week: Period
) -> dict[int, int]:
    rows = await session.execute(
        select(Activity.user_id, func.sum(Activity.count))
        .where(
            Activity.workspace_id == team.workspace_id,
            Activity.user_id.in_(ids),
            Activity.occurred_on >= week.start,
            Activity.occurred_on < week.end,
            Activity.deleted_at.is_(None),
        )
        .group_by(Activity.user_id)
    )
    return {uid: int(total or 0) for uid, total in rows}


async def _won(
    session: AsyncSession, team: Team, ids: list[int], period: Period, currency: str
) -> dict[int, int]:
    start, end = period.utc_bounds(team.timezone)
    rows = await session.execute(
        select(Deal.owner_id, func.sum(Deal.amount_minor))
        .where(
            Deal.workspace_id == team.workspace_id,
            Deal.owner_id.in_(ids),
            Deal.stage == "won",
            Deal.currency == currency,
            Deal.closed_at >= start,
            Deal.closed_at < end,
            Deal.deleted_at.is_(None),
        )
        .group_by(Deal.owner_id)
    )
    return {uid: int(total or 0) for uid, total in rows}


async def _attainment(
    session: AsyncSession, team: Team, ids: list[int], today: date, currency: str
) -> tuple[dict[int, float], str]:
    """user id -> won / own revenue target, for the current period of each one's quota."""
    quotas = await session.execute(
        select(Quota.user_id, Quota.period_kind, Quota.period_start, Quota.target).where(
            Quota.workspace_id == team.workspace_id,
            Quota.user_id.in_(ids),
            Quota.metric == "revenue",
            Quota.period_kind.in_(QUOTA_KINDS),
            Quota.target > 0,
        )
    )
    current: dict[int, tuple[str, int]] = {}
    for uid, kind, start, target in quotas:
        if uid is None or containing(kind, today).start != start:
            continue
        known = current.get(uid)
        if known is None or QUOTA_KINDS.index(kind) < QUOTA_KINDS.index(known[0]):
            current[uid] = (kind, int(target))
    result: dict[int, float] = {}
    kinds = {kind for kind, _ in current.values()}
    for kind in kinds:
        won = await _won(session, team, ids, containing(kind, today), currency)
        for uid, (k, target) in current.items():
            if k == kind:
                result[uid] = won.get(uid, 0) / target
    label = containing(sorted(kinds, key=QUOTA_KINDS.index)[0], today).label if kinds else ""
    return result, label


def _top(values: dict[int, int], names: dict[int, str], currency: str | None) -> str:
    """The top few with something to show; `currency` formats the values as money."""
    ranked = sorted(((-v, names[u]) for u, v in values.items() if v > 0))
    if not ranked:
        return "nobody yet"
    return ", ".join(
        f"{name} ({fmt_short(-v, currency) if currency else f'{-v:,}'})" for v, name in ranked[:TOP]
    )


async def build_board(
    session: AsyncSession, team: Team, workspace: Workspace, now: datetime
) -> Reply:
    today = local_today(now, team.timezone)
    week = containing("week", today)
    names = await _members(session, team)
    ids = list(names)
    acts = await _activities(session, team, ids, week) if ids else {}
    won = await _won(session, team, ids, week, workspace.currency) if ids else {}
    fair, period_label = (
        await _attainment(session, team, ids, today, workspace.currency) if ids else ({}, "")
    )
    facts = [
        Fact("Most activities", _top(acts, names, None)),
        Fact("Most revenue won", _top(won, names, workspace.currency)),
    ]
    table = None
    bars: tuple[Bar, ...] = ()
    if fair:
        ranked = sorted(fair.items(), key=lambda kv: (-kv[1], names[kv[0]]))
        table = Table(
            ("#", "Rep", f"% of own target ({period_label})"),
            tuple((str(i + 1), names[u], f"{r:.0%}") for i, (u, r) in enumerate(ranked[:TOP])),
            numeric=frozenset({0, 2}),
        )
        counts = dict.fromkeys((label for _, label in BUCKETS), 0)
        for ratio in fair.values():
            counts[next(label for floor, label in BUCKETS if ratio >= floor)] += 1
        bars = tuple(Bar(label, n, len(fair)) for label, n in counts.items())
    star = _star(fair, won, acts, names)
    text = f"{team.name}: the week of {week.start.strftime('%d %b')} in numbers."
    notes = (f"Shout-out to {star}!",) if star else ("A fresh week starts Monday.",)
    return Reply(
        text=text,
        title=f"Weekly leaderboard: {team.name}",
        facts=tuple(facts),
        table=table,
        bars=bars,
        notes=notes,
        private=False,
    )


def _star(
    fair: dict[int, float], won: dict[int, int], acts: dict[int, int], names: dict[int, str]
) -> str | None:
    for board, why in (
        (fair, "furthest toward their own target"),
        (won, "most revenue won"),
        (acts, "most activities logged"),
    ):
        best = max(board.items(), key=lambda kv: (kv[1], names[kv[0]]), default=None)
        if best is not None and best[1] > 0:
            return f"{names[best[0]]}, {why} this period"
    return None

"""The weekly team leaderboard: celebrates the top, ranks fairly by own target, shames nobody."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from core.messages import Bar, Chart, Fact, Reply, Series, Table
from core.money import fmt_count, fmt_short
from core.periods import containing, local_today
from handlers.shared.attainment import actuals, quotas_for, team_members
from handlers.shared.charts import charts_enabled
from storage.models import Team, Workspace
from storage.scope import Scope
from storage.stats import won_by_user

TOP = 3
# Attainment buckets: counts only, never names, so the bottom is not singled out.
BUCKETS = ((1.0, "100%+"), (0.75, "75-99%"), (0.5, "50-74%"), (0.0, "under 50%"))
# Whose own target counts when a rep has several: the first kind they have a quota for.
QUOTA_KINDS = ("quarter", "month", "year", "week")


async def _attainment(
    session: AsyncSession, scope: Scope, reps: dict[int, str], today: date, tz: str, currency: str
) -> tuple[dict[int, float], str]:
    """rep id -> won / own revenue target in the current period of their quota, and the
    label of the first of QUOTA_KINDS anyone has a quota for (the table's heading)."""
    keys = {f"user:{uid}": uid for uid in reps}
    result: dict[int, float] = {}
    label = ""
    for kind in QUOTA_KINDS:
        period = containing(kind, today)
        quotas = await quotas_for(session, scope.workspace_id, list(keys), period)
        targets = {
            keys[key]: metrics["revenue"]
            for key, metrics in quotas.items()
            if metrics.get("revenue", 0) > 0 and keys[key] not in result
        }
        if not targets:
            continue
        won = await won_by_user(session, scope, *period.utc_bounds(tz), currency)
        result.update(
            {uid: (won[uid].minor if uid in won else 0) / t for uid, t in targets.items()}
        )
        label = label or period.label
    return result, label


def _top(values: dict[int, int], names: dict[int, str], currency: str | None) -> str:
    """The top few with something to show; `currency` formats the values as money."""
    ranked = sorted(((-v, names[u]) for u, v in values.items() if v > 0))
    if not ranked:
        return "nobody yet"
    return ", ".join(
        f"{name} ({fmt_short(-v, currency) if currency else fmt_count(-v)})"
        for v, name in ranked[:TOP]
    )


async def build_board(
    session: AsyncSession, team: Team, workspace: Workspace, now: datetime
) -> Reply:
    today = local_today(now, team.timezone)
    week = containing("week", today)
    names = {rep.id: rep.name for rep in await team_members(session, team.workspace_id, team.id)}
    scope = Scope(team.workspace_id, team_id=team.id)
    got = await actuals(session, scope, week, team.timezone, workspace.currency)
    # The team's scope covers its manager too; the board ranks its reps only.
    acts = {uid: got[uid]["activities"] for uid in names if uid in got}
    won = {uid: got[uid]["revenue"] for uid in names if uid in got}
    fair, period_label = await _attainment(
        session, scope, names, today, team.timezone, workspace.currency
    )
    facts = [
        Fact("Most activities", _top(acts, names, None)),
        Fact("Most revenue won", _top(won, names, workspace.currency)),
    ]
    table = None
    bars: tuple[Bar, ...] = ()
    if fair:
        ranked = sorted(fair.items(), key=lambda kv: (-kv[1], names[kv[0]]))
        if workspace.attainment_public:
            table = Table(
                ("#", "Rep", f"% of own target ({period_label})"),
                tuple((str(i + 1), names[u], f"{r:.0%}") for i, (u, r) in enumerate(ranked[:TOP])),
                numeric=frozenset({0, 2}),
            )
        else:
            # Posted in the channel: the ranking by own target, each one's % kept to
            # themselves and their managers (workspace setting `attainment private`).
            table = Table(
                ("#", f"Rep (by share of own target, {period_label})"),
                tuple((str(i + 1), names[u]) for i, (u, _) in enumerate(ranked[:TOP])),
                numeric=frozenset({0}),
            )
        counts = dict.fromkeys((label for _, label in BUCKETS), 0)
        for ratio in fair.values():
            counts[next(label for floor, label in BUCKETS if ratio >= floor)] += 1
        reps = fmt_count(len(fair), "rep")
        bars = tuple(
            Bar(label, n, len(fair), shown=f"{fmt_count(n)} of {reps}")
            for label, n in counts.items()
        )
    chart = None
    if bars and await charts_enabled(session, workspace.id):
        # Counts per bucket, never names: the picture is as safe to post as the text bars.
        title = f"{team.name}: share of own target ({period_label})"
        chart = Chart(
            "ranking",
            title,
            f"{title}: " + ", ".join(f"{b.label} {b.shown}" for b in bars) + ".",
            tuple(b.label for b in bars),
            (Series("Reps", tuple(b.value for b in bars)),),
            unit="count",
            figures=tuple(b.shown for b in bars),
        )
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
        chart=chart,
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

"""The manager's Monday digest of their team: how many are on pace, who could use support,
and how the forecast and the open pipeline moved since last Monday's snapshot."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.clock import local_date
from core.messages import Fact, Reply
from core.money import fmt
from core.periods import containing
from handlers.shared.attainment import team_members
from handlers.shared.charts import attainment_picture, charts_enabled
from handlers.shared.forecast_figures import forecast_figures
from handlers.shared.standing import rep_lead
from storage.models import ForecastSnapshot, Team, User, Workspace
from storage.scope import Scope


def _moved(now: int, before: int | None, currency: str) -> str:
    if before is None:
        return fmt(now, currency)
    change = now - before
    sign = "+" if change >= 0 else "−"
    return f"{fmt(now, currency)} ({sign}{fmt(abs(change), currency)} since last Monday)"


async def build_digest(
    session: AsyncSession, manager: User, workspace: Workspace, now: datetime
) -> Reply | None:
    """None when the manager leads no team (nothing to digest)."""
    if manager.team_id is None:
        return None
    team = await session.get(Team, manager.team_id)
    if team is None:
        return None
    on_pace, behind = 0, []
    shares: list[tuple[str, float, bool]] = []
    pace_share = 0.0
    for rep in await team_members(session, workspace.id, team.id):
        lead = await rep_lead(session, rep, workspace, now)
        if lead is None:
            continue
        shares.append((rep.name, lead.ratio, lead.on_pace))
        pace_share = lead.expected / lead.target if lead.target else 0.0
        if lead.on_pace:
            on_pace += 1
        else:
            behind.append(rep.name)
    today = local_date(now, manager.tz)
    quarter = containing("quarter", today)
    cur = workspace.currency
    won, figures = await forecast_figures(
        session, workspace, Scope(workspace.id, team_id=team.id), quarter, manager.tz
    )
    last = await session.scalar(
        select(ForecastSnapshot)
        .where(
            ForecastSnapshot.workspace_id == workspace.id,
            ForecastSnapshot.scope == f"team:{team.id}",
            ForecastSnapshot.period_start == quarter.start,
            ForecastSnapshot.taken_on < today,
        )
        .order_by(ForecastSnapshot.taken_on.desc())
        .limit(1)
    )
    open_now = figures["best"].minor - won.minor
    open_before = last.best_minor - last.won_minor if last is not None else None
    facts = (
        Fact("On pace", f"{on_pace} of {on_pace + len(behind)} reps with a quota"),
        Fact("Could use support", ", ".join(behind) or "nobody: everyone is on pace"),
        Fact(
            f"Weighted forecast, {quarter.label}",
            _moved(figures["weighted"].minor, last.weighted_minor if last else None, cur),
        ),
        Fact(f"Open pipeline closing in {quarter.label}", _moved(open_now, open_before, cur)),
    )
    return Reply(
        text=f"Good morning! Team {team.name} this Monday: {on_pace} on pace, "
        f"{len(behind)} behind.",
        title=f"Monday digest: team {team.name}",
        facts=facts,
        notes=("`/team` for everyone's numbers; `/quotabot digest off` stops this digest.",),
        # The manager's own DM: each rep's attainment, as /team shows it to them.
        chart=attainment_picture(f"Team {team.name} — share of own target", shares, pace_share)
        if shares and await charts_enabled(session, workspace.id)
        else None,
    )

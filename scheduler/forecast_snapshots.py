"""Every Monday (in the workspace's zone) the forecast of each rep, each team and the
workspace for the quarter is kept, so `forecast vs actual` can say later what was called."""

from __future__ import annotations

import logging
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.periods import containing
from handlers.shared.forecast_figures import forecast_figures
from storage.models import ForecastSnapshot, Team, User, Workspace
from storage.scope import Scope

log = logging.getLogger(__name__)
MONDAY = 0


def scopes(workspace_id: int, teams: list[int], reps: list[int]) -> dict[str, Scope]:
    """Snapshot key -> the scope /forecast answers for: the workspace, each team, each rep."""
    found = {"workspace": Scope(workspace_id)}
    found.update({f"team:{t}": Scope(workspace_id, team_id=t) for t in teams})
    found.update({f"user:{u}": Scope(workspace_id, user_id=u) for u in reps})
    return found


async def _take(session: AsyncSession, workspace: Workspace, today: date, now: datetime) -> int:
    period = containing("quarter", today)
    teams = list(await session.scalars(select(Team.id).where(Team.workspace_id == workspace.id)))
    reps = list(
        await session.scalars(
            select(User.id).where(User.workspace_id == workspace.id, User.role == "rep")
        )
    )
    for key, scope in scopes(workspace.id, teams, reps).items():
        won, figures = await forecast_figures(session, workspace, scope, period, workspace.timezone)
        session.add(
            ForecastSnapshot(
                workspace_id=workspace.id,
                scope=key,
                taken_on=today,
                period_start=period.start,
                period_end=period.end,
                currency=workspace.currency,
                won_minor=won.minor,
                commit_minor=figures["commit"].minor,
                weighted_minor=figures["weighted"].minor,
                best_minor=figures["best"].minor,
                created_at=now,
            )
        )
    return 1 + len(teams) + len(reps)


async def take_due(sessions: async_sessionmaker[AsyncSession], now: datetime) -> int:
    """Snapshots taken this pass: for each workspace where it is Monday and none is kept yet.
    One transaction per workspace; a replica that took it first wins (the unique key)."""
    async with sessions() as session:
        zones = [
            (r[0], r[1]) for r in await session.execute(select(Workspace.id, Workspace.timezone))
        ]
    taken = 0
    for workspace_id, zone in zones:
        today = now.astimezone(ZoneInfo(zone)).date()
        if today.weekday() != MONDAY:
            continue
        try:
            async with sessions() as session, session.begin():
                kept = await session.scalar(
                    select(ForecastSnapshot.id)
                    .where(
                        ForecastSnapshot.workspace_id == workspace_id,
                        ForecastSnapshot.taken_on == today,
                    )
                    .limit(1)
                )
                workspace = await session.get(Workspace, workspace_id)
                if kept is not None or workspace is None:
                    continue
                taken += await _take(session, workspace, today, now)
        except IntegrityError:
            log.info("forecast snapshot of workspace %s already taken", workspace_id)
    return taken

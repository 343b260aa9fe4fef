"""Which nudges, leaderboards and team posts are due at an instant; records them once."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.clock import in_quiet_hours
from core.pace import daily_goal
from handlers.shared.standing import logged_on, rep_lead
from scheduler import outbox
from scheduler.digests import plan_digests
from scheduler.outbox import Planned
from scheduler.rules import (
    DEFAULT_GRACE,
    NudgeRule,
    leaderboard_due,
    leaderboard_key,
    nudge_due,
    nudge_key,
)
from scheduler.team_posts import plan_channel_help, plan_team_posts
from storage.models import Quota, Team, User, Workspace

log = logging.getLogger(__name__)

MISSED = "missed: more than the grace window late (was the scheduler down?)"


@dataclass
class PlanResult:
    considered: int = 0
    # Keys newly recorded by this pass, by status ("pending" or "skipped").
    recorded: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    # Why a key was recorded as skipped.
    reasons: dict[str, str] = field(default_factory=dict)

    @property
    def pending(self) -> int:
        return len(self.recorded.get("pending", []))


@dataclass(frozen=True)
class _Candidate:
    user_id: int
    workspace_id: int
    platform: str
    conversation: str
    goal: int
    day: date
    moment: datetime
    missed: bool
    quiet: bool


async def _nudge_candidates(
    session: AsyncSession, now: datetime, grace: timedelta
) -> list[_Candidate]:
    # Plain columns, not ORM objects: this runs every minute over every rep.
    rows = await session.execute(
        select(
            User.id,
            User.external_id,
            User.tz,
            User.nudge_time,
            User.country,
            User.daily_activity_goal,
            Workspace.id,
            Workspace.platform,
            Workspace.nudge_time,
            Workspace.working_days,
            Workspace.holiday_country,
            Workspace.quiet_start,
            Workspace.quiet_end,
            Workspace.daily_activity_goal,
        )
        .join(Workspace, Workspace.id == User.workspace_id)
        .where(User.nudges_enabled.is_(True), User.role == "rep")
    )
    found = []
    for (
        uid,
        ext,
        tz,
        u_time,
        u_country,
        u_goal,
        ws_id,
        platform,
        w_time,
        w_days,
        w_country,
        q_start,
        q_end,
        w_goal,
    ) in rows:
        rule = NudgeRule(tz, u_time or w_time, w_days, u_country or w_country, q_start, q_end)
        try:
            due = nudge_due(rule, now, grace)
            quiet = due is not None and in_quiet_hours(due.moment, tz, q_start, q_end)
        except (ValueError, KeyError) as exc:  # ZoneInfoNotFoundError is a KeyError
            # One bad zone or time in the database must not stop everyone else's nudges.
            log.warning("user %s: unusable schedule settings (%s); no nudge", uid, exc)
            continue
        if due is not None:
            goal = daily_goal(u_goal, w_goal)
            found.append(
                _Candidate(
                    uid, ws_id, platform, ext, goal, due.local_day, due.moment, due.missed, quiet
                )
            )
    return found


async def _behind(
    session: AsyncSession, fresh: list[_Candidate], now: datetime
) -> tuple[set[int], dict[int, str]]:
    """User ids behind now, and a reason for each one on target (recorded as skipped).

    The same rule as `/quota` and the nudge text (handlers.shared.standing): the daily
    goal, then the headline quota's pace with its tolerance, at this moment.
    """
    by_ws: dict[int, list[_Candidate]] = defaultdict(list)
    for c in fresh:
        by_ws[c.workspace_id].append(c)
    behind: set[int] = set()
    on_target: dict[int, str] = {}
    for ws_id, group in by_ws.items():
        logged = await logged_on(session, ws_id, sorted({c.day for c in group}))
        with_quota = set(
            await session.scalars(select(Quota.subject).where(Quota.workspace_id == ws_id))
        )
        workspace = await session.get(Workspace, ws_id)
        assert workspace is not None
        for c in group:
            if logged.get((c.user_id, c.day), 0) < c.goal:
                behind.add(c.user_id)
                continue
            if f"user:{c.user_id}" in with_quota:
                user = await session.get(User, c.user_id)
                assert user is not None
                lead = await rep_lead(session, user, workspace, now)
                if lead is not None and not lead.on_pace:
                    behind.add(c.user_id)
                    continue
            on_target[c.user_id] = "on target: daily goal met and quota on pace"
    return behind, on_target


async def _plan_nudges(session: AsyncSession, now: datetime, grace: timedelta) -> list[Planned]:
    candidates = await _nudge_candidates(session, now, grace)
    keys = [nudge_key(c.user_id, c.day) for c in candidates]
    seen = await outbox.existing_keys(session, keys)
    fresh = [c for c, key in zip(candidates, keys, strict=True) if key not in seen]
    live = [c for c in fresh if not c.missed and not c.quiet]
    behind, on_target = await _behind(session, live, now)
    planned = []
    for c in fresh:
        if c.missed:
            status, error = "skipped", MISSED
        elif c.quiet:
            status, error = "skipped", "the nudge time falls in quiet hours"
        elif c.user_id in behind:
            status, error = "pending", None
        else:
            status, error = "skipped", on_target[c.user_id]
        planned.append(
            Planned(
                key=nudge_key(c.user_id, c.day),
                kind="nudge",
                workspace_id=c.workspace_id,
                platform=c.platform,
                conversation=c.conversation,
                due_at=c.moment,
                user_id=c.user_id,
                status=status,
                error=error,
            )
        )
    return planned


async def _plan_leaderboards(
    session: AsyncSession, now: datetime, grace: timedelta
) -> list[Planned]:
    rows = await session.execute(
        select(
            Team.id,
            Team.channel,
            Team.timezone,
            Team.leaderboard_day,
            Team.leaderboard_time,
            Workspace.id,
            Workspace.platform,
            Workspace.leaderboard_day,
            Workspace.leaderboard_time,
        )
        .join(Workspace, Workspace.id == Team.workspace_id)
        .where(Team.channel.is_not(None), Team.channel != "")
    )
    planned = []
    for team_id, channel, tz, t_day, t_time, ws_id, platform, w_day, w_time in rows:
        try:
            due = leaderboard_due(tz, t_day or w_day, t_time or w_time, now, grace)
        except (ValueError, KeyError) as exc:
            log.warning("team %s: unusable leaderboard settings (%s); skipped", team_id, exc)
            continue
        if due is None:
            continue
        planned.append(
            Planned(
                key=leaderboard_key(team_id, due.local_day),
                kind="leaderboard",
                workspace_id=ws_id,
                platform=platform,
                conversation=channel or "",
                due_at=due.moment,
                team_id=team_id,
                status="skipped" if due.missed else "pending",
                error=MISSED if due.missed else None,
            )
        )
    return await outbox.not_yet_recorded(session, planned)


async def plan(
    sessions: async_sessionmaker[AsyncSession],
    now: datetime,
    grace: timedelta = DEFAULT_GRACE,
) -> PlanResult:
    """Record every delivery due at `now` that is not recorded yet; safe to run concurrently.

    Reading and writing are separate transactions so that on SQLite the write is a short
    one that starts with its INSERT (no read-then-upgrade lock dance between replicas).
    """
    async with sessions() as session, session.begin():
        planned = await _plan_nudges(session, now, grace)
        planned += await _plan_leaderboards(session, now, grace)
        planned += await plan_team_posts(session, now, grace)
        planned += await plan_channel_help(session, now, grace)
        planned += await plan_digests(session, now, grace)
    result = PlanResult(considered=len(planned))
    if not planned:
        return result
    async with sessions() as session, session.begin():
        new = set(await outbox.insert_ignore(session, planned, now))
    for p in planned:
        if p.key in new:
            result.recorded[p.status].append(p.key)
            if p.error:
                result.reasons[p.key] = p.error
    return result

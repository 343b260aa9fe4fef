"""The managers' Monday digest: due at DIGEST_AT on Monday in the manager's own zone, for
each manager who asked for it (`/quotabot digest on`), once per week by its outbox key."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from scheduler import outbox
from scheduler.outbox import Planned
from scheduler.rules import leaderboard_due
from storage.models import DigestSubscription, User, Workspace

log = logging.getLogger(__name__)
KIND = "digest"
MONDAY = 1  # ISO weekday
# Before the week's first meetings, after quiet hours' default end (08:00).
DIGEST_AT = "08:30"
MISSED = "missed: more than the grace window late (was the scheduler down?)"


def digest_key(user_id: int, day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"digest:{user_id}:{year}-W{week:02d}"


async def plan_digests(session: AsyncSession, now: datetime, grace: timedelta) -> list[Planned]:
    rows = await session.execute(
        select(User.id, User.external_id, User.tz, Workspace.id, Workspace.platform)
        .join(DigestSubscription, DigestSubscription.user_id == User.id)
        .join(Workspace, Workspace.id == User.workspace_id)
    )
    planned = []
    for uid, external, tz, ws_id, platform in rows:
        try:
            due = leaderboard_due(tz, MONDAY, DIGEST_AT, now, grace)
        except (ValueError, KeyError) as exc:
            log.warning("user %s: unusable zone for the digest (%s); skipped", uid, exc)
            continue
        if due is None:
            continue
        planned.append(
            Planned(
                key=digest_key(uid, due.local_day),
                kind=KIND,
                workspace_id=ws_id,
                platform=platform,
                conversation=external,
                due_at=due.moment,
                user_id=uid,
                status="skipped" if due.missed else "pending",
                error=MISSED if due.missed else None,
            )
        )
    return await outbox.not_yet_recorded(session, planned)

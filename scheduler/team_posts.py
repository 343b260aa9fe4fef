"""Which team channel posts (morning reminder, afternoon "log before you go") are due now."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.clock import in_quiet_hours
from handlers.shared.daily_post import DEFAULT_REMINDER_TIME
from scheduler import outbox
from scheduler.outbox import Planned
from scheduler.rules import (
    Due,
    afternoon_key,
    channel_help_key,
    daily_key,
    mention_key_for,
    team_post_due,
)
from storage.models import Delivery, Team, User, Workspace

log = logging.getLogger(__name__)

MISSED = "missed: more than the grace window late (was the scheduler down?)"
QUIET = "the post time falls in quiet hours"
# Send errors that mean the bot cannot post in the team's channel (Slack; Teams when the app
# was never added there): the manager is told how to fix it. Tomorrow's post is tried anyway.
NOT_IN_CHANNEL = (
    "not_in_channel",
    "channel_not_found",
    "no Teams conversation known for channel",
    "HTTP 403",
    "HTTP 404",
)


def _row(
    key: str,
    kind: str,
    team_id: int,
    ws_id: int,
    platform: str,
    channel: str | None,
    due: Due,
    quiet: bool,
) -> Planned:
    status, error = "pending", None
    if due.missed:
        status, error = "skipped", MISSED
    elif quiet:
        status, error = "skipped", QUIET
    return Planned(
        key=key,
        kind=kind,
        workspace_id=ws_id,
        platform=platform,
        conversation=channel or "",
        due_at=due.moment,
        team_id=team_id,
        status=status,
        error=error,
    )


async def plan_team_posts(session: AsyncSession, now: datetime, grace: timedelta) -> list[Planned]:
    """Every team post due at `now` and not recorded yet (teams with a channel only)."""
    rows = await session.execute(
        select(
            Team.id,
            Team.channel,
            Team.timezone,
            Team.holiday_country,
            Team.reminder_enabled,
            Team.reminder_time,
            Team.reminder_days,
            Team.afternoon_time,
            Workspace.id,
            Workspace.platform,
            Workspace.working_days,
            Workspace.holiday_country,
            Workspace.quiet_start,
            Workspace.quiet_end,
        )
        .join(Workspace, Workspace.id == Team.workspace_id)
        .where(Team.channel.is_not(None), Team.channel != "")
    )
    planned: list[Planned] = []
    for (
        team_id,
        channel,
        tz,
        t_country,
        enabled,
        at,
        team_days,
        afternoon,
        ws_id,
        platform,
        days,
        w_country,
        q_start,
        q_end,
    ) in rows:
        posts = []
        if enabled:
            posts.append(("daily", daily_key, at or DEFAULT_REMINDER_TIME))
        if afternoon:
            posts.append(("afternoon", afternoon_key, afternoon))
        for kind, key, when in posts:
            try:
                # The team's own days (`reminder days mon-thu`), else the working days.
                on = team_days or days
                due = team_post_due(tz, when, on, t_country or w_country, now, grace)
                quiet = due is not None and in_quiet_hours(due.moment, tz, q_start, q_end)
            except (ValueError, KeyError) as exc:  # ZoneInfoNotFoundError is a KeyError
                log.warning("team %s: unusable %s settings (%s); skipped", team_id, kind, exc)
                continue
            if due is None:
                continue
            planned.append(
                _row(
                    key(team_id, due.local_day), kind, team_id, ws_id, platform, channel, due, quiet
                )
            )
    planned += await _mentions(session, now, grace)
    return await outbox.not_yet_recorded(session, planned)


async def _mentions(session: AsyncSession, now: datetime, grace: timedelta) -> list[Planned]:
    """The names of who has not logged, in the thread of each afternoon post sent (only
    teams with `mention-missing on`): planned once the post is out and has a thread."""
    rows = await session.execute(
        select(
            Delivery.idempotency_key,
            Delivery.team_id,
            Delivery.workspace_id,
            Delivery.platform,
            Delivery.conversation,
        )
        .join(Team, Team.id == Delivery.team_id)
        .where(
            Delivery.kind == "afternoon",
            Delivery.status == "sent",
            # Implied by the due_at bound (a row is tried at its moment or later); it lets
            # the (status, next_attempt_at) index find today's sent rows among all others.
            Delivery.next_attempt_at >= now - grace,
            Delivery.due_at >= now - grace,
            Delivery.message_id.is_not(None),
            Team.mention_missing.is_(True),
        )
    )
    return [
        Planned(
            key=mention_key_for(key),
            kind="afternoon-names",
            workspace_id=ws_id,
            platform=platform,
            conversation=channel,
            due_at=now,
            team_id=team_id,
        )
        for key, team_id, ws_id, platform, channel in rows
    ]


async def plan_channel_help(
    session: AsyncSession, now: datetime, grace: timedelta
) -> list[Planned]:
    """A DM to the manager of each team whose morning post just failed for want of access."""
    rows = await session.execute(
        select(
            Delivery.idempotency_key,
            Delivery.error,
            Delivery.team_id,
            Delivery.workspace_id,
            Delivery.platform,
            User.id,
            User.external_id,
        )
        .join(Team, Team.id == Delivery.team_id)
        .join(User, User.id == Team.manager_id)
        .where(
            Delivery.kind == "daily",
            Delivery.status == "failed",
            Delivery.due_at >= now - grace,
        )
    )
    planned = [
        Planned(
            key=channel_help_key(key),
            kind="channel_help",
            workspace_id=ws_id,
            platform=platform,
            conversation=manager,
            due_at=now,
            user_id=manager_id,
            team_id=team_id,
        )
        for key, error, team_id, ws_id, platform, manager_id, manager in rows
        if error and error.startswith(NOT_IN_CHANNEL)
    ]
    return await outbox.not_yet_recorded(session, planned)

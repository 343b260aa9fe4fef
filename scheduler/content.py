"""Turn a claimed outbox row into the message to send, or the reason not to send it now."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.clock import in_quiet_hours
from core.messages import Reply
from handlers.nudge import build_nudge
from handlers.shared.daily_post import (
    build_afternoon_post,
    build_daily_post,
    build_missing_mentions,
    channel_help,
)
from handlers.shared.digest import build_digest
from handlers.shared.reminders import build_reminder
from handlers.weekly_board import build_board
from scheduler.notify import Mention, Outbound
from scheduler.rules import afternoon_key_of
from storage.models import Delivery, Team, User, Workspace

# Team channel posts (handlers/shared/daily_post.py); "afternoon-names" names who has not
# logged, in the afternoon post's thread (a dash: `quotabot tick` prints kinds as stored).
TEAM_POSTS = ("daily", "afternoon", "afternoon-names")


@dataclass(frozen=True)
class Prepared:
    delivery_id: int
    key: str
    kind: str
    platform: str
    workspace: str
    channel: str
    recipient: str
    attempts: int
    outbound: Outbound | None = None
    skip: str | None = None


async def prepare(
    session: AsyncSession, delivery_id: int, now: datetime, grace: timedelta
) -> Prepared | None:
    """None when the row is no longer pending (another dispatcher finished it)."""
    # One round trip for the row, its workspace and (for nudges) its user.
    found = (
        await session.execute(
            select(Delivery, Workspace, User)
            .join(Workspace, Workspace.id == Delivery.workspace_id)
            .outerjoin(User, User.id == Delivery.user_id)
            .where(Delivery.id == delivery_id)
        )
    ).first()
    if found is None or found[0].status != "pending":
        return None
    row, workspace, user = found
    shell = Prepared(
        row.id,
        row.idempotency_key,
        row.kind,
        row.platform,
        workspace.external_id,
        row.conversation,
        row.conversation,
        row.attempts,
    )
    if now - row.due_at > grace:
        # After downtime or long retries: late news is noise, and never a burst.
        return replace(shell, skip="stale: not sent within the grace window")
    if row.kind == "nudge":
        return await _nudge(session, row, workspace, user, now, shell)
    if row.kind == "leaderboard" and row.team_id is not None:
        team = await session.get(Team, row.team_id)
        if team is None or not team.channel:
            return replace(shell, skip="team has no channel")
        reply = await build_board(session, team, workspace, now)
        return _to_channel(replace(shell, recipient=f"#{team.name}"), row, workspace, team, reply)
    if row.kind == "channel_help" and user is not None and row.team_id is not None:
        team = await session.get(Team, row.team_id)
        if team is None or not team.channel:
            return replace(shell, skip="team has no channel")
        out = Outbound(
            row.platform,
            workspace.external_id,
            channel_help(team, row.platform),
            user=user.external_id,
            idempotency_key=row.idempotency_key,
        )
        return replace(shell, recipient=user.name, outbound=out)
    if row.kind in TEAM_POSTS and row.team_id is not None:
        return await _team_post(session, row, workspace, now, shell)
    if row.kind == "digest" and user is not None:
        digest = await build_digest(session, user, workspace, now)
        if digest is None:
            return replace(shell, recipient=user.name, skip="leads no team")
        out = Outbound(
            row.platform,
            workspace.external_id,
            digest,
            user=user.external_id,
            idempotency_key=row.idempotency_key,
        )
        return replace(shell, recipient=user.name, outbound=out)
    if row.kind == "reminder" and user is not None:
        # "Remind me Thu": a future booking the rep asked to be reminded to log.
        out = Outbound(
            row.platform,
            workspace.external_id,
            build_reminder(row.payload),
            user=user.external_id,
            idempotency_key=row.idempotency_key,
        )
        return replace(shell, recipient=user.name, outbound=out)
    return replace(shell, skip=f"unknown kind {row.kind!r}")


async def _nudge(
    session: AsyncSession,
    row: Delivery,
    workspace: Workspace,
    user: User | None,
    now: datetime,
    shell: Prepared,
) -> Prepared:
    if user is None:
        return replace(shell, skip="user gone")
    shell = replace(shell, recipient=user.name)
    # Re-checked at send time: settings or numbers may have changed since planning.
    if not user.nudges_enabled:
        return replace(shell, skip="nudges turned off")
    if in_quiet_hours(now, user.tz, workspace.quiet_start, workspace.quiet_end):
        return replace(shell, skip="quiet hours")
    # The nudge's own moment fixes its day: one sent just after midnight is about the
    # day it was due, not the new one.
    reply = await build_nudge(session, user, workspace, row.due_at)
    if reply is None:
        return replace(shell, skip="caught up: on target by send time")
    out = Outbound(
        row.platform,
        workspace.external_id,
        reply,
        user=user.external_id,
        idempotency_key=row.idempotency_key,
    )
    return replace(shell, outbound=out)


async def _team_post(
    session: AsyncSession, row: Delivery, workspace: Workspace, now: datetime, shell: Prepared
) -> Prepared:
    team = await session.get(Team, row.team_id)
    if team is None or not team.channel:
        return replace(shell, skip="team has no channel")
    shell = replace(shell, recipient=f"#{team.name}")
    # Re-checked at send time: the team may have turned the post off since planning.
    if row.kind == "daily" and not team.reminder_enabled:
        return replace(shell, skip="daily reminder turned off")
    if row.kind != "daily" and not team.afternoon_time:
        return replace(shell, skip="afternoon reminder turned off")
    if row.kind == "afternoon-names" and not team.mention_missing:
        return replace(shell, skip="mention-missing turned off")
    if in_quiet_hours(now, team.timezone, workspace.quiet_start, workspace.quiet_end):
        return replace(shell, skip="quiet hours")
    if row.kind == "daily":
        reply = await build_daily_post(session, team, workspace, row.due_at)
    elif row.kind == "afternoon":
        reply = await build_afternoon_post(session, team, workspace, row.due_at)
    else:
        # The names go in the thread of that day's afternoon post, never on their own.
        thread = await session.scalar(
            select(Delivery.message_id).where(
                Delivery.idempotency_key == afternoon_key_of(row.idempotency_key)
            )
        )
        if not thread:
            return replace(shell, skip="no afternoon post to reply under")
        found = await build_missing_mentions(session, team, workspace, row.due_at)
        if found is None:
            return replace(shell, skip="everyone has logged today")
        reply, missing = found
        who = tuple(Mention(u.external_id, u.name) for u in missing)
        return _to_channel(shell, row, workspace, team, reply, thread, who)
    return _to_channel(shell, row, workspace, team, reply)


def _to_channel(
    shell: Prepared,
    row: Delivery,
    workspace: Workspace,
    team: Team,
    reply: Reply,
    thread: str | None = None,
    mentions: tuple[Mention, ...] = (),
) -> Prepared:
    out = Outbound(
        row.platform,
        workspace.external_id,
        reply,
        channel=team.channel,
        idempotency_key=row.idempotency_key,
        thread=thread,
        mentions=mentions,
    )
    return replace(shell, outbound=out)

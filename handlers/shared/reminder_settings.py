"""Team settings for the daily channel posts: `reminder 09:30|off`, `afternoon 16:30|off`, ..."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.clock import parse_hhmm, quiet_conflict
from core.messages import Fact, Reply
from handlers.shared.daily_post import (
    DEFAULT_REMINDER_TIME,
    build_afternoon_post,
    build_daily_post,
)
from handlers.shared.errors import NotFound, UserError
from storage.models import Team, Workspace

# "afternoon-reminder" is the spelling; "afternoon" the short one.
KEYS = ("reminder", "afternoon", "afternoon_reminder", "mention_missing")
_OFF = ("off", "none", "no")
_ON = ("on", "yes")


def _time(text: str) -> str:
    try:
        return parse_hhmm(text).strftime("%H:%M")
    except ValueError as exc:
        raise UserError(f"{text!r} is not a time like 09:30 (24-hour), or `off`.") from exc


def _audible(at: str, workspace: Workspace) -> str:
    """Refuse a post time inside quiet hours: the scheduler would skip it every day."""
    if quiet_conflict(at, workspace.quiet_start, workspace.quiet_end):
        raise UserError(
            f"{at} is inside quiet hours ({workspace.quiet_start}–{workspace.quiet_end}), so "
            f"the post would never come. Pick a time between {workspace.quiet_end} and "
            f"{workspace.quiet_start}."
        )
    return at


def _parsed(key: str, value: str, workspace: Workspace) -> bool | str | None:
    """The new value, checked before anything changes: True/False, a time, or None (off)."""
    word = value.strip().lower()
    if key == "mention_missing":
        if word not in _ON + _OFF:
            raise UserError("Say `mention-missing on` or `mention-missing off`.")
        return word in _ON
    if word in _OFF:
        return None if key != "reminder" else False
    if key == "reminder" and word in _ON:
        return True
    return _audible(_time(value), workspace)


def apply(team: Team, workspace: Workspace, changes: dict[str, str]) -> list[Fact]:
    """Apply the team-post keys of `changes` (others are left alone); all or nothing."""
    parsed = {k: _parsed(k, v, workspace) for k, v in changes.items() if k in KEYS}
    turning_on = any(v not in (None, False) for k, v in parsed.items() if k != "mention_missing")
    channel = changes.get("channel", team.channel or "").strip().lstrip("#")
    if turning_on and not channel:
        raise UserError(
            f"Team {team.name} has no channel to post in. Set one first: "
            f"`settings team {team.name} channel #sales`."
        )
    facts = []
    for key, value in parsed.items():
        if key == "reminder":
            team.reminder_enabled = value is not False
            if isinstance(value, str):
                team.reminder_time = value
            shown = (
                (team.reminder_time or DEFAULT_REMINDER_TIME) if team.reminder_enabled else "off"
            )
            facts.append(Fact("Daily reminder", shown))
        elif key == "mention_missing":
            team.mention_missing = bool(value)
            shown = "on, in a follow-up message" if value else "off (a count only)"
            facts.append(Fact("Name who has not logged", shown))
        else:
            team.afternoon_time = value if isinstance(value, str) else None
            facts.append(Fact("Afternoon reminder", team.afternoon_time or "off"))
    return facts


async def preview(
    session: AsyncSession, workspace: Workspace, name: str, post: str, now: datetime
) -> Reply:
    """`settings team East reminder preview`: the post as it would read now, to the asker
    only; nothing is sent or recorded."""
    team = await session.scalar(
        select(Team).where(Team.workspace_id == workspace.id, Team.name == name)
    )
    if team is None:
        raise NotFound(f"There is no team called {name!r} in this workspace.")
    build = build_daily_post if post == "reminder" else build_afternoon_post
    reply = await build(session, team, workspace, now)
    where = f"for {team.channel}" if team.channel else "no channel yet"
    return replace(
        reply,
        title=f"Preview, only you see this ({where}): {reply.title or team.name}",
        private=True,
    )


async def posts_stay_audible(
    session: AsyncSession, workspace: Workspace, start: str, end: str
) -> None:
    """Refuse quiet hours that would cover a team's channel post: it would never come."""
    rows = await session.execute(
        select(Team.name, Team.reminder_enabled, Team.reminder_time, Team.afternoon_time).where(
            Team.workspace_id == workspace.id, Team.channel.is_not(None), Team.channel != ""
        )
    )
    covered = []
    for name, enabled, at, afternoon in rows:
        times = ([at or DEFAULT_REMINDER_TIME] if enabled else []) + (
            [afternoon] if afternoon else []
        )
        covered += [f"{name} ({t})" for t in times if quiet_conflict(t, start, end)]
    if covered:
        more = f" and {len(covered) - 3} more" if len(covered) > 3 else ""
        raise UserError(
            f"Quiet hours {start}–{end} would cover the channel reminder of "
            f"{', '.join(covered[:3])}{more}, so it would never come. Move it first "
            "(`settings team NAME reminder 09:30`), or pick other quiet hours."
        )

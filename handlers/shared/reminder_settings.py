"""Team settings for the daily channel posts: `reminder 09:30|off`, `reminder days mon-thu`, ..."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.clock import local_date, local_moment, parse_hhmm, quiet_conflict
from core.messages import Fact, Reply
from core.periods import is_working_day, parse_working_days
from handlers.shared import weekdays
from handlers.shared.daily_post import (
    DEFAULT_REMINDER_TIME,
    build_afternoon_post,
    build_daily_post,
)
from handlers.shared.errors import NotFound, UserError
from storage.models import Delivery, Team, Workspace

# "afternoon-reminder" is the spelling; "afternoon" the short one.
KEYS = ("reminder", "reminder_days", "afternoon", "afternoon_reminder", "mention_missing")
_OFF = ("off", "none", "no")
_ON = ("on", "yes")
# `reminder days default`: back to the workspace's working days.
_DEFAULT_DAYS = ("default", "working days", "workdays", "workspace")
# A holiday stretch longer than this has no next post worth announcing.
_LOOKAHEAD_DAYS = 21


def preview_of(changes: dict[str, str]) -> str | None:
    """ "reminder preview" -> "reminder"; "afternoon preview" -> "afternoon"; else None."""
    post = next((k for k, v in changes.items() if v.lower() == "preview"), None)
    return post.split("_")[0] if post in ("reminder", "afternoon", "afternoon_reminder") else None


def _time(text: str) -> str:
    try:
        return parse_hhmm(text).strftime("%H:%M")
    except ValueError as exc:
        raise UserError(
            f"{text.strip()!r} is not a time like 09:30 (24-hour, 00:00 to 23:59), or `off`."
        ) from exc


def _audible(at: str, workspace: Workspace) -> str:
    """Refuse a post time inside quiet hours: the scheduler would skip it every day."""
    if quiet_conflict(at, workspace.quiet_start, workspace.quiet_end):
        raise UserError(
            f"{at} is inside quiet hours ({workspace.quiet_start}–{workspace.quiet_end}), so "
            f"the post would never come. Pick a time between {workspace.quiet_end} and "
            f"{workspace.quiet_start}."
        )
    return at


def split_days(changes: dict[str, str]) -> dict[str, str]:
    """ "reminder days mon-thu" (and "reminder 09:15 days mon-thu") as their own key."""
    value = changes.get("reminder")
    words = (value or "").split()
    if "days" not in [w.lower() for w in words]:
        return changes
    at = [w.lower() for w in words].index("days")
    out: dict[str, str] = {}
    for key, said in changes.items():  # in the order typed: the reply lists them so
        if key != "reminder":
            out[key] = said
            continue
        if words[:at]:
            out["reminder"] = " ".join(words[:at])
        out["reminder_days"] = " ".join(words[at + 1 :])
    return out


def _parsed(key: str, value: str, workspace: Workspace) -> bool | str | None:
    """The new value, checked before anything changes: True/False, a time, days or None."""
    word = " ".join(value.lower().split())
    if key == "mention_missing":
        if word not in _ON + _OFF:
            raise UserError("Say `mention-missing on` or `mention-missing off`.")
        return word in _ON
    if key == "reminder_days":
        if not word:
            raise UserError(f"Which days should the reminder go out? {weekdays.HOW}")
        return None if word in _DEFAULT_DAYS else weekdays.parse(word)
    if not word:
        raise UserError(f"Give `{key.replace('_', '-')}` a time like 09:30, or `off`.")
    if word in _OFF:
        return None if key != "reminder" else False
    if key == "reminder" and word in _ON:
        return True
    return _audible(_time(value), workspace)


def _mention_shown(team: Team) -> str:
    if not team.mention_missing:
        return "off (the afternoon post gives a count, never names)"
    if not team.afternoon_time:
        return "on, once there is an afternoon reminder (`afternoon 16:30`)"
    return "on, in a thread under the afternoon post"


def apply(team: Team, workspace: Workspace, changes: dict[str, str]) -> list[Fact]:
    """Apply the team-post keys of `changes` (others are left alone); all or nothing."""
    parsed = {k: _parsed(k, v, workspace) for k, v in split_days(changes).items() if k in KEYS}
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
        elif key == "reminder_days":
            team.reminder_days = value if isinstance(value, str) else None
            facts.append(Fact("Reminder days", days_shown(team, workspace)))
        elif key == "mention_missing":
            team.mention_missing = bool(value)
            facts.append(Fact("Name who has not logged", _mention_shown(team)))
        else:
            team.afternoon_time = value if isinstance(value, str) else None
            facts.append(Fact("Afternoon reminder", team.afternoon_time or "off"))
    return facts


def days_shown(team: Team, workspace: Workspace) -> str:
    """ "Mon–Thu", or "working days (Mon–Fri)" when the team follows the workspace."""
    if team.reminder_days:
        return weekdays.show(team.reminder_days)
    return f"working days ({weekdays.show(workspace.working_days)})"


async def next_post(
    session: AsyncSession, team: Team, workspace: Workspace, now: datetime
) -> str | None:
    """When the morning post next goes out ("Wed 02 Dec at 09:15 Europe/London"), or None."""
    if not team.channel or not team.reminder_enabled:
        return None
    days = parse_working_days(team.reminder_days or workspace.working_days)
    country = team.holiday_country or workspace.holiday_country
    at = parse_hhmm(team.reminder_time or DEFAULT_REMINDER_TIME)
    last = await session.scalar(
        select(Delivery.due_at)
        .where(Delivery.team_id == team.id, Delivery.kind == "daily")
        .order_by(Delivery.due_at.desc())
        .limit(1)
    )
    # Once today's post is recorded (sent or skipped), a later time today does not post again.
    done = local_date(last, team.timezone) if last is not None else None
    today = local_date(now, team.timezone)
    for ahead in range(_LOOKAHEAD_DAYS):
        day = today + timedelta(days=ahead)
        moment = local_moment(day, at, team.timezone)
        if day != done and moment > now and is_working_day(day, days, country):
            return f"{day.strftime('%a %d %b')} at {at.strftime('%H:%M')} ({team.timezone})"
    return None


async def next_post_facts(
    session: AsyncSession, team: Team, workspace: Workspace, now: datetime
) -> list[Fact]:
    """The confirmation's last line: when and where the morning post next goes out."""
    when = await next_post(session, team, workspace, now)
    if when is None:
        return []
    return [Fact("Next morning post", f"{when} in {team.channel}")]


async def preview(
    session: AsyncSession, workspace: Workspace, name: str, post: str, now: datetime
) -> Reply:
    """`reminder preview`: the post as it would read now, to the asker only; nothing is sent
    or recorded."""
    team = await session.scalar(
        select(Team).where(Team.workspace_id == workspace.id, Team.name == name)
    )
    if team is None:
        raise NotFound(f"There is no team called {name!r} in this workspace.")
    build = build_daily_post if post == "reminder" else build_afternoon_post
    reply = await build(session, team, workspace, now)
    morning = post == "reminder"
    at = (team.reminder_time or DEFAULT_REMINDER_TIME) if morning else team.afternoon_time
    if not team.channel:
        where = (
            f"Team {team.name} has no channel yet, so this is not posted anywhere "
            f"(`settings team {team.name} channel #sales`)."
        )
    elif (morning and not team.reminder_enabled) or not at:
        where = f"This post is off for {team.name}; it would go to {team.channel}."
    else:
        where = (
            f"Posts in {team.channel} at {at} ({team.timezone}) on {days_shown(team, workspace)}."
        )
    return replace(
        reply,
        title=f"{reply.title or team.name} (preview, only you see this)",
        notes=(*reply.notes, where),
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

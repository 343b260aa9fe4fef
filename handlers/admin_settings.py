"""Admin settings for the scheduler: working days, holidays, nudge defaults, team leaderboards.

Shared by chat (`/quotabot settings ...` from an admin) and the CLI (`quotabot settings`).
"""

from __future__ import annotations

import re
import shlex
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_object_session

from core.clock import parse_hhmm, quiet_conflict
from core.messages import Fact, Reply
from handlers.contract import Registrar
from handlers.shared import reminder_settings
from handlers.shared.audit import audit
from handlers.shared.context import Context
from handlers.shared.errors import NotFound, UserError
from handlers.shared.fx_settings import set_fx
from handlers.shared.probabilities import set_probabilities
from nlp.intent import Intent
from storage.models import Team, User, Workspace

# "/quotabot settings workspace fx EUR 1.08": exchange rates (handlers/shared/fx_settings.py).
_FX = re.compile(r"^workspace\s+fx\b\s*(.*)$", re.IGNORECASE)
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WORKSPACE_KEYS = (
    "working_days",
    "holiday_country",
    "nudge_time",
    "quiet_hours",
    "daily_goal",
    "timezone",
    "leaderboard",
    "stage_probabilities",
    "date_order",
)
TEAM_KEYS = ("channel", "leaderboard", "timezone", "holiday_country", *reminder_settings.KEYS)
_NAMES = " ".join(k.replace("_", "-") for k in WORKSPACE_KEYS)
_TEAM = "and for a team: channel reminder afternoon mention-missing"
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _day(text: str) -> int:
    key = text.strip().lower()[:3]
    if key.isdigit() and 1 <= int(key) <= 7:
        return int(key)
    if key not in DAYS:
        raise UserError(f"{text!r} is not a weekday; use mon, tue, ... sun.")
    return DAYS.index(key) + 1


def working_days(text: str) -> str:
    """ "mon-fri", "sun-thu", "mon,tue,thu" or "1,2,3,4,5" -> "1,2,3,4,5" (ISO weekdays)."""
    chosen: set[int] = set()
    for part in re.split(r"[,\s]+", text.strip()):
        if not part:
            continue
        first, dash, last = part.partition("-")
        start, end = _day(first), _day(last) if dash else _day(first)
        day = start
        while True:
            chosen.add(day)
            if day == end:
                break
            day = day % 7 + 1  # ranges may wrap: sun-thu
    if not chosen:
        raise UserError("Give at least one working day, e.g. `mon-fri`.")
    return ",".join(str(d) for d in sorted(chosen))


def holiday_country(text: str) -> str | None:
    code = text.strip().upper()
    if code in ("", "NONE", "OFF"):
        return None
    if code not in holidays.list_supported_countries():
        raise UserError(f"I have no public-holiday calendar for {text!r}; use a code like RO.")
    return code


def hhmm(text: str) -> str:
    try:
        value = parse_hhmm(text)
    except ValueError as exc:
        raise UserError(f"{text!r} is not a time like 16:00 (24-hour).") from exc
    return value.strftime("%H:%M")


def quiet_hours(text: str) -> tuple[str, str]:
    """ "19:00-08:00" -> ("19:00", "08:00"); "off" (or equal bounds) means no quiet hours."""
    if text.strip().lower() in ("off", "none"):
        return "00:00", "00:00"
    start, dash, end = text.replace("–", "-").partition("-")
    if not dash:
        raise UserError(
            f"Give quiet hours as a start and an end, like `19:00-08:00`, not {text!r}."
        )
    return hhmm(start), hhmm(end)


async def _nudges_stay_audible(workspace: Workspace, changes: dict[str, str]) -> None:
    """Refuse a nudge time or quiet hours that would put nudges inside quiet hours.

    The scheduler skips such a nudge without a word, so confirming the change would promise
    nudges that never come. Checked on the values after the whole change, so
    `nudge-time 21:00 quiet-hours 22:00-07:00` in one go is fine.
    """
    if "nudge_time" not in changes and "quiet_hours" not in changes:
        return
    at = hhmm(changes["nudge_time"]) if "nudge_time" in changes else workspace.nudge_time
    start, end = (
        quiet_hours(changes["quiet_hours"])
        if "quiet_hours" in changes
        else (workspace.quiet_start, workspace.quiet_end)
    )
    conflict = quiet_conflict(at, start, end)
    if conflict:
        if "nudge_time" in changes:
            raise UserError(conflict + ".")
        raise UserError(
            f"Quiet hours {start}–{end} would cover the default nudge time {at}, so no "
            f"nudge would come. Keep {at} outside quiet hours, or move the nudge time first."
        )
    if "quiet_hours" not in changes:
        return
    # Reps with a nudge time of their own (and nudges on) are silenced by quiet hours too.
    session = async_object_session(workspace)
    assert session is not None, "a workspace to change is loaded in a session"
    rows = await session.execute(
        select(User.name, User.nudge_time)
        .where(
            User.workspace_id == workspace.id,
            User.role == "rep",
            User.nudges_enabled.is_(True),
            User.nudge_time.is_not(None),
        )
        .order_by(User.name)
    )
    silenced = [
        (name, t) for name, t in rows if t and _TIME.match(t) and quiet_conflict(t, start, end)
    ]
    if silenced:
        who = ", ".join(f"{name} ({t})" for name, t in silenced[:3])
        more = f" and {len(silenced) - 3} more" if len(silenced) > 3 else ""
        times = " and ".join(sorted({t for _, t in silenced}))
        raise UserError(
            f"Quiet hours {start}–{end} would cover the nudge time of {who}{more}, so no "
            f"nudge would come for them. Pick quiet hours that leave {times} free, or ask "
            "them to move their nudge time first."
        )


def zone(text: str) -> str:
    try:
        ZoneInfo(text.strip())
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UserError(f"I don't know the time zone {text!r}; try e.g. Europe/Bucharest.") from exc
    return text.strip()


def leaderboard(text: str) -> tuple[int, str]:
    """ "fri 16:00" -> (5, "16:00")."""
    parts = text.split()
    if len(parts) != 2:
        raise UserError(f"Give the leaderboard as a day and time, like `fri 16:00`, not {text!r}.")
    return _day(parts[0]), hhmm(parts[1])


def _apply(target: Workspace | Team, key: str, value: str) -> Fact:
    if key == "working_days" and isinstance(target, Workspace):
        target.working_days = working_days(value)
        shown = ", ".join(DAYS[int(d) - 1] for d in target.working_days.split(","))
        return Fact("Working days", shown)
    if key == "holiday_country":
        target.holiday_country = holiday_country(value)
        return Fact("Holiday calendar", target.holiday_country or "none")
    if key == "nudge_time" and isinstance(target, Workspace):
        target.nudge_time = hhmm(value)
        return Fact("Default nudge time", target.nudge_time)
    if key == "quiet_hours" and isinstance(target, Workspace):
        start, end = target.quiet_start, target.quiet_end = quiet_hours(value)
        return Fact("Quiet hours", "none" if start == end else f"{start}-{end}")
    if key == "daily_goal" and isinstance(target, Workspace):
        if not value.strip().isdigit() or not 0 < int(value) <= 1000:
            raise UserError("The daily activity goal is a whole number, like 20.")
        target.daily_activity_goal = int(value)
        return Fact("Daily activity goal", value.strip())
    if key == "timezone":
        target.timezone = zone(value)
        return Fact("Time zone", target.timezone)
    if key == "leaderboard":
        target.leaderboard_day, target.leaderboard_time = leaderboard(value)
        return Fact("Leaderboard", f"{DAYS[target.leaderboard_day - 1]} {target.leaderboard_time}")
    if key == "date_order" and isinstance(target, Workspace):
        order = value.strip().lower()
        if order not in ("mdy", "dmy"):
            raise UserError("Date order is `mdy` (11/27 is 27 Nov) or `dmy` (27/11).")
        target.date_order = order
        return Fact(
            "Numeric dates", "month first (11/27)" if order == "mdy" else "day first (27/11)"
        )
    if key == "stage_probabilities" and isinstance(target, Workspace):
        return Fact("Forecast weights", set_probabilities(target, value))
    if key == "channel" and isinstance(target, Team):
        target.channel = value.strip().lstrip("#") or None
        return Fact("Leaderboard channel", target.channel or "none")
    raise UserError(f"I can't set {key.replace('_', '-')!r} here; I know: {_NAMES}, {_TEAM}.")


async def apply_workspace(workspace: Workspace, changes: dict[str, str]) -> list[Fact]:
    await _nudges_stay_audible(workspace, changes)
    if "quiet_hours" in changes:
        session = async_object_session(workspace)
        assert session is not None, "a workspace to change is loaded in a session"
        start, end = quiet_hours(changes["quiet_hours"])
        await reminder_settings.posts_stay_audible(session, workspace, start, end)
    return [_apply(workspace, key, value) for key, value in changes.items()]


async def apply_team(
    session: AsyncSession,
    workspace: Workspace,
    name: str,
    changes: dict[str, str],
    *,
    create: bool = False,
) -> tuple[Team, list[Fact]]:
    team = await session.scalar(
        select(Team).where(Team.workspace_id == workspace.id, Team.name == name)
    )
    if team is None:
        if not create:
            raise NotFound(f"There is no team called {name!r} in this workspace.")
        team = Team(workspace_id=workspace.id, name=name, timezone=workspace.timezone)
        session.add(team)
    # The daily-post keys first: they check the whole change (a channel set with them).
    facts = reminder_settings.apply(team, workspace, changes)
    others = {k: v for k, v in changes.items() if k not in reminder_settings.KEYS}
    return team, facts + [_apply(team, key, value) for key, value in others.items()]


def parse_args(text: str) -> tuple[str, str | None, dict[str, str]]:
    """ "team Closers channel C1 leaderboard fri 16:00" -> ("team", "Closers", {...}).

    Values run until the next known key, so "leaderboard fri 16:00" needs no quotes.
    """
    words = shlex.split(text)
    if not words or words[0].lower() not in ("workspace", "team"):
        raise UserError("Say `settings workspace ...` or `settings team NAME ...`.")
    scope, rest = words[0].lower(), words[1:]
    team = None
    if scope == "team":
        if not rest:
            raise UserError("Which team? `settings team NAME channel #sales`.")
        team, rest = rest[0], rest[1:]
    known = set(WORKSPACE_KEYS) | set(TEAM_KEYS)
    changes: dict[str, str] = {}
    key: str | None = None
    for word in rest:
        name = word.lower().lstrip("-").replace("-", "_")
        if name in known:
            key = name
            changes[key] = ""
        elif key is None:
            raise UserError(f"I don't know the setting {word!r}; I know: {_NAMES}, {_TEAM}.")
        else:
            changes[key] = f"{changes[key]} {word}".strip()
    return scope, team, changes


async def handle_admin_settings(intent: Intent, ctx: Context) -> Reply:
    slots = intent.slots
    fx = _FX.match(slots["args"]) if isinstance(slots.get("args"), str) else None
    if fx:
        done = await set_fx(
            ctx.workspace, ctx.session, fx.group(1), by=ctx.actor.user_id, now=ctx.now
        )
        audit(ctx, "settings.fx", args=fx.group(1))
        return Reply(text=done)
    if isinstance(slots.get("args"), str):
        scope, team_name, changes = parse_args(slots["args"])
    else:
        scope = str(slots.get("scope") or "workspace")
        team_name = slots.get("team")
        changes = {str(k): str(v) for k, v in dict(slots.get("changes") or {}).items()}
    if scope == "team":
        if not team_name:
            raise UserError("Which team? `settings team NAME channel #sales`.")
        post = next((k for k, v in changes.items() if v.lower() == "preview"), None)
        if post in ("reminder", "afternoon", "afternoon_reminder"):
            return await reminder_settings.preview(
                ctx.session, ctx.workspace, str(team_name), post.split("_")[0], ctx.now
            )
        _, facts = await apply_team(ctx.session, ctx.workspace, str(team_name), changes)
        title = f"Team {team_name}"
    else:
        facts = await apply_workspace(ctx.workspace, changes)
        title = "Workspace"
    if not facts:
        return Reply(text=f"{title} settings: nothing to change. I know: {_NAMES}, {_TEAM}.")
    audit(ctx, "admin_settings", scope=scope, team=team_name, changes=changes)
    return Reply(text=f"{title} settings updated.", facts=tuple(facts))


async def handle_team_reminders(intent: Intent, ctx: Context) -> Reply:
    """A team's channel reminders: its manager (or an admin) sets and previews them."""
    team = ctx.subject.team
    if ctx.subject.kind != "team" or team is None:
        raise UserError("Which team? `/quotabot settings team East reminder 09:15`.")
    _, _, changes = parse_args(str(intent.slots.get("args") or ""))
    post = next((k for k, v in changes.items() if v.lower() == "preview"), None)
    if post in ("reminder", "afternoon", "afternoon_reminder"):
        return await reminder_settings.preview(
            ctx.session, ctx.workspace, team.name, post.split("_")[0], ctx.now
        )
    _, facts = await apply_team(ctx.session, ctx.workspace, team.name, changes)
    audit(ctx, "team_reminders", team=team.id, changes=changes)
    return Reply(text=f"Team {team.name} reminders updated.", facts=tuple(facts))


def register(router: Registrar) -> None:
    router.add(
        "team_reminders",
        handle_team_reminders,
        access="manage",
        summary="A team's channel reminders (managers for their team): time, afternoon, preview",
        examples=(
            "/quotabot settings team East reminder 09:15",
            "/quotabot reminder preview",
        ),
    )
    router.add(
        "admin_settings",
        handle_admin_settings,
        access="admin",
        summary="Admins: working days, holiday calendar, nudge defaults, team leaderboards.",
        examples=(
            "/quotabot settings workspace working-days mon-fri holiday-country RO",
            "/quotabot settings workspace nudge-time 16:00 quiet-hours 19:00-08:00",
            "/quotabot settings team Closers channel #sales leaderboard fri 16:00",
            "/quotabot settings team Closers reminder 09:30 afternoon 16:30",
        ),
    )

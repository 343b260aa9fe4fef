"""Workspace settings for the scheduler (an admin's): working days, nudges, quiet hours, ..."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_object_session

from core.clock import quiet_conflict
from core.messages import Fact
from handlers.shared import reminder_settings, weekdays
from handlers.shared.errors import UserError
from handlers.shared.probabilities import set_probabilities
from handlers.shared.setting_values import apply_common, hhmm, quiet_hours, working_days
from storage.models import User, Workspace

KEYS = (
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
NAMES = " ".join(k.replace("_", "-") for k in KEYS)
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


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


def _apply(workspace: Workspace, key: str, value: str) -> Fact:
    common = apply_common(workspace, key, value)
    if common is not None:
        return common
    if key == "working_days":
        workspace.working_days = working_days(value)
        shown = ", ".join(weekdays.DAYS[int(d) - 1] for d in workspace.working_days.split(","))
        return Fact("Working days", shown)
    if key == "nudge_time":
        workspace.nudge_time = hhmm(value)
        return Fact("Default nudge time", workspace.nudge_time)
    if key == "quiet_hours":
        start, end = workspace.quiet_start, workspace.quiet_end = quiet_hours(value)
        return Fact("Quiet hours", "none" if start == end else f"{start}-{end}")
    if key == "daily_goal":
        if not value.strip().isdigit() or not 0 < int(value) <= 1000:
            raise UserError("The daily activity goal is a whole number, like 20.")
        workspace.daily_activity_goal = int(value)
        return Fact("Daily activity goal", value.strip())
    if key == "date_order":
        order = value.strip().lower()
        if order not in ("mdy", "dmy"):
            raise UserError("Date order is `mdy` (11/27 is 27 Nov) or `dmy` (27/11).")
        workspace.date_order = order
        return Fact(
            "Numeric dates", "month first (11/27)" if order == "mdy" else "day first (27/11)"
        )
    if key == "stage_probabilities":
        return Fact("Forecast weights", set_probabilities(workspace, value))
    raise UserError(
        f"{key.replace('_', '-')!r} is a team setting, not a workspace one. For the "
        f"workspace I know: {NAMES}."
    )


async def apply_workspace(workspace: Workspace, changes: dict[str, str]) -> list[Fact]:
    """Check the whole change first (quiet hours against nudges and team posts), then apply."""
    await _nudges_stay_audible(workspace, changes)
    if "quiet_hours" in changes:
        session = async_object_session(workspace)
        assert session is not None, "a workspace to change is loaded in a session"
        start, end = quiet_hours(changes["quiet_hours"])
        await reminder_settings.posts_stay_audible(session, workspace, start, end)
    return [_apply(workspace, key, value) for key, value in changes.items()]

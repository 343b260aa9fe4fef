"""A person's own bot settings: nudges on or off, nudge time, time zone."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from core.clock import quiet_conflict
from core.messages import Fact, Reply
from handlers.contract import Registrar
from handlers.shared.audit import audit
from handlers.shared.context import Context
from handlers.shared.errors import UserError
from nlp.intent import Intent
from storage.models import User, Workspace

_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def _quiet_refusal(at: str, workspace: Workspace) -> str | None:
    # Users have no quiet hours of their own: the workspace's decide (core.clock).
    return quiet_conflict(at, workspace.quiet_start, workspace.quiet_end)


def _only_reps(user: User) -> None:
    # The scheduler nudges reps only; telling a manager "nudges will come" would be untrue.
    if user.role != "rep":
        raise UserError(
            "Nudges go to reps only (they remind a rep who is behind on the day), "
            f"so none would come to you as {'an' if user.role == 'admin' else 'a'} {user.role}."
        )


async def handle_settings(intent: Intent, ctx: Context) -> Reply:
    user = await ctx.session.get(User, ctx.actor.user_id)
    assert user is not None
    setting, value = intent.slots.get("setting"), intent.slots.get("value")
    if setting == "nudges_off":
        user.nudges_enabled = False
        text = "🔕 Nudges are off. Turn them back on any time with `nudges on`."
    elif setting == "nudges_on":
        _only_reps(user)
        at = user.nudge_time or ctx.workspace.nudge_time
        refusal = _quiet_refusal(at, ctx.workspace)
        if refusal:
            end = ctx.workspace.quiet_end
            raise UserError(
                f"Your nudge time {refusal} (e.g. `nudge me at {end}`), then say `nudges on` again."
            )
        user.nudges_enabled = True
        text = f"🔔 Nudges are on, at {at} your time on working days."
    elif setting == "nudge_time":
        match = _TIME.match(str(value or ""))
        if not match:
            raise UserError("Give a time like `16:30` (24-hour).")
        _only_reps(user)
        at = f"{int(match.group(1)):02d}:{match.group(2)}"
        refusal = _quiet_refusal(at, ctx.workspace)
        if refusal:
            raise UserError(refusal + ".")
        user.nudge_time = at
        text = f"⏰ Nudges will come at {at} your time."
        if not user.nudges_enabled:
            text = (
                f"⏰ Nudge time set to {at} your time. Nudges are off: say `nudges on` to get them."
            )
    elif setting == "timezone":
        if not value:  # "change my time zone", confirmed: no zone was said
            raise UserError("Which time zone? Say it like `my time zone is Europe/Berlin`.")
        try:
            ZoneInfo(str(value))
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise UserError(
                f"I don't know the time zone {value!r}; try e.g. `Europe/Berlin`."
            ) from exc
        user.tz = str(value)
        text = f"🌍 Time zone set to {user.tz}."
    else:
        return _current(user, ctx)
    audit(ctx, "settings", setting=setting, value=value)
    return Reply(text=text)


def _current(user: User, ctx: Context) -> Reply:
    ws = ctx.workspace
    quiet = "none" if ws.quiet_start == ws.quiet_end else f"{ws.quiet_start}–{ws.quiet_end}"
    return Reply(
        text="Your settings:",
        facts=(
            Fact("Nudges", "on" if user.nudges_enabled else "off"),
            Fact("Nudge time", user.nudge_time or ws.nudge_time),
            Fact("Quiet hours (workspace)", quiet),
            Fact("Time zone", user.tz),
            Fact(
                "Daily activity goal",
                str(user.daily_activity_goal or ws.daily_activity_goal),
            ),
        ),
        notes=("Change with `nudges off`, `nudge me at 15:30`, `my time zone is Europe/Berlin`.",),
    )


def register(router: Registrar) -> None:
    router.add(
        "settings",
        handle_settings,
        access="self",
        summary="Your settings: nudges on/off, nudge time, time zone",
        examples=("nudges off", "nudge me at 15:30", "my timezone is Europe/Berlin"),
    )

"""`/quotabot settings show`: the workspace's settings and the asker's own, in one card."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.messages import Fact, Reply, Table
from core.pace import daily_goal
from handlers.contract import Registrar
from handlers.shared.context import Context
from handlers.shared.daily_post import DEFAULT_REMINDER_TIME
from handlers.shared.probabilities import probabilities
from handlers.shared.reminder_settings import days_shown
from nlp.intent import Intent
from storage.models import Team, User, Workspace

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _days(text: str) -> str:
    chosen = [int(p) for p in text.split(",") if p.strip().isdigit()]
    return ", ".join(_DAYS[d - 1] for d in sorted(chosen) if 1 <= d <= 7) or "none"


async def _reminders(session: AsyncSession, ws: Workspace) -> Table | None:
    """Each team's channel reminders: channel, morning time (team zone), days, afternoon."""
    teams = (
        await session.scalars(select(Team).where(Team.workspace_id == ws.id).order_by(Team.name))
    ).all()
    if not teams:
        return None
    rows = []
    for team in teams:
        morning = "off"
        if not team.channel:
            morning = "off (no channel)"
        elif team.reminder_enabled:
            morning = f"{team.reminder_time or DEFAULT_REMINDER_TIME} {team.timezone}"
        rows.append(
            (
                team.name,
                team.channel or "none",
                morning,
                days_shown(team, ws),
                team.afternoon_time or "off",
                "on" if team.mention_missing else "off",
            )
        )
    columns = ("Team", "Channel", "Morning reminder", "Days", "Afternoon", "Mention missing")
    return Table(columns, tuple(rows))


async def handle_settings_show(intent: Intent, ctx: Context) -> Reply:
    ws = ctx.workspace
    me = await ctx.session.get(User, ctx.actor.user_id)
    assert me is not None
    quiet = "none" if ws.quiet_start == ws.quiet_end else f"{ws.quiet_start}–{ws.quiet_end}"
    weights = ", ".join(f"{stage} {p}%" for stage, p in probabilities(ws).items())
    own_goal = daily_goal(me.daily_activity_goal, ws.daily_activity_goal)
    teams = await _reminders(ctx.session, ws)
    notes = ["Admins change these with `/quotabot settings workspace ...`."]
    if teams is not None:
        notes.append(
            "Team reminders: a team's manager changes them with "
            "`/quotabot settings team NAME reminder 09:15` (or `reminder days mon-thu`, "
            "`afternoon 16:30`, `mention-missing on`)."
        )
    return Reply(
        text=f"Settings for {ws.name or 'this workspace'}, and yours.",
        title="Settings",
        facts=(
            Fact("Currency", ws.currency),
            Fact("Time zone", ws.timezone),
            Fact("Working days", _days(ws.working_days)),
            Fact("Public holidays", ws.holiday_country or "none"),
            Fact("Nudge time", ws.nudge_time),
            Fact("Quiet hours", quiet),
            Fact("Daily activity goal", str(ws.daily_activity_goal)),
            Fact("Weekly leaderboard", f"{_DAYS[ws.leaderboard_day - 1]} {ws.leaderboard_time}"),
            Fact("Stage probabilities", weights),
            Fact("Attainment on leaderboards", "public" if ws.attainment_public else "private"),
            Fact("Your role", me.role),
            Fact("Your time zone", me.tz),
            Fact("Your nudges", "off" if not me.nudges_enabled else me.nudge_time or ws.nudge_time),
            Fact("Your daily goal", str(own_goal)),
        ),
        table=teams,
        notes=tuple(notes),
    )


def register(router: Registrar) -> None:
    router.add(
        "settings_show",
        handle_settings_show,
        access="public",
        summary="Show the workspace's settings and your own",
        examples=("/quotabot settings show",),
    )

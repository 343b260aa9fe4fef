"""A team's settings: its channel, leaderboard, zone, holiday calendar and channel reminders."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.messages import Fact, Reply
from handlers.shared import reminder_settings
from handlers.shared.errors import NotFound, UserError
from handlers.shared.setting_values import apply_common
from storage.models import Team, Workspace

KEYS = ("channel", "leaderboard", "timezone", "holiday_country", *reminder_settings.KEYS)
NAMES = "channel leaderboard timezone holiday-country reminder afternoon mention-missing"


def _apply(team: Team, key: str, value: str) -> Fact:
    common = apply_common(team, key, value)
    if common is not None:
        return common
    if key == "channel":
        team.channel = value.strip().lstrip("#") or None
        return Fact("Leaderboard channel", team.channel or "none")
    raise UserError(
        f"{key.replace('_', '-')!r} is a workspace setting, not a team one. For a team I "
        f"know: {NAMES}."
    )


async def change_team(
    session: AsyncSession, workspace: Workspace, name: str, changes: dict[str, str], now: datetime
) -> Reply | list[Fact]:
    """`reminder preview` (the post, nothing changed), or the changes applied, ending with
    when the next morning post comes when they touch the team's posts."""
    post = reminder_settings.preview_of(changes)
    if post:
        return await reminder_settings.preview(session, workspace, name, post, now)
    team, facts = await apply_team(session, workspace, name, changes)
    if set(changes) & set(reminder_settings.KEYS):
        facts += await reminder_settings.next_post_facts(session, team, workspace, now)
    return facts


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

"""Turn a parsed `subject` ("team", "<@U…>", "EMEA", "Bob") into a workspace-scoped Subject."""

from __future__ import annotations

import re

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.messages import Actor
from handlers.shared.context import Subject
from handlers.shared.errors import NotFound
from storage.models import Team, User

_MENTION = re.compile(r"^<@([A-Za-z0-9._:-]+)(?:\|[^>]*)?>$")


async def resolve_subject(session: AsyncSession, actor: Actor, raw: str | None) -> Subject:
    if raw is None or raw.strip().lower() in ("", "me", "i", "my", "myself", "self"):
        return await _self(session, actor)
    text = raw.strip()
    if text.lower() in ("team", "my team", "the team", "us"):
        if actor.team_id is None:
            if actor.role == "admin":
                return Subject(kind="workspace", label="everyone")
            raise NotFound("You're not on a team yet; an admin can add you to one.")
        team = await session.get(Team, actor.team_id)
        assert team is not None
        return Subject(kind="team", label=f"team {team.name}", team=team)
    if text.lower() in ("everyone", "company", "all", "workspace", "org"):
        return Subject(kind="workspace", label="everyone")
    mention = _MENTION.match(text)
    key = mention.group(1) if mention else text.lstrip("@")
    user = await _user_by_key(session, actor.workspace_id, key)
    if user is not None:
        if user.id == actor.user_id:
            return Subject(kind="self", label="you", user=user)
        return Subject(kind="user", label=user.name, user=user)
    if not mention:
        team = await session.scalar(
            select(Team).where(
                Team.workspace_id == actor.workspace_id, func.lower(Team.name) == key.lower()
            )
        )
        if team is not None:
            return Subject(kind="team", label=f"team {team.name}", team=team)
    raise NotFound(f"I don't know anyone or any team called {text!r} here.")


async def _self(session: AsyncSession, actor: Actor) -> Subject:
    user = await session.get(User, actor.user_id)
    return Subject(kind="self", label="you", user=user)


async def _user_by_key(session: AsyncSession, workspace_id: int, key: str) -> User | None:
    lowered = key.lower()
    users = (
        await session.scalars(
            select(User)
            .where(
                User.workspace_id == workspace_id,
                or_(
                    User.external_id == key,
                    func.lower(User.external_id) == lowered,
                    func.lower(User.name) == lowered,
                    func.lower(User.name).like(lowered.replace("%", "") + " %"),
                ),
            )
            .limit(2)
        )
    ).all()
    exact = [u for u in users if u.external_id == key or u.name.lower() == lowered]
    if exact:
        return exact[0]
    # A first name is enough when it is unambiguous ("Bob" for "Bob Stone").
    return users[0] if len(users) == 1 else None

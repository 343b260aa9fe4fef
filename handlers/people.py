"""Teams and roles in chat: create a team, add and remove people, name a manager, set roles."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import func, select

from core.messages import Fact, Reply, Table
from handlers.contract import Registrar
from handlers.shared.audit import audit
from handlers.shared.context import Context
from handlers.shared.errors import Forbidden, NotFound, UserError
from handlers.shared.subjects import resolve_subject
from nlp.intent import Intent
from storage.models import ConversationReference, Team, User

ROLES = ("rep", "manager", "admin")
_TEAM_NAME = re.compile(r"^[\w][\w .&'-]{0,59}$")


def _team_name(raw: Any) -> str:
    name = " ".join(str(raw or "").split())
    if not name:
        raise UserError("Name the team, like `/quotabot team create West`.")
    if not _TEAM_NAME.match(name):
        raise UserError("A team name is up to 60 letters, digits, spaces and . & ' - (no markup).")
    return name


async def _people(ctx: Context, raw: Any) -> list[User]:
    """Every name resolved to one person of this workspace, or a clear refusal."""
    names = [n for n in (raw if isinstance(raw, list) else [raw]) if str(n or "").strip()]
    if not names:
        raise UserError("Who? Name them with @name, e.g. `/quotabot team West add @dev`.")
    found: list[User] = []
    for name in names:
        subject = await resolve_subject(ctx.session, ctx.actor, str(name))
        if subject.user is None:
            raise NotFound(f"{name!r} is a team, not a person.")
        if subject.user not in found:
            found.append(subject.user)
    return found


def _team(ctx: Context) -> Team:
    team = ctx.subject.team
    if ctx.subject.kind != "team" or team is None:
        raise UserError("Which team? Say it like `/quotabot team West add @dev`.")
    return team


def _names(users: list[User]) -> str:
    return ", ".join(u.name for u in users)


async def handle_team_create(intent: Intent, ctx: Context) -> Reply:
    name = _team_name(intent.slots.get("name"))
    clash = await ctx.session.scalar(
        select(Team).where(
            Team.workspace_id == ctx.actor.workspace_id, func.lower(Team.name) == name.lower()
        )
    )
    if clash is not None:
        raise UserError(f"There is already a team called {clash.name}.")
    team = Team(workspace_id=ctx.actor.workspace_id, name=name, timezone=ctx.workspace.timezone)
    ctx.session.add(team)
    await ctx.session.flush()
    audit(ctx, "team.create", team=team.id, name=name)
    return Reply(
        text=f"👥 Team {name} is ready. Add people with `/quotabot team {name} add @name`.",
    )


async def handle_team_members(intent: Intent, ctx: Context) -> Reply:
    team = _team(ctx)
    op = intent.slots.get("op")
    people = await _people(ctx, intent.slots.get("people"))
    if op == "add":
        for user in people:
            moving = user.team_id not in (None, team.id)
            # A manager grows their own team; taking someone from another team is an admin's call.
            if moving and ctx.actor.role != "admin":
                raise Forbidden(
                    f"{user.name} is on another team; an admin can move them to {team.name}."
                )
        left = {u.team_id for u in people if u.team_id not in (None, team.id)}
        teams = {
            t.id: t.name for t in await ctx.session.scalars(select(Team).where(Team.id.in_(left)))
        }
        # A person is on one team: adding them elsewhere takes them off theirs; say so.
        moved = tuple(
            f"{u.name} moved from {teams[u.team_id]}." for u in people if u.team_id in teams
        )
        for user in people:
            user.team_id = team.id
        audit(ctx, "team.add", team=team.id, users=[u.id for u in people])
        return Reply(text=f"➕ Added to {team.name}: {_names(people)}.", notes=moved)
    if op == "remove":
        strangers = [u for u in people if u.team_id != team.id]
        if strangers:
            raise UserError(f"{_names(strangers)} is not on {team.name}.")
        for user in people:
            user.team_id = None
            if team.manager_id == user.id:
                team.manager_id = None
        audit(ctx, "team.remove", team=team.id, users=[u.id for u in people])
        return Reply(text=f"➖ Removed from {team.name}: {_names(people)}.")
    raise UserError("Say `add` or `remove`, like `/quotabot team West add @dev`.")


def _shown(source: str) -> str:
    """ "channel:#sales-west" -> "#sales-west"; "channel:C123" -> "<#C123>" (Slack links it)."""
    kind, _, ref = source.partition(":")
    if kind == "roster":
        return "its Teams team's roster"
    if ref[:1] in "#@":
        return ref
    return f"<#{ref}>" if kind == "channel" else f"<!subteam^{ref}>"


async def _teams_channel(ctx: Context, team: Team) -> str:
    """ "roster:<channel>": the team's own channel if QuotaBot is in it, else the only one."""
    keys = list(
        await ctx.session.scalars(
            select(ConversationReference.key).where(
                ConversationReference.workspace_id == ctx.actor.workspace_id,
                ConversationReference.platform == "teams",
                ConversationReference.kind == "channel",
            )
        )
    )
    if team.channel in keys:
        return f"roster:{team.channel}"
    if len(keys) == 1:
        return f"roster:{keys[0]}"
    if not keys:
        raise UserError("Add QuotaBot to the Teams team first, then ask again in its channel.")
    raise UserError(
        f"QuotaBot is in several Teams channels; say which is {team.name}'s with "
        f"`/quotabot settings team {team.name} channel <channel id>`, then sync again."
    )


async def handle_team_sync(intent: Intent, ctx: Context) -> Reply:
    team = _team(ctx)
    source = str(intent.slots.get("source") or "")
    if source == "off":
        before, team.sync_source, team.synced_on = team.sync_source, None, None
        if before is None:
            return Reply(text=f"{team.name} does not follow a channel or group.")
        audit(ctx, "team.sync", team=team.id, before=before, after=None)
        return Reply(text=f"⏹️ {team.name} no longer follows {_shown(before)}; its members stay.")
    if ctx.workspace.platform == "teams":
        if source != "roster":
            raise UserError(
                f"In Teams a team follows a Teams team's roster: `/quotabot team {team.name} "
                "sync roster`, said in a channel of that Teams team."
            )
        source = await _teams_channel(ctx, team)
    elif ctx.workspace.platform != "slack" or source == "roster" or ":" not in source:
        raise UserError(
            "Name a Slack channel or user group to follow, like "
            "`/quotabot team West sync #sales-west` or `… sync @sales-west`."
        )
    before, team.sync_source, team.synced_on = team.sync_source, source, None
    audit(ctx, "team.sync", team=team.id, before=before, after=source)
    return Reply(
        text=(
            f"🔄 {team.name} now follows {_shown(source)}: the first sync runs within a "
            "minute, then daily. People who join it are added as reps, people who leave "
            "are taken off the team; nobody's role changes."
        )
    )


async def handle_team_manager(intent: Intent, ctx: Context) -> Reply:
    team = _team(ctx)
    (user,) = await _people(ctx, [intent.slots.get("person")])
    team.manager_id = user.id
    user.team_id = team.id
    promoted = user.role == "rep"
    if promoted:
        user.role = "manager"
    audit(ctx, "team.manager", team=team.id, user=user.id, promoted=promoted)
    also = " (now a manager)" if promoted else ""
    return Reply(text=f"🧭 {user.name} manages {team.name}{also}.")


async def handle_set_role(intent: Intent, ctx: Context) -> Reply:
    role = str(intent.slots.get("role") or "").lower()
    if role not in ROLES:
        raise UserError("A role is rep, manager or admin: `/quotabot role @ben manager`.")
    (user,) = await _people(ctx, [intent.slots.get("person")])
    if user.role == role:
        return Reply(text=f"{user.name} is already {_a(role)}.")
    if user.role == "admin":
        admins = await ctx.session.scalar(
            select(func.count()).where(
                User.workspace_id == ctx.actor.workspace_id, User.role == "admin"
            )
        )
        if int(admins or 0) <= 1:
            raise UserError(f"{user.name} is the last admin; make someone else admin first.")
    before, user.role = user.role, role
    audit(ctx, "role.set", user=user.id, before=before, after=role)
    return Reply(text=f"🔑 {user.name} is now {_a(role)} (was {_a(before)}).")


def _a(role: str) -> str:
    return f"an {role}" if role[0] in "aeiou" else f"a {role}"


async def handle_people(intent: Intent, ctx: Context) -> Reply:
    ws = ctx.actor.workspace_id
    query = select(User).where(User.workspace_id == ws).order_by(User.name)
    if ctx.subject.kind == "team" and ctx.subject.team is not None:
        query = query.where(User.team_id == ctx.subject.team.id)
    users = (await ctx.session.scalars(query)).all()
    teams = {
        t.id: t for t in (await ctx.session.scalars(select(Team).where(Team.workspace_id == ws)))
    }
    rows = tuple(
        (
            u.name,
            teams[u.team_id].name if u.team_id in teams else "—",
            u.role
            + (" (lead)" if u.team_id in teams and teams[u.team_id].manager_id == u.id else ""),
            u.tz,
        )
        for u in users
    )
    where = ctx.subject.title if ctx.subject.kind == "team" else "Everyone"
    return Reply(
        text=f"{where}: {len(rows)} {'person' if len(rows) == 1 else 'people'}.",
        title="People",
        table=Table(("Name", "Team", "Role", "Time zone"), rows),
        facts=(Fact("Teams", ", ".join(sorted(t.name for t in teams.values())) or "none yet"),),
    )


def register(router: Registrar) -> None:
    router.add(
        "team_create",
        handle_team_create,
        access="admin",
        summary="Admins: create a team",
        examples=("/quotabot team create West",),
    )
    router.add(
        "team_members",
        handle_team_members,
        access="manage",
        summary="Add people to a team or remove them (admins; managers for their team)",
        examples=("/quotabot team West add @dev @emma", "/quotabot team West remove @dev"),
    )
    router.add(
        "team_sync",
        handle_team_sync,
        access="admin",
        summary="Admins: keep a team's members in step with a Slack channel or user group",
        examples=("/quotabot team West sync #sales-west", "/quotabot team West sync off"),
    )
    router.add(
        "team_manager",
        handle_team_manager,
        access="admin",
        summary="Admins: name a team's manager",
        examples=("/quotabot team West manager @carla",),
    )
    router.add(
        "set_role",
        handle_set_role,
        access="admin",
        summary="Admins: make someone a rep, manager or admin",
        examples=("/quotabot role @ben manager",),
    )
    router.add(
        "people",
        handle_people,
        access="read",
        summary="Who is on which team, with which role",
        examples=("/quotabot people",),
        default_subject="team",
    )

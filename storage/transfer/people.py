"""`quotabot import people`: name,email,role,team,timezone; existing people matched by email,
then by name, and updated; teams created as needed."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import Team, User
from storage.transfer import values
from storage.transfer.csvfile import Columns, Table
from storage.transfer.directory import load_teams
from storage.transfer.errors import BadFile, BadValue
from storage.transfer.job import Job

COLUMNS = Columns(("name",), ("email", "role", "team", "timezone"))


async def load(job: Job, table: Table) -> int:
    ws = job.workspace
    users = list(await job.session.scalars(select(User).where(User.workspace_id == ws.id)))
    by_email = {u.email.casefold(): u for u in users if u.email}
    by_name = {u.name.casefold(): u for u in users}
    teams = await load_teams(job.session, ws.id)
    done = 0
    for line, row in table.rows():
        try:
            name = values.short(row["name"], "name", 200)
            if name is None:
                raise BadValue("name is empty")
            email = values.short(row.get("email", ""), "email", 320)
            if email is not None and "@" not in email:
                raise BadValue(f"email {email!r} has no @")
            role = values.role(row.get("role", ""))
            tz = values.zone(row.get("timezone", ""), ws.timezone)
            team_id = await _team(job, teams, row.get("team", ""))
        except BadValue as exc:
            raise BadFile(str(exc), line) from None
        user = by_email.get(email.casefold()) if email else None
        named = by_name.get(name.casefold())
        # Same name, another email: a namesake, not the same person.
        if user is None and named is not None and not (email and named.email):
            user = named
        if user is None:
            # The platform id is unknown until they write; the email (or name) stands in.
            user = User(
                workspace_id=ws.id,
                external_id=(email or f"import:{name}").casefold(),
                source="import",
            )
            job.session.add(user)
            job.count("people")
        user.name, user.role, user.tz, user.team_id = name, role, tz, team_id
        user.email = email or user.email
        by_name[name.casefold()] = user
        if email:
            by_email[email.casefold()] = user
        if role == "manager" and team_id is not None:
            await job.session.flush()
            team = await job.session.get(Team, team_id)
            if team is not None and team.manager_id is None:
                team.manager_id = user.id
        done += 1
        if done % 500 == 0:
            job.progress(line)
    await job.session.flush()
    return done


async def _team(job: Job, teams: dict[str, int], name: str) -> int | None:
    if not name:
        return None
    if len(name) > 100:
        raise BadValue("team is longer than 100 characters")
    found = teams.get(name.casefold())
    if found is None:
        team = Team(workspace_id=job.workspace.id, name=name, timezone=job.workspace.timezone)
        job.session.add(team)
        await job.session.flush()
        found = teams[name.casefold()] = team.id
        job.count("teams")
    return found

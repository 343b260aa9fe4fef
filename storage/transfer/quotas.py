"""`quotabot import quotas`: person_or_team,metric,period,target; a later row for the same
person, metric and period replaces the target, as setting it in chat does."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import Quota
from storage.transfer import values
from storage.transfer.csvfile import Columns, Table
from storage.transfer.directory import People, load_people, load_teams
from storage.transfer.errors import BadFile, BadValue
from storage.transfer.job import SOURCE, Job

COLUMNS = Columns(("person_or_team", "metric", "period", "target"))
TEAM = "team:"


def _subject(written: str, people: People, teams: dict[str, int]) -> tuple[str, int]:
    """("user", id) or ("team", id): "team:East" or a team name, else a person."""
    if written.lower().startswith(TEAM):
        team = teams.get(written[len(TEAM) :].strip().casefold())
        if team is None:
            raise BadValue(f"there is no team {written[len(TEAM) :].strip()!r}")
        return "team", team
    person = people.find(written) if written else None
    team = teams.get(written.casefold())
    if person is not None and team is not None:
        raise BadValue(f"{written!r} is a person and a team: write team:{written} for the team")
    if person is not None:
        return "user", person
    if team is not None:
        return "team", team
    raise BadValue(f"person_or_team {written!r} is neither a person nor a team here")


async def load(job: Job, table: Table) -> int:
    ws = job.workspace
    people = await load_people(job.session, ws.id)
    teams = await load_teams(job.session, ws.id)
    existing = {
        (q.subject, q.metric, q.period_kind, q.period_start): q
        for q in await job.session.scalars(select(Quota).where(Quota.workspace_id == ws.id))
    }
    done = 0
    for line, row in table.rows():
        try:
            kind, owner = _subject(row["person_or_team"], people, teams)
            metric = values.metric(row["metric"])
            period = values.period(row["period"])
            if metric == "revenue":
                target = values.money(row["target"], ws.currency, "target")
            else:
                target = values.whole(row["target"], "target", 0, 10**9)
        except BadValue as exc:
            raise BadFile(str(exc), line) from None
        key = (f"{kind}:{owner}", metric, period.kind, period.start)
        quota = existing.get(key)
        if quota is None:
            quota = existing[key] = Quota(
                workspace_id=ws.id,
                subject=key[0],
                user_id=owner if kind == "user" else None,
                team_id=owner if kind == "team" else None,
                metric=metric,
                period_kind=period.kind,
                period_start=period.start,
            )
            job.session.add(quota)
        quota.target, quota.updated_at, quota.source = target, job.now, SOURCE
        done += 1
        if done % 1000 == 0:
            job.progress(line)
    await job.session.flush()
    return done

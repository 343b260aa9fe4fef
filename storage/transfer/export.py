"""`quotabot export`: the same columns the import reads, so a file goes back in unchanged."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, time
from typing import IO, Any, TypeVar

from sqlalchemy import Select, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.money import from_minor
from storage.models import Account, Activity, Deal, Quota, Team, User, Workspace
from storage.transfer import activities, deals, people, quotas
from storage.transfer.csvfile import Columns
from storage.transfer.quotas import TEAM

Q = TypeVar("Q", bound=Select[*tuple[Any, ...]])
KINDS: dict[str, Columns] = {
    "people": people.COLUMNS,
    "activities": activities.COLUMNS,
    "deals": deals.COLUMNS,
    "quotas": quotas.COLUMNS,
}


def _moment(value: datetime | None) -> str:
    return "" if value is None else value.isoformat().replace("+00:00", "Z")


def _money(minor: int | None, currency: str) -> str:
    return "" if minor is None else str(from_minor(minor, currency))


def written_period(kind: str, start: date) -> str:
    """A quota period as the import reads it: 2027-01, 2027-Q1, 2027-W05, 2027."""
    if kind == "month":
        return f"{start:%Y-%m}"
    if kind == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if kind == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    return str(start.year)


async def _names(session: AsyncSession, ws: int) -> tuple[dict[int, str], dict[int, str]]:
    """user id -> how a file names them (email, else full name); team id -> name."""
    users = await session.execute(
        select(User.id, User.email, User.name).where(User.workspace_id == ws)
    )
    teams = await session.execute(select(Team.id, Team.name).where(Team.workspace_id == ws))
    return {uid: email or name for uid, email, name in users}, {tid: name for tid, name in teams}


async def export(
    session: AsyncSession,
    workspace: Workspace,
    kind: str,
    out: IO[str],
    start: date | None = None,
    end: date | None = None,
    *,
    team: int | None = None,
    limit: int | None = None,
) -> int:
    """Write `kind` rows of the workspace to `out` as CSV ([start, end) by date: activities
    by day, deals by creation, quotas by period start); returns how many. `team`: only its
    members' rows (and its own quotas), for a manager's export; `limit`: at most so many
    rows (a chat export asks for one more than it sends, to know when to stop)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(KINDS[kind].all)
    ws = workspace.id
    who, teams = await _names(session, ws)
    members = select(User.id).where(User.workspace_id == ws, User.team_id == team)
    if kind == "people":
        people_q = select(User).where(User.workspace_id == ws)
        if team is not None:
            people_q = people_q.where(User.team_id == team)
        found = await session.scalars(people_q.order_by(User.id).limit(limit))
        rows: Any = (
            (u.name, u.email or "", u.role, teams.get(u.team_id or 0, ""), u.tz) for u in found
        )
        return _write(writer, rows)
    found_accounts = await session.execute(
        select(Account.id, Account.name).where(Account.workspace_id == ws)
    )
    accounts = {aid: name for aid, name in found_accounts}
    if kind == "activities":
        mine = None if team is None else Activity.user_id.in_(members)
        return await _activities(session, ws, writer, who, accounts, start, end, mine, limit)
    if kind == "deals":
        query = select(Deal).where(Deal.workspace_id == ws, Deal.deleted_at.is_(None))
        if team is not None:
            query = query.where(Deal.owner_id.in_(members))
        query = _between(query, Deal.created_at, _utc(start), _utc(end))
        found_deals = await session.scalars(query.order_by(Deal.id).limit(limit))
        return _write(writer, (_deal(d, who, accounts) for d in found_deals))
    query_q = _between(
        select(Quota).where(Quota.workspace_id == ws), Quota.period_start, start, end
    )
    if team is not None:
        query_q = query_q.where(or_(Quota.team_id == team, Quota.user_id.in_(members)))
    found_q = await session.scalars(query_q.order_by(Quota.id).limit(limit))
    return _write(writer, (_quota(q, who, teams, workspace.currency) for q in found_q))


def _utc(day: date | None) -> datetime | None:
    return None if day is None else datetime.combine(day, time(), UTC)


def _between(query: Q, column: Any, start: object, end: object) -> Q:
    if start is not None:
        query = query.where(column >= start)
    if end is not None:
        query = query.where(column < end)
    return query


def _write(writer: Any, rows: Any) -> int:
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


async def _activities(
    session: AsyncSession,
    ws: int,
    writer: Any,
    who: dict[int, str],
    accounts: dict[int, str],
    start: date | None,
    end: date | None,
    mine: Any = None,
    limit: int | None = None,
) -> int:
    query = select(
        Activity.occurred_on,
        Activity.user_id,
        Activity.kind,
        Activity.count,
        Activity.account_id,
        Activity.duration_min,
        Activity.contact,
        Activity.notes,
    ).where(Activity.workspace_id == ws, Activity.deleted_at.is_(None))
    if mine is not None:
        query = query.where(mine)
    query = _between(query, Activity.occurred_on, start, end).limit(limit)
    count = 0
    # Streamed in chunks: a million rows never sit in memory at once.
    result = await session.stream(
        query.order_by(Activity.occurred_on, Activity.id).execution_options(yield_per=10_000)
    )
    async for row in result:
        fields: tuple[Any, ...] = tuple(row)
        day, uid, kind, n, account, minutes, contact, notes = fields
        writer.writerow(
            (
                day.isoformat(),
                who[uid],
                kind,
                n,
                accounts.get(account, "") if account else "",
                "" if minutes is None else minutes,
                contact or "",
                notes or "",
            )
        )
        count += 1
    return count


def _deal(d: Deal, who: dict[int, str], accounts: dict[int, str]) -> tuple[object, ...]:
    return (
        accounts[d.account_id],
        who[d.owner_id],
        _money(d.amount_minor, d.currency),
        d.currency,
        d.stage,
        "" if d.close_date is None else d.close_date.isoformat(),
        _moment(d.created_at),
        _moment(d.closed_at),
        d.name or "",
        d.lost_reason or "",
    )


def _quota(q: Quota, who: dict[int, str], teams: dict[int, str], cur: str) -> tuple[object, ...]:
    subject = who[q.user_id] if q.user_id else f"{TEAM}{teams[q.team_id or 0]}"
    target = _money(q.target, cur) if q.metric == "revenue" else q.target
    return (subject, q.metric, written_period(q.period_kind, q.period_start), target)

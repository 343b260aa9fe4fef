"""Seed a demo sales floor that looks alive on any day: two teams, 12 reps in several zones."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.clock import local_moment
from core.pace import WORKDAY_END, WORKDAY_START, day_fraction, elapsed_working_days
from core.periods import Period, containing, is_working_day, working_days_in
from storage.accounts import name_key
from storage.models import Account, Activity, Deal, DealStageChange, Quota, Team, User, Workspace

DEMO_WORKSPACE = "demo"
COUNTRY = "US"
WORKING_DAYS = frozenset({1, 2, 3, 4, 5})
TEAMS = {
    "Americas": ("America/New_York", "#sales-americas", ("Maya Patel", "maya", "America/New_York")),
    "EMEA": ("Europe/London", "#sales-emea", ("Lars Berg", "lars", "Europe/London")),
}
# (name, login, zone, team, monthly revenue quota in dollars, form). Form is where the rep
# runs against the pace line (1.0 = on it): three ahead, seven near pace, two behind.
REPS = [
    ("Alice Moreno", "alice", "America/New_York", "Americas", 45_000, 1.12),
    ("Ben Carter", "ben", "America/Chicago", "Americas", 40_000, 0.96),
    ("Carla Diaz", "carla", "America/Los_Angeles", "Americas", 55_000, 1.28),
    ("Dev Shah", "dev", "America/Denver", "Americas", 35_000, 0.66),
    ("Emma Wilson", "emma", "America/Toronto", "Americas", 45_000, 0.98),
    ("Felipe Souza", "felipe", "America/Sao_Paulo", "Americas", 40_000, 0.94),
    ("Greta Müller", "greta", "Europe/Berlin", "EMEA", 50_000, 1.18),
    ("Hugo Laurent", "hugo", "Europe/Paris", "EMEA", 45_000, 0.95),
    ("Ioana Pop", "ioana", "Europe/Bucharest", "EMEA", 45_000, 0.97),
    ("Jamal Okafor", "jamal", "Africa/Lagos", "EMEA", 35_000, 0.72),
    ("Kate O'Brien", "kate", "Europe/Dublin", "EMEA", 45_000, 0.96),
    ("Priya Nair", "priya", "Asia/Kolkata", "EMEA", 40_000, 0.95),
]
# Activities a month for every rep: the daily goal of 20 over a month's working days, roughly.
ACTIVITY_QUOTA = 380
# What a day's activities are made of, on average.
MIX = {"call": 9.0, "email": 7.0, "meeting": 1.2, "demo": 0.6}
# Before nine, or on a day off, a few early emails are in already: today never reads zero.
EARLY_SHARE = 0.1
# A won deal is about this share of a monthly quota, so a month has three or four of them.
DEAL_SHARE = 0.3
# Nobody closes a deal for less: an add-on or a renewal.
MIN_DEAL = 500
# Past months wobble a little around the rep's form; the month under way sits on it.
WOBBLE = 0.03
OPEN = ("prospecting", "qualification", "proposal", "negotiation")
# Open deals per rep: about two months of wins in the pipeline.
OPEN_DEALS = 8
ACCOUNTS = [
    "Acme Corp", "Globex", "Initrode", "Umbrella Health", "Hooli", "Vandelay Industries",
    "Stark Logistics", "Wayne Foods", "Cyberdyne", "Soylent Labs", "Tyrell Systems",
    "Wonka Retail", "Northwind Traders", "Contoso", "Fabrikam", "Adventure Works", "Litware",
    "Proseware", "Blue Yonder Air", "Coho Vineyard", "Tailspin Toys", "Wide World Importers",
    "Lumen Robotics", "Redwood Analytics", "Summit Freight", "Harborview Health",
    "Kestrel Mining", "Pinecrest Realty", "Verdant Energy", "Meridian Foods",
    "Brightpath Learning", "Castlerock Labs", "Ironclad Security", "Beacon Credit Union",
    "Tidewater Marine", "Coastal Mutual", "Apex Fitness", "Zephyr Air", "Halcyon Pharma",
    "Granite Bay Partners", "Sable & Co", "Orbital Media", "Quarry Works",
]  # fmt: skip


@dataclass(frozen=True)
class _Rep:
    """A rep as the seed sees them: their row, quota, form and the moment it is for them."""

    user: User
    quota: int  # monthly revenue, dollars
    form: float
    local_now: datetime

    @property
    def today(self) -> date:
        return self.local_now.date()

    @property
    def tz(self) -> str:
        return self.user.tz

    @property
    def quarters(self) -> tuple[Period, Period]:
        """The last quarter and this one: the stretch of history the floor has."""
        this = containing("quarter", self.today)
        return this.shifted(-1), this

    @property
    def months(self) -> list[Period]:
        """Every month from the start of last quarter up to and including this one."""
        found, day = [], self.quarters[0].start
        while day <= self.today:
            month = containing("month", day)
            found.append(month)
            day = month.end
        return found


def _working(day: date) -> bool:
    return is_working_day(day, WORKING_DAYS, COUNTRY)


def _total(period: Period) -> int:
    return max(1, working_days_in(period.start, period.end, WORKING_DAYS, COUNTRY))


async def reset(session: AsyncSession) -> None:
    await session.execute(
        delete(Workspace).where(
            Workspace.platform == "console", Workspace.external_id == DEMO_WORKSPACE
        )
    )


async def is_seeded(session: AsyncSession) -> bool:
    found = await session.scalar(
        select(Workspace.id).where(
            Workspace.platform == "console", Workspace.external_id == DEMO_WORKSPACE
        )
    )
    return found is not None


async def seed(session: AsyncSession, now: datetime, seed_value: int = 7) -> Workspace:
    """The demo workspace as it stands at `now`, in each rep's own zone.

    Every rep has worked up to this moment and never past it (the 1st of a month, a Monday
    or a holiday included), runs at their own form against the pace line, and has quotas
    for every month of last quarter and this one, each quarter the sum of its months. Teams
    get no quota rows: a team's target is the sum of its reps' (handlers/shared/targets.py),
    so the two always agree.
    """
    rng = random.Random(seed_value)
    ws = Workspace(
        platform="console",
        external_id=DEMO_WORKSPACE,
        name="Demo Co",
        currency="USD",
        timezone="America/New_York",
        holiday_country=COUNTRY,
        working_days=",".join(str(d) for d in sorted(WORKING_DAYS)),
        daily_activity_goal=20,
    )
    session.add(ws)
    await session.flush()
    teams: dict[str, Team] = {}
    for team_name, (tz, channel, (mname, mlogin, mtz)) in TEAMS.items():
        team = Team(workspace_id=ws.id, name=team_name, timezone=tz, channel=channel)
        session.add(team)
        await session.flush()
        manager = _person(ws.id, mlogin, mname, mtz, "manager", team.id)
        session.add(manager)
        await session.flush()
        team.manager_id = manager.id
        teams[team_name] = team
    session.add(_person(ws.id, "sam", "Sam Rivera", "America/New_York", "admin"))
    accounts = [Account(workspace_id=ws.id, name=n, name_key=name_key(n)) for n in ACCOUNTS]
    session.add_all(accounts)
    await session.flush()
    reps = []
    for name, login, tz, team_name, quota, form in REPS:
        user = _person(ws.id, login, name, tz, "rep", teams[team_name].id)
        session.add(user)
        reps.append(_Rep(user, quota, form, now.astimezone(ZoneInfo(tz))))
    await session.flush()
    account_ids = [a.id for a in accounts]
    rows = [row for rep in reps for row in _activities(rep, ws.id, account_ids, now, rng)]
    await session.execute(insert(Activity), rows)
    await _deals(session, ws.id, reps, account_ids, now, rng)
    await _quotas(session, ws.id, reps, teams, now)
    return ws


def _person(ws_id: int, login: str, name: str, tz: str, role: str, team: int | None = None) -> User:
    return User(workspace_id=ws_id, external_id=login, name=name, tz=tz, role=role, team_id=team)


def _activities(
    rep: _Rep, ws_id: int, accounts: list[int], now: datetime, rng: random.Random
) -> list[dict[str, Any]]:
    """Each month's activities follow the rep's form along the pace line: up to yesterday
    the running total stays within 3% of it; today has the share of the working day gone by
    (at least a few early emails, so today never reads zero on a fresh demo)."""
    rows = []
    for month in rep.months:
        per_day = rep.form * ACTIVITY_QUOTA / _total(month)
        done, logged = 0, 0
        day = month.start
        while day < month.end and day <= rep.today:
            if day == rep.today:
                worked = day_fraction(rep.local_now.time()) if _working(day) else 0.0
                share = max(worked, EARLY_SHARE) * rng.uniform(0.8, 1.2)
                # Logged a little before now, and never before the day began.
                began = local_moment(day, time(0), rep.tz)
                at = max(began, now - timedelta(minutes=rng.randint(1, 20)))
                rows += _logged(rep, ws_id, day, max(1, round(per_day * share)), at, accounts, rng)
            elif _working(day):
                done += 1
                count = max(0, round(per_day * done * rng.uniform(0.97, 1.03)) - logged)
                logged += count
                at = local_moment(day, WORKDAY_END, rep.tz)
                rows += _logged(rep, ws_id, day, count, at, accounts, rng)
            day += timedelta(days=1)
    return rows


def _logged(
    rep: _Rep,
    ws_id: int,
    day: date,
    count: int,
    at: datetime,
    accounts: list[int],
    rng: random.Random,
) -> list[dict[str, Any]]:
    """A day's activities as rows: calls and emails, meetings and demos with an account."""
    rows = []
    for kind, n in _mix(count, rng).items():
        if n <= 0:
            continue
        met = kind in ("meeting", "demo")
        rows.append(
            {
                "workspace_id": ws_id,
                "user_id": rep.user.id,
                "kind": kind,
                "count": n,
                "occurred_on": day,
                "source": "demo",
                "account_id": rng.choice(accounts) if met else None,
                "duration_min": rng.choice((30, 45, 60)) if met else None,
                "created_at": at,
            }
        )
    return rows


def _mix(count: int, rng: random.Random) -> dict[str, int]:
    """Split a day's activities into calls, emails, meetings and demos."""
    scale = count / sum(MIX.values())
    meetings = min(count, max(0, round(rng.gauss(MIX["meeting"] * scale, 0.5))))
    demos = min(count - meetings, max(0, round(rng.gauss(MIX["demo"] * scale, 0.4))))
    rest = count - meetings - demos
    calls = round(rest * rng.uniform(0.48, 0.64))
    return {"call": calls, "email": rest - calls, "meeting": meetings, "demo": demos}


def _won_amounts(total: int, typical: int, rng: random.Random) -> list[int]:
    """`total` dollars as a few deals of about `typical` each, in round hundreds but the last."""
    if total < MIN_DEAL / 2:
        return []
    if total < MIN_DEAL:
        return [MIN_DEAL]  # early on the 1st: one add-on, not a deal worth a few dollars
    count = max(1, round(total / typical))
    weights = [rng.uniform(0.6, 1.4) for _ in range(count)]
    amounts = [100 * round(total * w / sum(weights) / 100) for w in weights[:-1]]
    last = total - sum(amounts)
    if last < MIN_DEAL or any(a < MIN_DEAL for a in amounts):
        return [total]
    return [*amounts, last]


def _moments(rep: _Rep, month: Period, now: datetime, rng: random.Random, n: int) -> list[datetime]:
    """When `n` deals closed in `month`: in working hours on working days, never after now."""
    spans: list[tuple[datetime, float]] = []
    day = month.start
    while day < month.end and day <= rep.today:
        if _working(day):
            opens = local_moment(day, WORKDAY_START, rep.tz)
            closes = min(local_moment(day, WORKDAY_END, rep.tz), now)
            if closes > opens:
                spans.append((opens, (closes - opens).total_seconds()))
        day += timedelta(days=1)
    found = []
    for _ in range(n):
        opens, seconds = rng.choice(spans)
        found.append(opens + timedelta(seconds=rng.uniform(0, seconds)))
    return found


async def _deals(
    session: AsyncSession,
    ws_id: int,
    reps: list[_Rep],
    accounts: list[int],
    now: datetime,
    rng: random.Random,
) -> None:
    deals: list[Deal] = []
    for rep in reps:
        for month in rep.months:
            # Won revenue sits on the rep's form line: the month under way exactly (so pace
            # reads true right now), past months within a few percent of it.
            wobble = 1.0 if rep.today < month.end else rng.uniform(1 - WOBBLE, 1 + WOBBLE)
            elapsed = elapsed_working_days(month, rep.local_now, WORKING_DAYS, COUNTRY)
            total = round(rep.form * wobble * rep.quota * elapsed / _total(month), -1)
            won = _won_amounts(int(total), int(rep.quota * DEAL_SHARE), rng)
            # About two deals lost for each one won: a close rate near a third.
            lost = [_size(rep, rng) for _ in range(round(len(won) * rng.uniform(1.5, 2.5)))]
            closing = [(amount, "won") for amount in won] + [(amount, "lost") for amount in lost]
            moments = _moments(rep, month, now, rng, len(closing))
            for (amount, stage), closed in zip(closing, moments, strict=True):
                created = closed - timedelta(days=rng.randint(14, 60), hours=rng.randint(0, 8))
                deal = _deal(ws_id, rep, rng.choice(accounts), amount, stage, created)
                deal.closed_at = deal.updated_at = closed
                deal.close_date = closed.astimezone(ZoneInfo(rep.tz)).date()
                deals.append(deal)
        for _ in range(OPEN_DEALS):
            created = now - timedelta(days=rng.randint(2, 75), hours=rng.randint(0, 8))
            stage = rng.choice(OPEN)
            deal = _deal(ws_id, rep, rng.choice(accounts), _size(rep, rng), stage, created)
            deal.updated_at = created + (now - created) * rng.random()
            deal.close_date = rep.today + timedelta(days=rng.randint(-5, 75))
            deals.append(deal)
    session.add_all(deals)
    await session.flush()
    # Each deal's history: created in prospecting, then moved once to where it is now.
    for deal in deals:
        steps: list[tuple[str | None, str, datetime]] = [(None, "prospecting", deal.created_at)]
        if deal.stage != "prospecting":
            steps.append(("prospecting", deal.stage, deal.updated_at))
        session.add_all(
            DealStageChange(
                workspace_id=ws_id,
                deal_id=deal.id,
                changed_by=deal.owner_id,
                from_stage=old,
                to_stage=new,
                created_deal=old is None,
                changed_at=at,
            )
            for old, new, at in steps
        )


def _size(rep: _Rep, rng: random.Random) -> int:
    """An open or lost deal's amount in dollars, in round five hundreds."""
    return 500 * max(1, round(rep.quota * rng.uniform(0.12, 0.55) / 500))


def _deal(ws_id: int, rep: _Rep, account: int, dollars: int, stage: str, created: datetime) -> Deal:
    return Deal(
        workspace_id=ws_id,
        owner_id=rep.user.id,
        account_id=account,
        amount_minor=dollars * 100,
        currency="USD",
        stage=stage,
        created_at=created,
        updated_at=created,
    )


async def _quotas(
    session: AsyncSession, ws_id: int, reps: list[_Rep], teams: dict[str, Team], now: datetime
) -> None:
    """Every rep's monthly quotas for the last quarter and this one, and each quarter's as
    the sum of its months. Reps in far zones may already be a day on: take every quarter any
    rep is in, so a manager reading one zone's quarter finds everyone's quota."""
    quarters = sorted({q for rep in reps for q in rep.quarters}, key=lambda q: q.start)
    managers = {team.id: team.manager_id for team in teams.values()}
    rows = []
    for rep in reps:
        for quarter in quarters:
            months = [containing("month", quarter.start).shifted(i) for i in range(3)]
            for period, share in [*((m, 1) for m in months), (quarter, len(months))]:
                for metric, target in (
                    ("revenue", rep.quota * 100 * share),
                    ("activities", ACTIVITY_QUOTA * share),
                ):
                    rows.append(
                        {
                            "workspace_id": ws_id,
                            "subject": f"user:{rep.user.id}",
                            "user_id": rep.user.id,
                            "metric": metric,
                            "period_kind": period.kind,
                            "period_start": period.start,
                            "target": target,
                            "set_by": managers.get(rep.user.team_id or 0),
                            "updated_at": now,
                        }
                    )
    await session.execute(insert(Quota), rows)

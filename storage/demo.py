"""Seed a realistic demo sales floor: two teams, 12 reps in several zones, 120 days of work."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.accounts import name_key
from storage.models import Account, Activity, Deal, DealStageChange, Quota, Team, User, Workspace

DEMO_WORKSPACE = "demo"
HISTORY_DAYS = 120
TEAMS = {
    "Americas": ("America/New_York", "#sales-americas", ("Maya Patel", "maya", "America/New_York")),
    "EMEA": ("Europe/London", "#sales-emea", ("Lars Berg", "lars", "Europe/London")),
}
# (name, login, zone, team, skill): skill scales activity and win rate, so the floor has a spread.
REPS = [
    ("Alice Moreno", "alice", "America/New_York", "Americas", 1.15),
    ("Ben Carter", "ben", "America/Chicago", "Americas", 0.95),
    ("Carla Diaz", "carla", "America/Los_Angeles", "Americas", 1.3),
    ("Dev Shah", "dev", "America/Denver", "Americas", 0.7),
    ("Emma Wilson", "emma", "America/Toronto", "Americas", 1.0),
    ("Felipe Souza", "felipe", "America/Sao_Paulo", "Americas", 0.85),
    ("Greta Müller", "greta", "Europe/Berlin", "EMEA", 1.2),
    ("Hugo Laurent", "hugo", "Europe/Paris", "EMEA", 0.9),
    ("Ioana Pop", "ioana", "Europe/Bucharest", "EMEA", 1.1),
    ("Jamal Okafor", "jamal", "Africa/Lagos", "EMEA", 0.75),
    ("Kate O'Brien", "kate", "Europe/Dublin", "EMEA", 1.05),
    ("Priya Nair", "priya", "Asia/Kolkata", "EMEA", 0.95),
]
ACCOUNTS = [
    "Acme Corp",
    "Globex",
    "Initech",
    "Umbrella Health",
    "Hooli",
    "Vandelay Industries",
    "Stark Logistics",
    "Wayne Foods",
    "Cyberdyne",
    "Soylent Labs",
    "Tyrell Systems",
    "Wonka Retail",
    "Northwind Traders",
    "Contoso",
    "Fabrikam",
    "Adventure Works",
    "Litware",
    "Proseware",
    "Blue Yonder Air",
    "Coho Vineyard",
    "Tailspin Toys",
    "Wide World Importers",
    "Lumen Robotics",
    "Redwood Analytics",
    "Summit Freight",
    "Harborview Health",
    "Kestrel Mining",
    "Pinecrest Realty",
    "Verdant Energy",
    "Meridian Foods",
    "Brightpath Learning",
    "Castlerock Labs",
    "Ironclad Security",
    "Beacon Credit Union",
    "Tidewater Marine",
    "Coastal Mutual",
    "Apex Fitness",
    "Zephyr Air",
    "Halcyon Pharma",
    "Granite Bay Partners",
    "Sable & Co",
    "Orbital Media",
    "Quarry Works",
]
OPEN = ("prospecting", "qualification", "proposal", "negotiation")


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
    rng = random.Random(seed_value)
    ws = Workspace(
        platform="console",
        external_id=DEMO_WORKSPACE,
        name="Demo Co",
        currency="USD",
        timezone="America/New_York",
        holiday_country="US",
        daily_activity_goal=20,
    )
    session.add(ws)
    await session.flush()
    teams: dict[str, Team] = {}
    for team_name, (tz, channel, (mname, mlogin, mtz)) in TEAMS.items():
        team = Team(workspace_id=ws.id, name=team_name, timezone=tz, channel=channel)
        session.add(team)
        await session.flush()
        manager = User(
            workspace_id=ws.id,
            external_id=mlogin,
            name=mname,
            tz=mtz,
            role="manager",
            team_id=team.id,
        )
        session.add(manager)
        await session.flush()
        team.manager_id = manager.id
        teams[team_name] = team
    session.add(
        User(
            workspace_id=ws.id,
            external_id="sam",
            name="Sam Rivera",
            tz="America/New_York",
            role="admin",
        )
    )
    accounts = [Account(workspace_id=ws.id, name=n, name_key=name_key(n)) for n in ACCOUNTS]
    session.add_all(accounts)
    await session.flush()
    reps = []
    for name, login, tz, team_name, skill in REPS:
        rep = User(
            workspace_id=ws.id,
            external_id=login,
            name=name,
            tz=tz,
            role="rep",
            team_id=teams[team_name].id,
        )
        session.add(rep)
        reps.append((rep, skill))
    await session.flush()
    today = now.astimezone(ZoneInfo(ws.timezone)).date()
    await _activities(session, ws.id, reps, accounts, today, rng)
    await _deals(session, ws.id, reps, accounts, now, today, rng)
    await _quotas(session, ws.id, reps, today)
    return ws


async def _activities(
    session: AsyncSession,
    ws_id: int,
    reps: list[tuple[User, float]],
    accounts: list[Account],
    today: date,
    rng: random.Random,
) -> None:
    rows = []
    base = {"call": 9, "email": 7, "meeting": 1.2, "demo": 0.6}
    for rep, skill in reps:
        for back in range(HISTORY_DAYS, -1, -1):
            day = today - timedelta(days=back)
            if day.isoweekday() > 5:
                continue
            # Today is half done: reps have logged the morning only.
            share = 0.5 if back == 0 else 1.0
            for kind, mean in base.items():
                count = round(rng.gauss(mean * skill * share, mean * 0.35))
                if count <= 0:
                    continue
                rows.append(
                    {
                        "workspace_id": ws_id,
                        "user_id": rep.id,
                        "kind": kind,
                        "count": count,
                        "occurred_on": day,
                        "source": "demo",
                        "account_id": rng.choice(accounts).id
                        if kind in ("meeting", "demo")
                        else None,
                        "duration_min": rng.choice((30, 45, 60))
                        if kind in ("meeting", "demo")
                        else None,
                        "created_at": datetime.combine(day, time(17), UTC),
                    }
                )
    await session.execute(insert(Activity), rows)


async def _deals(
    session: AsyncSession,
    ws_id: int,
    reps: list[tuple[User, float]],
    accounts: list[Account],
    now: datetime,
    today: date,
    rng: random.Random,
) -> None:
    for rep, skill in reps:
        for _ in range(16):
            age = rng.randint(3, HISTORY_DAYS)
            created = now - timedelta(days=age, hours=rng.randint(0, 8))
            amount = rng.randrange(6_000, 60_000, 500) * 100
            account = rng.choice(accounts)
            cycle = rng.randint(14, 60)
            if age > cycle:
                stage = "won" if rng.random() < 0.32 * skill + 0.05 else "lost"
                closed = created + timedelta(days=cycle)
            else:
                stage, closed = rng.choice(OPEN), None
            close_date = closed.date() if closed else today + timedelta(days=rng.randint(-5, 75))
            deal = Deal(
                workspace_id=ws_id,
                owner_id=rep.id,
                account_id=account.id,
                amount_minor=amount,
                currency="USD",
                stage=stage,
                close_date=close_date,
                created_at=created,
                updated_at=closed or created + timedelta(days=rng.randint(0, age)),
                closed_at=closed,
            )
            session.add(deal)
            await session.flush()
            session.add(
                DealStageChange(
                    workspace_id=ws_id,
                    deal_id=deal.id,
                    changed_by=rep.id,
                    from_stage=None,
                    to_stage="prospecting",
                    created_deal=True,
                    changed_at=created,
                )
            )
            if stage != "prospecting":
                session.add(
                    DealStageChange(
                        workspace_id=ws_id,
                        deal_id=deal.id,
                        changed_by=rep.id,
                        from_stage="prospecting",
                        to_stage=stage,
                        changed_at=closed or deal.updated_at,
                    )
                )


async def _quotas(
    session: AsyncSession, ws_id: int, reps: list[tuple[User, float]], today: date
) -> None:
    month = today.replace(day=1)
    quarter = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    rows = []
    for rep, _ in reps:
        for kind, start, revenue, acts in (
            ("month", month, 45_000, 380),
            ("quarter", quarter, 135_000, 1_140),
        ):
            rows.append(
                {
                    "workspace_id": ws_id,
                    "subject": f"user:{rep.id}",
                    "user_id": rep.id,
                    "metric": "revenue",
                    "period_kind": kind,
                    "period_start": start,
                    "target": revenue * 100,
                    "updated_at": datetime.now(UTC),
                }
            )
            rows.append(
                {
                    "workspace_id": ws_id,
                    "subject": f"user:{rep.id}",
                    "user_id": rep.id,
                    "metric": "activities",
                    "period_kind": kind,
                    "period_start": start,
                    "target": acts,
                    "updated_at": datetime.now(UTC),
                }
            )
    await session.execute(insert(Quota), rows)

"""A small sales floor for tests: two teams, their managers, reps and an admin."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from bot.services import Services
from storage.models import (
    Account,
    Activity,
    AuditEntry,
    Deal,
    DealStageChange,
    LogBatch,
    Quota,
    Team,
    User,
    Workspace,
)


@dataclass
class World:
    workspace_id: int
    east: int
    west: int
    users: dict[str, int]


async def make_world(
    services: Services, platform: str = "console", workspace: str = "acme"
) -> World:
    """East: manager mia, reps rita and ron. West: manager walt, rep wes. Admin ada."""
    async with services.sessions() as session, session.begin():
        ws = Workspace(platform=platform, external_id=workspace, name="Acme Sales", currency="USD")
        session.add(ws)
        await session.flush()
        east = Team(workspace_id=ws.id, name="East", timezone="America/New_York", channel="C-EAST")
        west = Team(
            workspace_id=ws.id, name="West", timezone="America/Los_Angeles", channel="C-WEST"
        )
        session.add_all([east, west])
        await session.flush()
        people = {
            "mia": ("Mia Manager", "manager", east.id, "America/New_York"),
            "rita": ("Rita Rep", "rep", east.id, "America/New_York"),
            "ron": ("Ron Rep", "rep", east.id, "Europe/Bucharest"),
            "walt": ("Walt Manager", "manager", west.id, "America/Los_Angeles"),
            "wes": ("Wes Rep", "rep", west.id, "America/Los_Angeles"),
            "ada": ("Ada Admin", "admin", None, "UTC"),
        }
        users: dict[str, int] = {}
        for login, (name, role, team, tz) in people.items():
            user = User(
                workspace_id=ws.id, external_id=login, name=name, role=role, team_id=team, tz=tz
            )
            session.add(user)
            await session.flush()
            users[login] = user.id
        east.manager_id, west.manager_id = users["mia"], users["walt"]
        return World(ws.id, east.id, west.id, users)


async def set_quota(
    services: Services, world: World, login: str, metric: str, kind: str, start: date, target: int
) -> None:
    async with services.sessions() as session, session.begin():
        session.add(
            Quota(
                workspace_id=world.workspace_id,
                subject=f"user:{world.users[login]}",
                user_id=world.users[login],
                metric=metric,
                period_kind=kind,
                period_start=start,
                target=target,
            )
        )


async def counts(services: Services) -> dict[str, int]:
    """Row counts of everything a person can write: to prove bad input wrote nothing."""
    async with services.sessions() as session:
        result = {}
        for model in (Activity, Deal, DealStageChange, LogBatch, Account, Quota, AuditEntry):
            result[model.__tablename__] = int(
                await session.scalar(select(func.count()).select_from(model)) or 0
            )
        return result

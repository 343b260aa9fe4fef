"""A small seeded world for scheduler scenarios: workspaces, reps in many zones, a recorder."""

from __future__ import annotations

import asyncio
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select

from bot.app import make_tick
from bot.services import Services
from scheduler.dispatcher import DispatchConfig
from scheduler.notify import Outbound, SendResult
from scheduler.pacing import Pacer
from scheduler.runner import TickReport
from storage.models import Activity, Delivery, Team, User, Workspace


class Recorder:
    """A notifier that remembers what it was asked to send; can be told to fail or hang."""

    def __init__(self, platform: str = "slack") -> None:
        self.platform = platform
        self.sent: list[Outbound] = []
        self.fail_with: SendResult | None = None
        self.hang_on: int | None = None  # the n-th send (1-based) never returns
        self.hanging = asyncio.Event()

    async def send(self, message: Outbound) -> SendResult:
        self.sent.append(message)
        if self.hang_on is not None and len(self.sent) == self.hang_on:
            self.hanging.set()
            await asyncio.Event().wait()
        # An id per message, as Slack's ts: a follow-up can reply in its thread.
        return self.fail_with or SendResult(ok=True, message_id=f"m{len(self.sent)}")

    @property
    def keys(self) -> list[str]:
        return [m.idempotency_key for m in self.sent]


def fast_pacer() -> Pacer:
    # Scenarios check who gets what, not pacing (tests/scheduler/test_slack_throttle.py does).
    return Pacer(per_channel=1000.0, per_workspace=100_000.0)


class World:
    def __init__(self, services: Services) -> None:
        self.services = services
        self.slack = Recorder()
        services.notifiers = {"slack": self.slack}
        self._tick = make_tick(services, DispatchConfig(), fast_pacer())
        self._n = 0

    async def add(self, obj: Any) -> Any:
        async with self.services.sessions() as session, session.begin():
            session.add(obj)
        return obj

    async def workspace(self, **kw: Any) -> Workspace:
        self._n += 1
        values: dict[str, Any] = {
            "platform": "slack",
            "external_id": f"T{self._n}",
            "name": "Acme",
            "daily_activity_goal": 5,
        }
        values.update(kw)
        return await self.add(Workspace(**values))

    async def rep(self, ws: Workspace, name: str, tz: str, **kw: Any) -> User:
        self._n += 1
        return await self.add(
            User(
                workspace_id=ws.id,
                external_id=f"U{self._n}",
                name=name,
                tz=tz,
                role=kw.pop("role", "rep"),
                **kw,
            )
        )

    async def team(self, ws: Workspace, name: str, **kw: Any) -> Team:
        return await self.add(Team(workspace_id=ws.id, name=name, **kw))

    async def log(self, user: User, day: date, count: int, kind: str = "call") -> None:
        await self.add(
            Activity(
                workspace_id=user.workspace_id,
                user_id=user.id,
                kind=kind,
                count=count,
                occurred_on=day,
            )
        )

    async def tick(self, at: datetime) -> TickReport:
        return await self._tick(at)

    async def deliveries(self, **where: Any) -> list[Delivery]:
        async with self.services.sessions() as session:
            query = select(Delivery).filter_by(**where).order_by(Delivery.id)
            return list((await session.scalars(query)).all())

    async def count(self, **where: Any) -> int:
        async with self.services.sessions() as session:
            query = select(func.count()).select_from(Delivery).filter_by(**where)
            return int(await session.scalar(query) or 0)

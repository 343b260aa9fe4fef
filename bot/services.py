"""The long-lived objects one process shares: settings, database, router, notifiers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.config import Settings
from core.clock import system_clock
from scheduler.notify import Notifier

if TYPE_CHECKING:
    from bot.router import Router


@dataclass
class Services:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    router: Router
    notifiers: dict[str, Notifier] = field(default_factory=dict)
    clock: Callable[[], datetime] = system_clock

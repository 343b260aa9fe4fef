"""Composition root: settings -> engine -> router with every handler -> notifiers."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from bot.config import Settings
from bot.registration import register_all
from bot.router import Router
from bot.services import Services
from bot.understand import make_parser
from core.clock import system_clock
from scheduler.dispatcher import DispatchConfig
from scheduler.pacing import Pacer
from scheduler.runner import Tick
from scheduler.sync import Directory
from storage import migrate
from storage.db import create_engine, is_sqlite, session_factory


def build_services(
    settings: Settings,
    *,
    clock: Callable[[], datetime] = system_clock,
    auto_migrate: bool | None = None,
) -> Services:
    """Wire one process. The default SQLite database migrates itself on start."""
    if auto_migrate is None:
        auto_migrate = is_sqlite(settings.database_url)
    if auto_migrate:
        migrate.upgrade(settings.database_url)
    engine = create_engine(settings.database_url)
    sessions = session_factory(engine)
    router = Router(sessions, settings, make_parser(settings, clock), clock)
    register_all(router)
    return Services(settings=settings, engine=engine, sessions=sessions, router=router, clock=clock)


def make_tick(
    services: Services,
    config: DispatchConfig | None = None,
    pacer: Pacer | None = None,
    directories: Mapping[str, Directory] | None = None,
) -> Tick:
    """The scheduler gets what it uses: sessions, the notifiers installed so far, the clock,
    and each configured platform's directory (for teams that follow a channel or group)."""
    if directories is None:
        from bot import notifiers  # the adapters load only when a scheduler is made

        directories = notifiers.directories(services)
    _chart_links(services)
    return Tick(services.sessions, services.notifiers, services.clock, config, pacer, directories)


def _chart_links(services: Services) -> None:
    """Posts and DMs carry chart images where QuotaBot serves them (bot/chart_route.py), also
    from a scheduler process of its own (`quotabot scheduler`, `serve --no-scheduler`)."""
    from bot.charts import links

    secret = services.settings.secret_key
    made = links.from_settings(
        services.settings.public_url, secret.get_secret_value() if secret else None, services.clock
    )
    if made is not None:
        links.configure(made)

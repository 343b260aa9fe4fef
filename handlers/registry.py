"""How handlers are registered: explicit `register(router)` calls, no import side effects."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Literal, Protocol

from bot.core import Reply
from handlers.context import Context
from nlp.intent import Intent

Handler = Callable[[Intent, Context], Awaitable[Reply]]
# self: act on one's own data only. read: numbers about a subject. public: anyone.
# manage: managers for their team, admins for all. admin: workspace admins only.
Access = Literal["self", "read", "public", "manage", "admin"]


class Registrar(Protocol):
    def add(
        self,
        intent: str,
        handler: Handler,
        *,
        access: Access,
        summary: str,
        examples: tuple[str, ...] = (),
        default_subject: str | None = None,
    ) -> None: ...


def register_all(router: Registrar) -> None:
    from handlers import (
        admin_settings,
        forecast,
        help,
        leaderboard,
        log_activity,
        log_deal,
        pipeline,
        quota,
        set_quota,
        settings,
        team,
        undo,
        unknown,
    )

    for module in (
        admin_settings,
        log_activity,
        log_deal,
        quota,
        pipeline,
        forecast,
        team,
        leaderboard,
        set_quota,
        settings,
        undo,
        unknown,
    ):
        module.register(router)
    help.register(router)

"""The handler contract (`async def handle_<intent>(intent, ctx) -> Reply`) and its registrar."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Literal, Protocol

from core.messages import Reply
from handlers.shared.context import Context
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

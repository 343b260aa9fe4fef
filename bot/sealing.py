"""A step a caller adds to the transaction that writes a message's answer (Router.handle)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from core.messages import Actor, Reply


@dataclass
class Sealing:
    """A caller's step inside the transaction that writes a message's answer, before commit.

    The inbox worker marks its row done and queues the reply here, so both commit with the
    write or not at all. `sealed` turns True only once that transaction has committed; a
    message answered without writing (a refusal, a form, an error) leaves it False and the
    caller finishes the row in a transaction of its own.
    """

    step: Callable[[AsyncSession, Actor, Reply], Awaitable[None]]
    sealed: bool = field(default=False, init=False)

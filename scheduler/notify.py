"""What the dispatcher needs from a platform: send one rendered message, report the outcome."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from core.messages import Reply


@dataclass(frozen=True)
class Outbound:
    """One proactive message: to a user's DM (`user`) or a channel (`channel`) in a workspace."""

    platform: str
    workspace: str
    reply: Reply
    user: str | None = None
    channel: str | None = None
    idempotency_key: str = ""


@dataclass(frozen=True)
class SendResult:
    ok: bool
    # Seconds the platform asked us to wait (HTTP 429 Retry-After); None when not throttled.
    retry_after: float | None = None
    error: str | None = None
    permanent: bool = False


class Notifier(Protocol):
    """Implemented by each adapter (Slack chat.postMessage, Teams proactive send, console)."""

    platform: str

    async def send(self, message: Outbound) -> SendResult: ...

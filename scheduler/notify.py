"""What the dispatcher needs from a platform: send one rendered message, report the outcome."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from core.messages import Reply


@dataclass(frozen=True)
class Mention:
    """A person a message @-mentions: their platform id and the name people know."""

    user: str
    name: str


@dataclass(frozen=True)
class Outbound:
    """One proactive message: to a user's DM (`user`) or a channel (`channel`) in a workspace."""

    platform: str
    workspace: str
    reply: Reply
    user: str | None = None
    channel: str | None = None
    idempotency_key: str = ""
    # The platform's id of the message to reply under (Slack ts, Teams activity id): the
    # message goes into that message's thread.
    thread: str | None = None
    # People to notify by name, placed before the reply by the platform's own mention form.
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class SendResult:
    ok: bool
    # Seconds the platform asked us to wait (HTTP 429 Retry-After); None when not throttled.
    retry_after: float | None = None
    error: str | None = None
    permanent: bool = False
    # The platform's id of the message sent (Slack ts, Teams activity id), when it gives one.
    message_id: str | None = None


@dataclass(frozen=True)
class Sought:
    """A scheduled message a dead dispatcher may or may not have sent: where to look, and
    the key it was posted with (Slack keeps it as message metadata)."""

    workspace: str
    key: str
    since: datetime
    user: str | None = None
    channel: str | None = None


class Notifier(Protocol):
    """Implemented by each adapter (Slack chat.postMessage, Teams proactive send, console)."""

    platform: str

    async def send(self, message: Outbound) -> SendResult: ...


class Finder(Protocol):
    """A notifier that can tell whether a message it may have sent is there."""

    async def arrived(self, sought: Sought) -> bool | None:
        """True: it is there; False: it never arrived; None: the platform cannot say."""
        ...

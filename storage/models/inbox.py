"""The inbox: every verified platform request, stored before its HTTP answer (issue 18)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, utcnow

# Deliveries of this kind are answers to inbox rows, sent by the serving process at once;
# the scheduler's dispatcher leaves them alone.
REPLY_KIND = "reply"


class InboxMessage(Base):
    """One request a platform got a 200 for: pending until the write that answers it commits.

    The unique (platform, key) makes retries and replays write once: Slack's event_id, or for
    commands and interactions a key from team, user, trigger_id and a hash of the signed body.
    """

    __tablename__ = "inbox"
    __table_args__ = (
        UniqueConstraint("platform", "key"),
        Index("ix_inbox_due", "status", "available_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(200))
    # What the platform's processor does with it ("answer", "home", "submit", "activity", ...).
    kind: Mapped[str] = mapped_column(String(32))
    # The signed workspace id (Slack team, Teams tenant): rows exist before the Workspace does.
    workspace: Mapped[str] = mapped_column(String(64), default="")
    payload: Mapped[str] = mapped_column(Text)
    # pending -> done (committed with its write) | failed (given up after max attempts).
    status: Mapped[str] = mapped_column(String(16), default="pending")
    # Claims so far; a claim's number is its token, so a superseded worker cannot finish it.
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    available_at: Mapped[datetime] = mapped_column(default=utcnow)
    lease_until: Mapped[datetime | None] = mapped_column()
    done_at: Mapped[datetime | None] = mapped_column()
    error: Mapped[str | None] = mapped_column(String(1000))

"""Files waiting in a chat: a CSV an admin sent to import (until they press Import), or an
export a Teams user has yet to accept (FileConsentCard)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, utcnow


class ChatFile(Base):
    """One file, for one person in one workspace, for a day at most (`expires_at`)."""

    __tablename__ = "chat_files"
    __table_args__ = (Index("ix_chat_files_expires_at", "expires_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # "import" (sent to the bot) or "export" (waiting for the person's consent, Teams).
    purpose: Mapped[str] = mapped_column(String(8))
    # people, activities, deals or quotas.
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(255))
    content: Mapped[str] = mapped_column(Text)
    rows: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()

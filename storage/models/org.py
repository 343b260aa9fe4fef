"""Workspaces, teams and people: every row belongs to a workspace."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, utcnow


class Workspace(Base):
    """A Slack team, a Teams tenant or a console workspace; the unit of isolation."""

    __tablename__ = "workspaces"
    __table_args__ = (UniqueConstraint("platform", "external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200), default="")
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    # Working days as ISO weekday numbers, "1,2,3,4,5" is Monday to Friday.
    working_days: Mapped[str] = mapped_column(String(20), default="1,2,3,4,5")
    holiday_country: Mapped[str | None] = mapped_column(String(8))
    nudge_time: Mapped[str] = mapped_column(String(5), default="16:00")
    quiet_start: Mapped[str] = mapped_column(String(5), default="19:00")
    quiet_end: Mapped[str] = mapped_column(String(5), default="08:00")
    daily_activity_goal: Mapped[int] = mapped_column(Integer, default=20)
    # JSON {"prospecting": 10, ...}: percent probability per open stage for the forecast.
    stage_probabilities: Mapped[str | None] = mapped_column(Text)
    leaderboard_day: Mapped[int] = mapped_column(Integer, default=5)
    leaderboard_time: Mapped[str] = mapped_column(String(5), default="16:00")
    # Leaderboards show other people's % of target to everyone only when this is on.
    attainment_public: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # How numeric dates read: "mdy" (11/27) or "dmy" (27/11, 27.11).
    date_order: Mapped[str] = mapped_column(String(3), default="mdy", server_default="mdy")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Team(Base):
    __tablename__ = "teams"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    # Membership that follows a directory (scheduler/sync.py): "channel:C123" or
    # "channel:#sales-west", "usergroup:S123" or "usergroup:@sales", "roster:<Teams team>".
    sync_source: Mapped[str | None] = mapped_column(String(300))
    # The UTC day of the last sync pass; claiming it is the once-a-day guard across replicas.
    synced_on: Mapped[date | None] = mapped_column()
    manager_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", use_alter=True, ondelete="SET NULL")
    )
    channel: Mapped[str | None] = mapped_column(String(64))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    leaderboard_day: Mapped[int | None] = mapped_column(Integer)
    leaderboard_time: Mapped[str | None] = mapped_column(String(5))
    # The daily channel post (issue 13): on by default at 09:00 (team zone) when there is
    # a channel; the afternoon "log before you go" post is off until a time is set.
    holiday_country: Mapped[str | None] = mapped_column(String(8))
    reminder_enabled: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    reminder_time: Mapped[str | None] = mapped_column(String(5))
    # The days the team's posts go out, as ISO weekdays ("1,2,3,4"); None follows the
    # workspace's working days. Public holidays are skipped either way.
    reminder_days: Mapped[str | None] = mapped_column(String(20))
    afternoon_time: Mapped[str | None] = mapped_column(String(5))
    # The afternoon post names who has not logged only when the team turns this on.
    mention_missing: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class User(Base):
    __tablename__ = "users"
    __table_args__ = (
        UniqueConstraint("workspace_id", "external_id"),
        Index("ix_users_mention", "workspace_id", "mention_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    external_id: Mapped[str] = mapped_column(String(128))
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    tz: Mapped[str] = mapped_column(String(64), default="UTC")
    role: Mapped[str] = mapped_column(String(16), default="rep")
    team_id: Mapped[int | None] = mapped_column(
        ForeignKey("teams.id", ondelete="SET NULL"), index=True
    )
    nudges_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    nudge_time: Mapped[str | None] = mapped_column(String(5))
    country: Mapped[str | None] = mapped_column(String(8))
    daily_activity_goal: Mapped[int | None] = mapped_column(Integer)
    # What the platform last said (bot/bootstrap.py): its time zone, whether this person
    # runs the workspace, and when we last asked; changes follow the platform, not repeats.
    platform_tz: Mapped[str | None] = mapped_column(String(64))
    platform_admin: Mapped[bool | None] = mapped_column(Boolean)
    platform_checked_at: Mapped[datetime | None] = mapped_column()
    # The key other people's mentions of this person carry, when not external_id (Teams).
    mention_id: Mapped[str | None] = mapped_column(String(64))
    # "chat" (a platform or the console) or "import" (a CSV file): where the person came from.
    source: Mapped[str] = mapped_column(String(16), default="chat", server_default="chat")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

"""Sales records: accounts, logged activity, deals and their history, quotas."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, utcnow


class Account(Base):
    """A customer company; `name_key` folds case and spacing so "acme" finds "Acme"."""

    __tablename__ = "accounts"
    __table_args__ = (UniqueConstraint("workspace_id", "name_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class LogBatch(Base):
    """One logged message (several activities, or one deal change): the unit of undo."""

    __tablename__ = "log_batches"
    __table_args__ = (Index("ix_log_batches_user_recent", "workspace_id", "user_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    summary: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    undone_at: Mapped[datetime | None] = mapped_column()


class Activity(Base):
    __tablename__ = "activities"
    __table_args__ = (
        Index("ix_activities_user_day", "workspace_id", "user_id", "occurred_on"),
        Index("ix_activities_day", "workspace_id", "occurred_on"),
        # Also answers "any recent activity by this owner on this account?" (stale deals,
        # nudges) with one probe: at 10M rows a scan of the account's rows took ~40 ms.
        # Rows without an account (or, below, a log batch: imported ones) are left out of
        # these two: nobody looks them up that way, and a bulk import keeps ~1/3 of its
        # index upkeep (migration 0011).
        Index(
            "ix_activities_account",
            "workspace_id",
            "account_id",
            "user_id",
            "occurred_on",
            sqlite_where=text("account_id IS NOT NULL"),
            postgresql_where=text("account_id IS NOT NULL"),
        ),
        Index(
            "ix_activities_batch_id",
            "batch_id",
            sqlite_where=text("batch_id IS NOT NULL"),
            postgresql_where=text("batch_id IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("log_batches.id", ondelete="SET NULL"))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(16))
    count: Mapped[int] = mapped_column(Integer)
    # The rep's local calendar day: "today" is theirs, not the server's.
    occurred_on: Mapped[date] = mapped_column(Date)
    duration_min: Mapped[int | None] = mapped_column(Integer)
    contact: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(String(2000))
    source: Mapped[str] = mapped_column(String(16), default="chat")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column()


class Deal(Base):
    __tablename__ = "deals"
    __table_args__ = (
        Index("ix_deals_owner_stage", "workspace_id", "owner_id", "stage"),
        Index("ix_deals_closed", "workspace_id", "stage", "closed_at"),
        Index("ix_deals_account", "workspace_id", "account_id"),
        # Win/loss counts over a period, whatever the stage.
        Index("ix_deals_closed_at", "workspace_id", "closed_at"),
        # Covering for the boards' won-revenue sum: no table lookups per closed deal.
        Index(
            "ix_deals_won_cover",
            "workspace_id",
            "stage",
            "closed_at",
            "owner_id",
            "currency",
            "amount_minor",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    amount_minor: Mapped[int | None] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    stage: Mapped[str] = mapped_column(String(16))
    close_date: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column()
    deleted_at: Mapped[datetime | None] = mapped_column()
    # Several open deals may share an account: a name tells them apart ("renewal").
    name: Mapped[str | None] = mapped_column(String(120))
    lost_reason: Mapped[str | None] = mapped_column(String(200))
    # "chat" or "import" (a CSV file): where the row came from.
    source: Mapped[str] = mapped_column(String(16), default="chat", server_default="chat")


class DealStageChange(Base):
    """History of a deal: what it was before, so undo and cycle-time can be computed."""

    __tablename__ = "deal_stage_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    deal_id: Mapped[int] = mapped_column(ForeignKey("deals.id", ondelete="CASCADE"), index=True)
    batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("log_batches.id", ondelete="SET NULL"), index=True
    )
    changed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    from_stage: Mapped[str | None] = mapped_column(String(16))
    to_stage: Mapped[str] = mapped_column(String(16))
    prev_amount_minor: Mapped[int | None] = mapped_column(BigInteger)
    prev_close_date: Mapped[date | None] = mapped_column(Date)
    prev_closed_at: Mapped[datetime | None] = mapped_column()
    created_deal: Mapped[bool] = mapped_column(Boolean, default=False)
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The rest of the deal as it was, so undo restores exactly that (issue 11).
    prev_currency: Mapped[str | None] = mapped_column(String(3))
    prev_name: Mapped[str | None] = mapped_column(String(120))
    prev_lost_reason: Mapped[str | None] = mapped_column(String(200))


class Quota(Base):
    """A target for one user or one team: `subject` is "user:<id>" or "team:<id>"."""

    __tablename__ = "quotas"
    __table_args__ = (
        UniqueConstraint("workspace_id", "subject", "metric", "period_kind", "period_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    subject: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    metric: Mapped[str] = mapped_column(String(16))
    period_kind: Mapped[str] = mapped_column(String(8))
    period_start: Mapped[date] = mapped_column(Date)
    # Revenue targets in minor units of the workspace currency; counts otherwise.
    target: Mapped[int] = mapped_column(BigInteger)
    set_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    source: Mapped[str] = mapped_column(String(16), default="chat", server_default="chat")


class ActivityDay(Base):
    """Live activity per workspace, day and person, a column per kind: kept by database
    triggers (migration 0009) in the same transaction as every write, so boards never scan
    raw rows."""

    __tablename__ = "activity_days"
    # Stored in primary-key order on SQLite (migration 0011): a range is adjacent pages.
    __table_args__ = ({"sqlite_with_rowid": False},)

    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    calls: Mapped[int] = mapped_column(BigInteger)
    emails: Mapped[int] = mapped_column(BigInteger)
    meetings: Mapped[int] = mapped_column(BigInteger)
    demos: Mapped[int] = mapped_column(BigInteger)


class ActivityMonth(Base):
    """The same per calendar month (`month` is its first day): a year is 12 rows a person."""

    __tablename__ = "activity_months"
    # Stored in primary-key order on SQLite (migration 0011): a range is adjacent pages.
    __table_args__ = ({"sqlite_with_rowid": False},)

    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), primary_key=True
    )
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    calls: Mapped[int] = mapped_column(BigInteger)
    emails: Mapped[int] = mapped_column(BigInteger)
    meetings: Mapped[int] = mapped_column(BigInteger)
    demos: Mapped[int] = mapped_column(BigInteger)


class RollupPause(Base):
    """A row here (only ever inside an import's own transaction) pauses the SQLite rollup
    triggers; the import then adds its rows to the rollups in one grouped statement."""

    __tablename__ = "rollup_pause"

    id: Mapped[int] = mapped_column(primary_key=True)

"""Charts and forecast history: whether a workspace gets pictures, the Monday snapshots, and
which managers asked for the Monday digest."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, String, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, utcnow


class ChartSetting(Base):
    """One row per workspace that changed it; no row means charts are on."""

    __tablename__ = "chart_settings"

    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), primary_key=True
    )
    enabled: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class ForecastSnapshot(Base):
    """What the forecast said on a Monday for one rep, team or the workspace, for the
    quarter that Monday is in: the history `forecast vs actual` compares with what closed."""

    __tablename__ = "forecast_snapshots"
    __table_args__ = (UniqueConstraint("workspace_id", "scope", "taken_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    # "user:<id>", "team:<id>" or "workspace": the scopes /forecast answers for.
    scope: Mapped[str] = mapped_column(String(40))
    taken_on: Mapped[date] = mapped_column()
    period_start: Mapped[date] = mapped_column()
    period_end: Mapped[date] = mapped_column()
    currency: Mapped[str] = mapped_column(String(3))
    # Money in minor units of `currency`; amounts with no exchange rate are left out.
    won_minor: Mapped[int] = mapped_column(BigInteger)
    commit_minor: Mapped[int] = mapped_column(BigInteger)
    weighted_minor: Mapped[int] = mapped_column(BigInteger)
    best_minor: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class DigestSubscription(Base):
    """A manager who asked for the Monday DM digest of their team (`/quotabot digest on`)."""

    __tablename__ = "digest_subscriptions"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

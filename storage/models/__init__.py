"""ORM models: every row belongs to a workspace; money in minor units; times in UTC."""

from __future__ import annotations

from storage.models.base import NAMING, Base, utcnow
from storage.models.charts import ChartSetting, DigestSubscription, ForecastSnapshot
from storage.models.files import ChatFile
from storage.models.fx import FxRate
from storage.models.inbox import REPLY_KIND, InboxMessage
from storage.models.ops import AuditEntry, Delivery, PendingAction
from storage.models.org import Team, User, Workspace
from storage.models.platforms import ConversationReference, SlackInstallation, SlackOAuthState
from storage.models.sales import Account, Activity, Deal, DealStageChange, LogBatch, Quota

__all__ = [
    "NAMING",
    "REPLY_KIND",
    "Account",
    "Activity",
    "AuditEntry",
    "Base",
    "ChartSetting",
    "ChatFile",
    "ConversationReference",
    "Deal",
    "DealStageChange",
    "Delivery",
    "DigestSubscription",
    "ForecastSnapshot",
    "FxRate",
    "InboxMessage",
    "LogBatch",
    "PendingAction",
    "Quota",
    "SlackInstallation",
    "SlackOAuthState",
    "Team",
    "User",
    "Workspace",
    "utcnow",
]

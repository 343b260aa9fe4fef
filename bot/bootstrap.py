"""Who is an admin from the start: the platform's word (installer, owner) or QUOTABOT_ADMINS."""

from __future__ import annotations

import json

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from core.messages import Inbound
from storage.models import AuditEntry, User, utcnow

ROLE_CHANGE = "role.set"
_PLATFORM = {"slack": "Slack", "teams": "Teams", "console": "console"}


def listed(settings: Settings, user: User) -> bool:
    """QUOTABOT_ADMINS names this person by platform id or email."""
    ids = settings.admin_ids
    email = (user.email or "").lower()
    return bool(ids) and (user.external_id.lower() in ids or (bool(email) and email in ids))


def promotion(user: User, inbound: Inbound, settings: Settings) -> str | None:
    """Why this person becomes an admin now, or None; remembers what the platform said.

    It only ever promotes: a person an admin demoted in chat stays demoted until the
    platform's answer changes (or QUOTABOT_ADMINS, which the operator controls, names them).
    """
    said, was = inbound.user_is_admin, user.platform_admin
    if said is not None:
        user.platform_admin = said
        user.platform_checked_at = utcnow()
    if user.role == "admin":
        return None
    if listed(settings, user):
        return "QUOTABOT_ADMINS"
    # A change of the platform's answer, not its repetition: an admin's demotion in chat
    # holds while the platform keeps saying the same thing.
    if said and not was:
        return f"{_PLATFORM.get(inbound.platform, inbound.platform)} admin or installer"
    return None


def promote(session: AsyncSession, user: User, reason: str) -> None:
    """Make `user` an admin (their id must be assigned) and say why in the audit log."""
    before, user.role = user.role, "admin"
    detail = {"user": user.id, "before": before, "after": "admin", "by": reason}
    session.add(
        AuditEntry(
            workspace_id=user.workspace_id,
            user_id=None,  # nobody in chat did it: QuotaBot, for the reason given
            action=ROLE_CHANGE,
            detail=json.dumps(detail),
            at=utcnow(),
        )
    )

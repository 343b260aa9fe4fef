"""Audit trail: every write a person makes is recorded in the same transaction."""

from __future__ import annotations

import json
from typing import Any

from handlers.shared.context import Context
from storage.models import AuditEntry


def audit(ctx: Context, action: str, **detail: Any) -> None:
    ctx.session.add(
        AuditEntry(
            workspace_id=ctx.actor.workspace_id,
            user_id=ctx.actor.user_id,
            action=action,
            detail=json.dumps(detail, default=str, ensure_ascii=False),
            at=ctx.now,
        )
    )

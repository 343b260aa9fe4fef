"""Audit trail: every write a person makes is recorded in the same transaction."""

from __future__ import annotations

import json
from typing import Any, cast

from sqlalchemy import Table, insert
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.shared.context import Context
from storage.direct import Direct
from storage.models import AuditEntry

# Rows wait in the session and go in with one statement when the handler is done (the
# router calls `write`): one insert on the table, not a unit-of-work flush per message.
_STAGED = "audit.staged"
_NEW_ENTRIES = Direct(insert(cast(Table, AuditEntry.__table__)))


def audit(ctx: Context, action: str, **detail: Any) -> None:
    staged: list[dict[str, Any]] = ctx.session.info.setdefault(_STAGED, [])
    staged.append(
        {
            "workspace_id": ctx.actor.workspace_id,
            "user_id": ctx.actor.user_id,
            "action": action,
            "detail": json.dumps(detail, default=str, ensure_ascii=False),
            "at": ctx.now,
        }
    )


async def write(session: AsyncSession) -> None:
    """Insert the entries staged in this transaction; the router calls it before commit."""
    staged = session.info.pop(_STAGED, None)
    if staged:
        await _NEW_ENTRIES.many(session, staged)

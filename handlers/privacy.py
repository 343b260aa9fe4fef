"""`/quotabot my data`: everything QuotaBot stores about the asker, as one JSON file."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import ColumnElement, inspect, or_, select
from sqlalchemy.orm import DeclarativeBase

from core.messages import Attachment, Fact, Reply
from handlers.contract import Registrar
from handlers.shared.context import Context
from nlp.intent import Intent
from storage.models import (
    Account,
    Activity,
    AuditEntry,
    ChatFile,
    ConversationReference,
    Deal,
    DealStageChange,
    Delivery,
    LogBatch,
    PendingAction,
    Quota,
    Team,
    User,
)

# Audit actions whose detail may name a person by id ("user", "users", "subject").
_ABOUT_PEOPLE = ("role.set", "team.add", "team.remove", "team.manager", "set_quota")


def _plain(row: DeclarativeBase) -> dict[str, Any]:
    """Every column of a row, as stored (new columns are exported without a change here)."""
    return {attr.key: getattr(row, attr.key) for attr in inspect(type(row)).column_attrs}


async def _all(
    ctx: Context, model: type[DeclarativeBase], *where: ColumnElement[bool]
) -> list[dict[str, Any]]:
    rows = await ctx.session.scalars(select(model).where(*where))
    return [_plain(row) for row in rows]


def _about(entry: AuditEntry, user_id: int) -> bool:
    if entry.user_id == user_id:
        return True
    if entry.action not in _ABOUT_PEOPLE:
        return False
    detail = json.loads(entry.detail or "{}")
    return (
        detail.get("user") == user_id
        or user_id in (detail.get("users") or [])
        or detail.get("subject") == f"user:{user_id}"
    )


async def export(ctx: Context, user: User) -> dict[str, Any]:
    """What is stored about `user` in this workspace, section by section."""
    ws, uid = ctx.actor.workspace_id, user.id
    team = await ctx.session.get(Team, user.team_id) if user.team_id else None
    deals = await _all(ctx, Deal, Deal.workspace_id == ws, Deal.owner_id == uid)
    names = {
        a.id: a.name
        for a in await ctx.session.scalars(
            select(Account).where(Account.id.in_([d["account_id"] for d in deals]))
        )
    }
    for deal in deals:
        deal["account"] = names.get(deal["account_id"])
    entries = await ctx.session.scalars(
        select(AuditEntry)
        .where(AuditEntry.workspace_id == ws)
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    return {
        "profile": {**_plain(user), "team": team.name if team else None},
        "activities": await _all(
            ctx, Activity, Activity.workspace_id == ws, Activity.user_id == uid
        ),
        "deals": deals,
        "deal_changes": await _all(
            ctx,
            DealStageChange,
            DealStageChange.workspace_id == ws,
            or_(
                DealStageChange.changed_by == uid,
                DealStageChange.deal_id.in_([d["id"] for d in deals]),
            ),
        ),
        "logs": await _all(ctx, LogBatch, LogBatch.workspace_id == ws, LogBatch.user_id == uid),
        "quotas": await _all(ctx, Quota, Quota.workspace_id == ws, Quota.user_id == uid),
        "messages_sent_to_you": await _all(
            ctx, Delivery, Delivery.workspace_id == ws, Delivery.user_id == uid
        ),
        # A file sent to import or waiting to be sent: what and when, not its rows again.
        "files_waiting": [
            {k: v for k, v in row.items() if k != "content"}
            for row in await _all(
                ctx, ChatFile, ChatFile.workspace_id == ws, ChatFile.user_id == uid
            )
        ],
        "open_questions": await _all(
            ctx, PendingAction, PendingAction.workspace_id == ws, PendingAction.user_id == uid
        ),
        "where_we_reach_you": await _all(
            ctx,
            ConversationReference,
            ConversationReference.workspace_id == ws,
            ConversationReference.kind == "user",
            ConversationReference.key == user.external_id,
        ),
        "audit_log": [_plain(e) for e in entries if _about(e, uid)],
    }


async def handle_my_data(intent: Intent, ctx: Context) -> Reply:
    me = await ctx.session.get(User, ctx.actor.user_id)
    assert me is not None
    stored = await export(ctx, me)
    text = json.dumps(stored, default=str, ensure_ascii=False, indent=1, sort_keys=True)
    day = ctx.today.isoformat()
    counts = tuple(
        Fact(section.replace("_", " ").capitalize(), str(len(rows)))
        for section, rows in stored.items()
        if isinstance(rows, list)
    )
    return Reply(
        text="📦 Everything QuotaBot stores about you, as JSON.",
        title="Your data",
        facts=counts,
        notes=("`/quotabot delete my data` erases it (you'll be asked to confirm).",),
        attachment=Attachment(f"quotabot-my-data-{day}.json", text),
    )


def register(router: Registrar) -> None:
    router.add(
        "my_data",
        handle_my_data,
        access="public",
        summary="Everything QuotaBot stores about you, as a file",
        examples=("/quotabot my data",),
    )

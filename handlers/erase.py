"""`/quotabot delete my data`: after a yes, erase the asker; keep only what team totals need."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import delete, func, select, update

from core.actions import ActionId
from core.messages import Button, Reply
from handlers.contract import Registrar
from handlers.shared.audit import audit
from handlers.shared.context import Context
from handlers.shared.errors import UserError
from nlp.intent import Intent
from storage.models import (
    Activity,
    ChatFile,
    ConversationReference,
    Delivery,
    LogBatch,
    PendingAction,
    Quota,
    Team,
    User,
)

# Matches bot/clarify.py: the open question is one pending_actions row, answered by a
# "yes"/"no" (typed or pressed) within these minutes, then run as this intent.
ASK_FOR = timedelta(minutes=5)
# A role no listing, board or nudge counts as a person (they filter on rep/manager/admin).
FORMER = "former"


async def _ask(ctx: Context) -> Reply:
    where = (
        PendingAction.workspace_id == ctx.actor.workspace_id,
        PendingAction.user_id == ctx.actor.user_id,
    )
    await ctx.session.execute(delete(PendingAction).where(*where))
    ctx.session.add(
        PendingAction(
            workspace_id=ctx.actor.workspace_id,
            user_id=ctx.actor.user_id,
            intent_json=json.dumps({"name": "delete_my_data", "slots": {"confirmed": True}}),
            expires_at=ctx.now + ASK_FOR,
        )
    )
    return Reply(
        text=(
            "⚠️ This erases your name, email, notes, contacts, quotas and settings from "
            "QuotaBot, for good. Your logged numbers stay in your team's totals, under "
            "“former member”. Delete your data?"
        ),
        buttons=(
            Button("Yes, delete my data", ActionId.CONFIRM, style="danger"),
            Button("No, keep it", ActionId.CANCEL),
        ),
        notes=("Reply yes or no. `/quotabot my data` shows what is stored first.",),
    )


async def _last_admin(ctx: Context, user: User) -> bool:
    if user.role != "admin":
        return False
    admins = await ctx.session.scalar(
        select(func.count()).where(User.workspace_id == user.workspace_id, User.role == "admin")
    )
    return int(admins or 0) <= 1


async def erase(ctx: Context, user: User) -> None:
    """Anonymise `user` in place: their activity and deals still add up in team totals."""
    ws, uid = user.workspace_id, user.id
    mine = (Activity.workspace_id == ws, Activity.user_id == uid)
    await ctx.session.execute(update(Activity).where(*mine).values(contact=None, notes=None))
    await ctx.session.execute(
        update(LogBatch)
        .where(LogBatch.workspace_id == ws, LogBatch.user_id == uid)
        .values(summary="")
    )
    for model, column in (
        (Quota, Quota.user_id),
        (Delivery, Delivery.user_id),
        (PendingAction, PendingAction.user_id),
        (ChatFile, ChatFile.user_id),
    ):
        await ctx.session.execute(delete(model).where(model.workspace_id == ws, column == uid))
    await ctx.session.execute(
        delete(ConversationReference).where(
            ConversationReference.workspace_id == ws,
            ConversationReference.kind == "user",
            ConversationReference.key == user.external_id,
        )
    )
    await ctx.session.execute(
        update(Team).where(Team.workspace_id == ws, Team.manager_id == uid).values(manager_id=None)
    )
    # A new message from the same platform id meets a new person, not this row.
    user.external_id = f"former:{uid}"
    user.name = f"Former member {uid}"
    user.email = user.mention_id = user.platform_tz = user.nudge_time = user.country = None
    user.platform_admin = user.platform_checked_at = user.daily_activity_goal = None
    user.role, user.nudges_enabled = FORMER, False


async def handle_delete_my_data(intent: Intent, ctx: Context) -> Reply:
    me = await ctx.session.get(User, ctx.actor.user_id)
    assert me is not None
    if await _last_admin(ctx, me):
        raise UserError("You're the last admin here; make someone else admin first.")
    if intent.slots.get("confirmed") is not True:
        return await _ask(ctx)
    await erase(ctx, me)
    audit(ctx, "privacy.erase", user=me.id)
    return Reply(text="🗑️ Done: your data is erased. If you write again, I'll meet you anew.")


def register(router: Registrar) -> None:
    router.add(
        "delete_my_data",
        handle_delete_my_data,
        access="public",
        summary="Erase what QuotaBot stores about you (asks first)",
        examples=("/quotabot delete my data",),
    )

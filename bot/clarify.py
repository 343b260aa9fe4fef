"""Ask before an unsure write, keep the question a few minutes, and map buttons to intents."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.messages import Action, Actor, Button, Reply
from handlers.shared.describe import describe
from handlers.shared.forms import intent_from_form, log_form
from nlp.intent import Intent
from nlp.parser import CLARIFY_BELOW
from storage.models import PendingAction

PENDING_FOR = timedelta(minutes=5)
YES = frozenset(
    {"yes", "y", "yep", "yeah", "yup", "ok", "okay", "sure", "confirm", "correct", "👍"}
)
NO = frozenset({"no", "n", "nope", "nah", "cancel", "wrong", "👎"})


def unsure(intent: Intent) -> bool:
    return intent.confidence < CLARIFY_BELOW


async def ask(session: AsyncSession, actor: Actor, intent: Intent, now: datetime) -> Reply:
    await _forget(session, actor)
    session.add(
        PendingAction(
            workspace_id=actor.workspace_id,
            user_id=actor.user_id,
            intent_json=json.dumps({"name": intent.name, "slots": intent.slots}),
            expires_at=now + PENDING_FOR,
        )
    )
    return Reply(
        text=f"Just checking before I save anything: {describe(intent)}?",
        buttons=(
            Button("Yes, save it", "confirm", style="primary"),
            Button("No", "cancel"),
        ),
        notes=("Reply yes or no, or just rephrase.",),
    )


async def _forget(session: AsyncSession, actor: Actor) -> None:
    await session.execute(
        delete(PendingAction).where(
            PendingAction.workspace_id == actor.workspace_id,
            PendingAction.user_id == actor.user_id,
        )
    )


async def _take(session: AsyncSession, actor: Actor, now: datetime) -> Intent | None:
    pending = await session.scalar(
        select(PendingAction).where(
            PendingAction.workspace_id == actor.workspace_id,
            PendingAction.user_id == actor.user_id,
        )
    )
    if pending is None:
        return None
    await session.delete(pending)
    if pending.expires_at < now:
        return None
    data = json.loads(pending.intent_json)
    return Intent(name=data["name"], slots=data["slots"], confidence=1.0)


async def answer_pending(
    session: AsyncSession, actor: Actor, text: str, now: datetime
) -> Intent | Reply | None:
    """A yes/no to an open question; None when the message is something else."""
    word = text.strip().strip("!.").lower()
    if word not in YES and word not in NO:
        return None
    intent = await _take(session, actor, now)
    if intent is None:
        return None
    if word in NO:
        return Reply(text="OK, nothing saved. Tell me again in other words, or type /log.")
    return intent


async def from_action(
    session: AsyncSession, actor: Actor, action: Action, now: datetime
) -> Intent | Reply:
    if action.action_id == "confirm":
        intent = await _take(session, actor, now)
        if intent is None:
            return Reply(text="That question has expired; nothing was saved.", ok=False)
        return intent
    if action.action_id == "cancel":
        await _take(session, actor, now)
        return Reply(text="OK, nothing saved.")
    if action.action_id == "undo":
        slots = {"batch": int(action.value)} if action.value.isdigit() else {}
        return Intent("undo", slots)
    if action.action_id in ("log_another", "open_log_form"):
        return log_form("log_activity")
    if action.action_id == "open_deal_form":
        return log_form("log_deal")
    if action.action_id.startswith("submit:"):
        return intent_from_form(
            action.action_id.removeprefix("submit:"), action.fields, now, actor.tz
        )
    return Reply(text="That button is no longer active.", ok=False)

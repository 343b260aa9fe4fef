"""Ask before an unsure write, keep the question a few minutes, take the yes or the no."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.actions import ActionId
from core.messages import Action, Actor, Button, Reply
from handlers.shared.describe import describe
from nlp.intent import Intent
from nlp.parser import CLARIFY_BELOW
from storage.models import PendingAction

PENDING_FOR = timedelta(minutes=5)
YES = frozenset(
    {"yes", "y", "yep", "yeah", "yup", "ok", "okay", "sure", "confirm", "correct", "👍"}
)
NO = frozenset({"no", "n", "nope", "nah", "cancel", "wrong", "👎"})
ANSWERS = YES | NO


def unsure(intent: Intent) -> bool:
    return intent.confidence < CLARIFY_BELOW


async def ask(
    session: AsyncSession,
    actor: Actor,
    intent: Intent,
    now: datetime,
    question: str | None = None,
    note: str = "Reply yes or no, or just rephrase.",
) -> Reply:
    """Keep `intent` as the person's pending request and ask: Yes runs it, No forgets it."""
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
        text=question or f"Just checking before I save anything: {describe(intent)}?",
        buttons=(
            Button("Yes, save it", ActionId.CONFIRM, style="primary"),
            Button("No", ActionId.CANCEL),
        ),
        notes=(note,),
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


def is_answer(text: str) -> bool:
    """Whether a message could answer an open question (then the router looks for one)."""
    return _word(text) in ANSWERS


def _word(text: str) -> str:
    return text.strip().strip("!.").lower()


async def answer_pending(
    session: AsyncSession, actor: Actor, text: str, now: datetime
) -> Intent | Reply | None:
    """A yes/no to an open question; None when the message is something else."""
    word = _word(text)
    if word not in ANSWERS:
        return None
    intent = await _take(session, actor, now)
    if intent is None:
        return None
    if word in NO:
        return Reply(text="OK, nothing saved. Tell me again in other words, or type /log.")
    return intent


async def confirm(
    session: AsyncSession, actor: Actor, _action: Action, now: datetime
) -> Intent | Reply:
    """The Yes button: the question's intent, now sure."""
    intent = await _take(session, actor, now)
    if intent is None:
        return Reply(text="That question has expired; nothing was saved.", ok=False)
    return intent


async def cancel(session: AsyncSession, actor: Actor, _action: Action, now: datetime) -> Reply:
    await _take(session, actor, now)
    return Reply(text="OK, nothing saved.")

"""Questions a handler asks before it writes: which one (buttons), or "really?" (yes/no).

A handler raises `Choose` or `Doubt`; `asking` rolls back what the handler did so far and
answers with the question. A choice is a `choose` button carrying the request again with
the chosen slots; a doubt is kept as the user's pending action, so the router's Yes (or a
typed "yes") runs the request again, marked `confirmed`.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import delete

from core.actions import ActionId
from core.messages import Button, Reply
from handlers.shared.context import Context
from handlers.shared.errors import UserError
from nlp.intent import Intent
from storage.models import PendingAction

# The slot a confirmed request carries: its doubts were answered with yes.
CONFIRMED = "confirmed"
# As long as the router keeps its own questions (bot/clarify.py).
PENDING_FOR = timedelta(minutes=5)
MAX_OPTIONS = 5

Handler = Callable[[Intent, Context], Awaitable[Reply]]


@dataclass(frozen=True)
class Option:
    """One button: what the person reads, and the slots it sets on the request."""

    label: str
    slots: Mapping[str, object] = field(default_factory=dict)


class Choose(UserError):
    """Several things fit what the person wrote: they pick one."""

    def __init__(self, message: str, options: list[Option]) -> None:
        super().__init__(message)
        self.options = options[:MAX_OPTIONS]


class Doubt(UserError):
    """Values far from this person's usual: saved only after a yes."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("Just checking before I save it: " + " ".join(reasons))
        self.reasons = reasons


def confirmed(intent: Intent) -> bool:
    return intent.slots.get(CONFIRMED) is True


def asking(handler: Handler) -> Handler:
    """`handler`, answering its Choose and Doubt with a question and nothing saved."""

    async def asks(intent: Intent, ctx: Context) -> Reply:
        try:
            async with ctx.session.begin_nested():
                return await handler(intent, ctx)
        except Choose as asked:
            return choices(intent, asked)
        except Doubt as doubt:
            return await _confirm(intent, ctx, doubt)

    return asks


def choices(intent: Intent, asked: Choose) -> Reply:
    buttons = tuple(
        Button(
            option.label,
            ActionId.CHOOSE,
            json.dumps({"intent": intent.name, "slots": {**intent.slots, **option.slots}}),
        )
        for option in asked.options
    )
    return Reply(text=asked.message, buttons=buttons)


async def _confirm(intent: Intent, ctx: Context, doubt: Doubt) -> Reply:
    actor = ctx.actor
    await ctx.session.execute(
        delete(PendingAction).where(
            PendingAction.workspace_id == actor.workspace_id,
            PendingAction.user_id == actor.user_id,
        )
    )
    slots = {**intent.slots, CONFIRMED: True}
    ctx.session.add(
        PendingAction(
            workspace_id=actor.workspace_id,
            user_id=actor.user_id,
            intent_json=json.dumps({"name": intent.name, "slots": slots}),
            expires_at=ctx.now + PENDING_FOR,
        )
    )
    return Reply(
        text=doubt.message + " Save it anyway?",
        buttons=(
            Button("Yes, save it", ActionId.CONFIRM, style="primary"),
            Button("No", ActionId.CANCEL),
        ),
        notes=("Reply yes or no, or say it again with the right figure.",),
    )

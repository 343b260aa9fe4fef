"""Anything the bot can't do: say so briefly and show what it can."""

from __future__ import annotations

from core.messages import Reply
from handlers.contract import Registrar
from handlers.shared.context import Context
from nlp.intent import Intent

# Small talk gets a short, friendly answer; nothing is ever done for it.
_NOTES = {
    "greeting": "Hi {first}! 👋 Log activity like `3 calls with Acme`, or ask `how am I tracking?`",
    "thanks": "Anytime, {first}! 🙌",
    "farewell": "See you, {first}! 👋",
    "planned": (
        "That's still ahead, so I haven't logged it. Once it has happened, tell me "
        "(e.g. `demo with Acme today`) and I'll log it."
    ),
    "to_colleague": "That one looks meant for a colleague, so I'll leave it alone.",
}


async def handle_unknown(intent: Intent, ctx: Context) -> Reply:
    note = _NOTES.get(intent.note or "")
    if note:
        first = ctx.actor.name.split()[0] if ctx.actor.name.strip() else "there"
        return Reply(text=note.format(first=first))
    return Reply(
        text=(
            "I didn't catch that. I can log activity (`3 calls with Acme`), deals "
            "(`closed Initech for $24k`), and show your `/quota`, `/pipeline` or `/leaderboard`. "
            "Type `help` for more."
        ),
        ok=False,
    )


def register(router: Registrar) -> None:
    router.add("unknown", handle_unknown, access="public", summary="Fallback", examples=())

"""Anything the bot can't do: say so briefly and show what it can."""

from __future__ import annotations

from core.messages import Reply
from handlers.contract import Registrar
from handlers.shared.context import Context
from nlp.intent import Intent


async def handle_unknown(intent: Intent, ctx: Context) -> Reply:
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

"""Help, generated from the registered handlers' own summaries and examples."""

from __future__ import annotations

from typing import Protocol

from core.messages import Reply, Table
from handlers.contract import Handler, Registrar
from handlers.shared.context import Context
from nlp.intent import Intent


class _Described(Protocol):
    summary: str
    examples: tuple[str, ...]
    access: str


class _Routes(Protocol):
    routes: dict[str, _Described]


def make_help(router: _Routes) -> Handler:
    async def handle_help(intent: Intent, ctx: Context) -> Reply:
        rows = []
        for name, route in router.routes.items():
            if name in ("help", "unknown"):
                continue
            if route.access in ("manage", "admin") and ctx.actor.role == "rep":
                continue
            example = route.examples[0] if route.examples else ""
            rows.append((route.summary, f"`{example}`"))
        topic = intent.slots.get("topic")
        command = f"/quotabot {topic} "
        if isinstance(topic, str) and any(command in tried for _, tried in rows):
            return Reply(
                text=f"I couldn't read that `/quotabot {topic}` command. It goes like this:",
                title="QuotaBot help",
                table=Table(("What", "Try"), tuple(r for r in rows if command in r[1])),
                ok=False,
            )
        return Reply(
            text="Here's what I can do. Just type the way you'd tell a colleague.",
            title="QuotaBot help",
            table=Table(("What", "Try"), tuple(rows)),
            notes=(
                "Slash commands: /log /deal /quota /pipeline /forecast /team /leaderboard "
                "/goal /quotabot",
            ),
        )

    return handle_help


def register(router: Registrar) -> None:
    router.add(
        "help",
        make_help(router),  # type: ignore[arg-type]
        access="public",
        summary="What QuotaBot can do",
        examples=("help",),
    )

"""Intent -> handler: one transaction per message, the policy check, one error path."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import clarify
from bot.config import Settings
from bot.identity import actor_of, user_for, workspace_for
from bot.policy import refusal
from bot.share import split_share
from bot.text import clean
from core.clock import system_clock
from core.messages import Actor, Inbound, Reply
from handlers.contract import Access, Handler
from handlers.shared.context import Context, Subject
from handlers.shared.errors import FormError, UserError
from handlers.shared.forms import log_form
from handlers.shared.subjects import resolve_subject
from nlp.intent import Intent
from storage.models import Workspace

log = logging.getLogger(__name__)

Parse = Callable[[str, Inbound, Actor], Awaitable[Intent]]

# Chat platforms cap messages near here (Slack: 40k, Teams: ~28 KB); we want a short fact.
MAX_TEXT = 4000
# A bare `/log` or `/deal` means "give me the form" (Slack modal, Teams card, console prompt).
FORM_COMMANDS = {"/log": "log_activity", "/deal": "log_deal"}


@dataclass(frozen=True)
class Route:
    intent: str
    handler: Handler
    access: Access
    summary: str
    examples: tuple[str, ...]
    default_subject: str | None = None


class Router:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        settings: Settings,
        parse: Parse,
        clock: Callable[[], datetime] = system_clock,
    ) -> None:
        self.sessions = sessions
        self.settings = settings
        self.parse = parse
        self.clock = clock
        self.routes: dict[str, Route] = {}

    def add(
        self,
        intent: str,
        handler: Handler,
        *,
        access: Access,
        summary: str,
        examples: tuple[str, ...] = (),
        default_subject: str | None = None,
    ) -> None:
        if intent in self.routes:
            raise ValueError(f"intent {intent!r} registered twice")
        self.routes[intent] = Route(intent, handler, access, summary, examples, default_subject)

    async def handle(self, inbound: Inbound) -> Reply:
        """Answer one message; never raises, never leaves a partial write."""
        try:
            actor = await self._identify(inbound)
        except Exception:
            log.exception("could not resolve the speaker")
            return _sorry()
        try:
            async with self.sessions() as session, session.begin():
                return await self._dispatch(session, inbound, actor)
        except FormError as exc:
            return Reply(text=exc.message, ok=False, errors=tuple(exc.errors.items()))
        except UserError as exc:
            return Reply(text=exc.message + (f"\n{exc.hint}" if exc.hint else ""), ok=False)
        except Exception:
            # The transaction above rolled back; the person gets one calm sentence.
            log.exception("handler failed for intent on %s", inbound.platform)
            return _sorry()

    async def run_intent(self, intent: Intent, actor: Actor, source: str = "system") -> Reply:
        """Run a synthetic intent (scheduler nudges, leaderboards) through the same path."""
        try:
            async with self.sessions() as session, session.begin():
                return await self._run(session, intent, actor, source)
        except UserError as exc:
            return Reply(text=exc.message, ok=False)

    async def _identify(self, inbound: Inbound) -> Actor:
        async with self.sessions() as session, session.begin():
            workspace = await workspace_for(session, inbound, self.settings)
            user = await user_for(session, workspace, inbound)
            return actor_of(user, workspace)

    async def _dispatch(self, session: AsyncSession, inbound: Inbound, actor: Actor) -> Reply:
        now = self.clock()
        if inbound.action is not None:
            intent = await clarify.from_action(session, actor, inbound.action, now)
            if isinstance(intent, Reply):
                return intent
            return await self._run(session, intent, actor, "button")
        text = clean(inbound.text)
        if len(text) > MAX_TEXT:
            raise UserError(
                f"That message is {len(text):,} characters; I read up to {MAX_TEXT:,}. "
                "Send the key fact, like `3 calls with Acme`."
            )
        if not text and inbound.command in FORM_COMMANDS:
            return log_form(FORM_COMMANDS[inbound.command])
        answer = await clarify.answer_pending(session, actor, text, now)
        if isinstance(answer, Reply):
            return answer
        if answer is not None:
            return await self._run(session, answer, actor, "chat")
        text, share = split_share(text)
        intent = await self.parse(text, inbound, actor)
        if intent.is_write and clarify.unsure(intent):
            if not text:
                return self._usage(intent.name)  # a bare `/goal`: show how, don't guess
            return await clarify.ask(session, actor, intent, now)
        source = "slash" if inbound.command else "chat"
        reply = await self._run(session, intent, actor, source)
        # Numbers go to the channel only when the asker says so, and only answers, not logs.
        if share and reply.ok and not intent.is_write:
            return replace(reply, private=False)
        return reply

    async def _run(self, session: AsyncSession, intent: Intent, actor: Actor, source: str) -> Reply:
        route = self.routes.get(intent.name) or self.routes["unknown"]
        workspace = await session.get(Workspace, actor.workspace_id)
        assert workspace is not None
        subject = await self._subject(session, actor, intent, route)
        denied = refusal(actor, route.access, subject)
        if denied:
            return Reply(text=denied, ok=False)
        ctx = Context(session, actor, workspace, self.clock(), subject, source)
        return await route.handler(intent, ctx)

    async def _subject(
        self, session: AsyncSession, actor: Actor, intent: Intent, route: Route
    ) -> Subject:
        raw = intent.slots.get("subject") or route.default_subject
        if route.access == "public" and not raw:
            return Subject(kind="self", label="you")
        return await resolve_subject(session, actor, raw if isinstance(raw, str) else None)

    def _usage(self, intent: str) -> Reply:
        route = self.routes.get(intent) or self.routes["help"]
        examples = "\n".join(f"  `{example}`" for example in route.examples)
        return Reply(text=f"{route.summary}. For example:\n{examples}")


def _sorry() -> Reply:
    return Reply(
        text="Sorry, something went wrong on my side and nothing was saved. Please try again.",
        ok=False,
    )

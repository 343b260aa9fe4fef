"""Intent -> handler: one transaction per message, the policy check, one error path."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Final, TypeVar, cast

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import clarify
from bot.config import Settings
from bot.identity import Speaker, Speakers
from bot.policy import refusal
from bot.sealing import Sealing
from bot.share import split_share
from bot.text import clean
from bot.understand import Parse
from core.actions import ActionId, FormId
from core.clock import system_clock
from core.messages import Action, Actor, Button, Inbound, Reply
from handlers.contract import Access, Handler
from handlers.shared import audit
from handlers.shared.asks import CONFIRMED, Choose, Question
from handlers.shared.context import Context, Subject
from handlers.shared.errors import FormError, UserError
from handlers.shared.forms import intent_from_form, log_form
from handlers.shared.subjects import Ambiguous, resolve_subject
from nlp.intent import Intent
from storage.models import Workspace

log = logging.getLogger(__name__)

T = TypeVar("T")
# One step inside the message's transaction, given the session and the speaker's workspace.
Step = Callable[[AsyncSession, Workspace], Awaitable[T]]
# What a button press or form submission runs: an Intent for a handler, or the Reply itself.
Press = Callable[[AsyncSession, Actor, Action, datetime], Awaitable[Intent | Reply]]


# A value the parser could not read (nlp.intent.BAD_VALUES): never asked "save it?".
UNREADABLE: Final[Mapping[str, str]] = {
    "bad_amount": "I couldn't read that amount. Write it like `$24k`, `24,500` or `€8.5k`.",
    "bad_count": "A count is a whole number of at least 1, like `3 calls`.",
    "bad_date": "That date doesn't exist. Try `on Nov 3`, `yesterday` or `last Friday`.",
    "bad_zone": "I don't know that time zone. Say it like `my time zone is Europe/Berlin`, "
    "or with a city: `my time zone is Chicago`.",
}
# Chat platforms cap messages near here (Slack: 40k, Teams: ~28 KB); we want a short fact.
MAX_TEXT = 4000
# A bare `/log` or `/deal` means "give me the form" (Slack modal, Teams card, console prompt).
FORM_COMMANDS: Final[Mapping[str, FormId]] = {"/log": FormId.LOG_ACTIVITY, "/deal": FormId.LOG_DEAL}


def _opens(form_id: FormId) -> Press:
    async def open_form(_s: AsyncSession, _a: Actor, _action: Action, _now: datetime) -> Reply:
        return log_form(form_id)

    return open_form


def _submits(form_id: FormId) -> Press:
    async def submitted(_s: AsyncSession, actor: Actor, action: Action, now: datetime) -> Intent:
        return intent_from_form(form_id, action.fields, now, actor.tz)

    return submitted


async def _chosen(_s: AsyncSession, _a: Actor, action: Action, _now: datetime) -> Intent | Reply:
    # The value is only a request the person could type themselves: it runs through the
    # same subject resolution and policy as any message.
    try:
        data = json.loads(action.value)
        name, slots = data["intent"], data["slots"]
        if not (isinstance(name, str) and isinstance(slots, dict)):
            raise TypeError("not an intent")
    except (ValueError, KeyError, TypeError):
        return Reply(text="I couldn't read that choice; please ask again.", ok=False)
    return Intent(name, slots, 1.0)


Options = Sequence[tuple[str, Mapping[str, object]]]


def _choices(intent: Intent, message: str, options: Options) -> Reply:
    """One `choose` button per option, each carrying the request again with its slots."""
    buttons = tuple(
        Button(
            label,
            ActionId.CHOOSE,
            json.dumps({"intent": intent.name, "slots": {**intent.slots, **slots}}),
        )
        for label, slots in options
    )
    return Reply(text=message, buttons=buttons)


async def _undo(_s: AsyncSession, _a: Actor, action: Action, _now: datetime) -> Intent:
    # The button carries its batch id: it undoes that log, not whatever came last.
    return Intent("undo", {"batch": int(action.value)} if action.value.isdigit() else {})


async def _my_numbers(_s: AsyncSession, _a: Actor, _action: Action, _now: datetime) -> Intent:
    # No subject: the presser's own numbers, whoever posted the button.
    return Intent("check_quota", {})


# Every action id of core.actions and what it runs; tests/bot/test_actions.py keeps them equal.
ACTIONS: Final[Mapping[str, Press]] = {
    ActionId.CONFIRM: clarify.confirm,
    ActionId.CANCEL: clarify.cancel,
    ActionId.UNDO: _undo,
    ActionId.OPEN_LOG_FORM: _opens(FormId.LOG_ACTIVITY),
    ActionId.LOG_ANOTHER: _opens(FormId.LOG_ACTIVITY),
    ActionId.OPEN_DEAL_FORM: _opens(FormId.LOG_DEAL),
    ActionId.SUBMIT_LOG_ACTIVITY: _submits(FormId.LOG_ACTIVITY),
    ActionId.SUBMIT_LOG_DEAL: _submits(FormId.LOG_DEAL),
    ActionId.CHOOSE: _chosen,
    ActionId.MY_NUMBERS: _my_numbers,
}


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
        self.speakers = Speakers(sessions, settings)

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

    async def handle(self, inbound: Inbound, seal: Sealing | None = None) -> Reply:
        """Answer one message; never raises, never leaves a partial write."""
        try:
            speaker = await self.speakers(inbound)
        except Exception:
            log.exception("could not resolve the speaker")
            return _sorry()
        try:
            return await self._answer(inbound, speaker, seal)
        except FormError as exc:
            return Reply(text=exc.message, ok=False, errors=tuple(exc.errors.items()))
        except UserError as exc:
            return Reply(text=exc.message + (f"\n{exc.hint}" if exc.hint else ""), ok=False)
        except Exception:
            # The transaction rolled back; the person gets one calm sentence.
            log.exception("handler failed for intent on %s", inbound.platform)
            return _sorry()

    async def _answer(self, inbound: Inbound, speaker: Speaker, seal: Sealing | None) -> Reply:
        actor, now = speaker.actor, self.clock()
        if inbound.action is not None:
            return await self._press(inbound.action, speaker, now, seal)
        text = clean(inbound.text)
        if len(text) > MAX_TEXT:
            raise UserError(
                f"That message is {len(text):,} characters; I read up to {MAX_TEXT:,}. "
                "Send the key fact, like `3 calls with Acme`."
            )
        form = FORM_COMMANDS.get(inbound.command or "")
        if not text and form is not None:
            return log_form(form)
        if clarify.is_answer(text):
            settled = await self._transaction(
                speaker, lambda session, ws: self._settle(session, ws, actor, text, now), seal
            )
            if settled is not None:
                return settled
        text, share = split_share(text)
        # No session is open here: the parser may wait seconds on an LLM, and must not hold a
        # pooled connection meanwhile (on SQLite, BEGIN IMMEDIATE would hold the write lock).
        intent = await self.parse(text, inbound, actor)
        unreadable = UNREADABLE.get(intent.note or "")
        if unreadable:
            # Asking "record the Acme deal?" would save it without the value: say what's off.
            return Reply(text=unreadable, ok=False)
        if intent.name == "unknown" and intent.note == "planned" and intent.planned:
            # A booking for later: the log handler says it isn't done yet and offers a reminder.
            intent = Intent("log_activity", dict(intent.planned), 0.9)
        if intent.is_write and clarify.unsure(intent):
            if not text:
                return self._usage(intent.name)  # a bare `/goal`: show how, don't guess
            return await self._transaction(
                speaker, lambda session, _ws: clarify.ask(session, actor, intent, now), seal
            )
        source = "slash" if inbound.command else "chat"

        async def answered(session: AsyncSession, workspace: Workspace) -> Reply:
            reply = await self._run(session, workspace, intent, actor, source)
            # Numbers go to the channel only when the asker says so, and only answers, not logs.
            if share and reply.ok and not intent.is_write:
                return replace(reply, private=False)
            return reply

        return await self._transaction(speaker, answered, seal)

    async def _transaction(self, speaker: Speaker, step: Step[T], seal: Sealing | None) -> T:
        """One transaction: commits when the step returns, rolls back when it raises.

        A step that answers (returns a Reply) runs `seal` before the commit. A handler's
        question (Choose, Doubt) rolls back whatever it wrote; the question is asked (and
        sealed) in a transaction of its own.
        """
        try:
            return await self._commit(speaker, step, seal)
        except Question as asked:
            question = asked
        ask = cast(Step[T], lambda session, _ws: self._question(session, speaker, question))
        return await self._commit(speaker, ask, seal)

    async def _question(self, session: AsyncSession, speaker: Speaker, asked: Question) -> Reply:
        intent = asked.intent
        assert intent is not None, "Router._run names the request a question is about"
        if isinstance(asked, Choose):
            return _choices(intent, asked.message, [(o.label, o.slots) for o in asked.options])
        sure = Intent(intent.name, {**intent.slots, CONFIRMED: True}, intent.confidence)
        return await clarify.ask(
            session,
            speaker.actor,
            sure,
            self.clock(),
            question=asked.message + " Save it anyway?",
            note="Reply yes or no, or say it again with the right figure.",
        )

    async def _commit(self, speaker: Speaker, step: Step[T], seal: Sealing | None) -> T:
        async with self.sessions() as session, session.begin():
            # The speaker's rows as identify() read them join this session's identity map, so
            # `session.get(User, actor.user_id)` anywhere below answers without a query.
            workspace = await session.merge(speaker.workspace, load=False)
            # The identity map holds rows weakly; this keeps the speaker's for the transaction.
            session.info["speaker"] = await session.merge(speaker.user, load=False)
            result = await step(session, workspace)
            await audit.write(session)
            answer = result if isinstance(result, Reply) else None
            if seal is not None and answer is not None:
                await seal.step(session, speaker.actor, answer)
        if seal is not None and answer is not None:
            seal.sealed = True
        return result

    async def _press(
        self, action: Action, speaker: Speaker, now: datetime, seal: Sealing | None
    ) -> Reply:
        press = ACTIONS.get(action.action_id)
        if press is None:
            return Reply(text="That button is no longer active.", ok=False)
        # Form inputs are typed text: the same hygiene as chat (NUL, bidi overrides, controls).
        action = replace(action, fields={k: clean(v) for k, v in action.fields.items()})

        async def pressed(session: AsyncSession, workspace: Workspace) -> Reply:
            outcome = await press(session, speaker.actor, action, now)
            if isinstance(outcome, Reply):
                return outcome
            return await self._run(session, workspace, outcome, speaker.actor, "button")

        return await self._transaction(speaker, pressed, seal)

    async def _settle(
        self, session: AsyncSession, workspace: Workspace, actor: Actor, text: str, now: datetime
    ) -> Reply | None:
        """A yes or no to an open question; None when there is none (then the text is parsed)."""
        answer = await clarify.answer_pending(session, actor, text, now)
        if isinstance(answer, Intent):
            return await self._run(session, workspace, answer, actor, "chat")
        return answer

    async def _run(
        self, session: AsyncSession, workspace: Workspace, intent: Intent, actor: Actor, source: str
    ) -> Reply:
        route = self.routes.get(intent.name) or self.routes["unknown"]
        try:
            subject = await self._subject(session, actor, intent, route)
        except Ambiguous as unclear:
            options = [(c.label, {"subject": c.subject}) for c in unclear.choices]
            return _choices(intent, unclear.message, options)
        denied = refusal(actor, route.access, subject, intent.name)
        if denied:
            return Reply(text=denied, ok=False)
        ctx = Context(session, actor, workspace, self.clock(), subject, source)
        try:
            return await route.handler(intent, ctx)
        except Question as asked:
            asked.intent = intent  # _transaction asks it, after rolling back
            raise

    async def _subject(
        self, session: AsyncSession, actor: Actor, intent: Intent, route: Route
    ) -> Subject:
        raw = intent.slots.get("subject") or route.default_subject
        if route.access == "self":
            # The contract gives settings, logs and undo no subject; a person named rides as
            # the scope, so "turn off <@U07>'s nudges" or "undo Ben's last log" meets the
            # policy instead of changing the speaker's own.
            raw = raw or intent.scope
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

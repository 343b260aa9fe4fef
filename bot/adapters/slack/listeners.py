"""Bolt listeners: verified requests are stored in the inbox, then acked; workers answer them.

Slack does not resend what it got a 200 for, so the ack waits for the inbox row's commit
(one short transaction shared by concurrent requests): once acked, a request survives a
restart or a crash. Slack gives up after 3 s without an ack; the store takes milliseconds.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltRequest

from bot.adapters.slack import inbound as parse
from bot.adapters.slack.delivery import Destination
from bot.adapters.slack.flows import Flows
from bot.adapters.slack.modals import form_id, inline_errors, metadata, modal, submitted
from bot.adapters.slack.work import ANSWER, HOME, SUBMIT, Malformed, Work, event_key, request_key
from bot.inbox_job import Waiter
from core.actions import OPENS, SETTLING, FormId
from core.messages import Action, Inbound

Body = dict[str, Any]

# Message subtypes that are people typing; edits, joins, bot posts and the like are not.
_SPOKEN = frozenset({None, "thread_broadcast", "file_share"})
# Global shortcuts (manifest.yml callback_id) are named after the form they open.
SHORTCUTS = {str(form): OPENS[form] for form in FormId}
# Seconds a modal submission may wait for its answer before we ack anyway (Slack allows 3).
SUBMIT_BUDGET = 2.0
# Once its answer is taken for the ack, the commit is a moment away; never past Slack's 3 s.
SUBMIT_FINISH = 0.7
_BAD = (KeyError, TypeError, ValueError, AttributeError)


def register(bolt: AsyncApp, flows: Flows) -> None:
    """Every listener stores, then acks; nothing slow runs before the ack."""

    async def on_command(ack: AsyncAck, body: Body, request: AsyncBoltRequest) -> None:
        work, key, urgent = command_work(body, _raw(request))
        await flows.store(work, key, urgent=urgent)
        await ack()

    for command in parse.COMMANDS:
        bolt.command(command)(on_command)

    async def on_message(ack: AsyncAck, body: Body, context: Any) -> None:
        spoken = message_work(body, context.bot_user_id)
        if spoken is not None:
            await flows.store(*spoken)
        await ack()

    bolt.event("message")(on_message)
    bolt.event("app_mention")(on_message)

    async def on_home(ack: AsyncAck, body: Body, event: Body) -> None:
        if event.get("tab") != "home":
            await ack()
            return
        try:
            person = Inbound(platform="slack", workspace=body["team_id"], user=event["user"])
            key = event_key(body)
        except _BAD as exc:
            raise Malformed(str(exc)) from exc
        await flows.store(Work(HOME, person, Destination(user=person.user)), key)
        await ack()

    bolt.event("app_home_opened")(on_home)

    async def on_action(ack: AsyncAck, body: Body, action: Body, request: AsyncBoltRequest) -> None:
        try:
            inbound = parse.from_button(body, action)
            key = request_key(
                "action", inbound.workspace, inbound.user, body.get("trigger_id"), _raw(request)
            )
        except _BAD as exc:
            raise Malformed(str(exc)) from exc
        assert inbound.action is not None
        to = Destination(
            user=inbound.user,
            channel=inbound.channel,
            thread=inbound.thread,
            direct=inbound.direct,
            response_url=body.get("response_url"),
            trigger_id=body.get("trigger_id"),
            # The question is settled: Slack replaces the message its buttons sat on.
            replace_original=inbound.action.action_id in SETTLING,
        )
        # A click may open a modal, and its trigger_id expires 3 s after the click.
        await flows.store(Work(ANSWER, inbound, to), key, urgent=True)
        await ack()

    bolt.action(re.compile(".+"))(on_action)

    async def on_shortcut(ack: AsyncAck, body: Body, request: AsyncBoltRequest) -> None:
        try:
            user = body["user"]["id"]
            team = (body.get("team") or {}).get("id") or body["user"].get("team_id")
            key = request_key("shortcut", team, user, body.get("trigger_id"), _raw(request))
        except _BAD as exc:
            raise Malformed(str(exc)) from exc
        opens = SHORTCUTS.get(body.get("callback_id", ""), OPENS[FormId.LOG_ACTIVITY])
        inbound = Inbound(platform="slack", workspace=team, user=user, action=Action(opens))
        to = Destination(user=user, direct=True, trigger_id=body.get("trigger_id"))
        await flows.store(Work(ANSWER, inbound, to), key, urgent=True)
        await ack()

    for callback_id in SHORTCUTS:
        bolt.shortcut(callback_id)(on_shortcut)

    async def on_submit(ack: AsyncAck, body: Body, view: Body, request: AsyncBoltRequest) -> None:
        # The one request whose answer may ride in the ack: field errors can only be shown
        # there (response_action "errors"). The row is stored first like any other; we wait
        # for its answer at most SUBMIT_BUDGET s, and past that the modal closes and the
        # answer (errors included) comes as a message.
        loop = asyncio.get_running_loop()
        deadline = loop.time() + SUBMIT_BUDGET
        try:
            inbound = parse.from_submission(body, form_id(view), submitted(view))
            key = request_key(
                "submit", inbound.workspace, inbound.user, body.get("trigger_id"), _raw(request)
            )
        except _BAD as exc:
            raise Malformed(str(exc)) from exc
        meta = metadata(view)
        to = Destination(
            user=inbound.user,
            channel=meta.get("channel", ""),
            direct=not meta.get("channel"),
            response_url=meta.get("response_url") or None,
        )
        waiter = Waiter()
        stored = await flows.store(Work(SUBMIT, inbound, to), key, urgent=True, waiter=waiter)
        if stored.duplicate:
            await ack()  # a replay: the first submission was answered
            return
        answer = await _wait(waiter, deadline - loop.time())
        if answer is not None and answer.errors:
            await ack(response_action="errors", errors=inline_errors(answer.errors, view))
        elif answer is not None and answer.form is not None:
            await ack(response_action="update", view=modal(answer.form, meta))
        else:
            await ack()

    bolt.view(re.compile("^form:"))(on_submit)


def command_work(body: Body, raw: bytes) -> tuple[Work, str, bool]:
    """A slash command's work, inbox key and urgency (Malformed when a field is missing)."""
    try:
        inbound = parse.from_command(body)
        key = request_key("command", inbound.workspace, inbound.user, body.get("trigger_id"), raw)
    except _BAD as exc:
        raise Malformed(str(exc)) from exc
    to = Destination(
        user=inbound.user,
        channel=inbound.channel,
        direct=inbound.direct,
        response_url=body.get("response_url"),
        trigger_id=body.get("trigger_id"),
    )
    # A bare /log opens a modal, and its trigger_id expires 3 s after the command.
    return Work(ANSWER, inbound, to), key, not inbound.text


def message_work(body: Body, bot_user_id: str | None) -> tuple[Work, str] | None:
    """A message or mention event's work and inbox key, or None when it is not for us."""
    event = body.get("event")
    if not isinstance(event, dict):
        raise Malformed("event_callback without an event")
    if event.get("subtype") not in _SPOKEN or event.get("bot_id") or not event.get("user"):
        return None  # other bots, edits, joins; our own posts
    if event.get("type") == "message" and event.get("channel_type") != "im":
        return None  # in channels we answer only when mentioned (app_mention)
    try:
        inbound = parse.from_message(body, bot_user_id)
        key = event_key(body)
    except _BAD as exc:
        raise Malformed(str(exc)) from exc
    to = Destination(
        user=inbound.user, channel=inbound.channel, thread=inbound.thread, direct=inbound.direct
    )
    return Work(ANSWER, inbound, to), key


async def _wait(waiter: Waiter, budget: float) -> Any:
    try:
        return await asyncio.wait_for(asyncio.shield(waiter.answer), max(budget, 0.0))
    except TimeoutError:
        if waiter.give_up():
            return None
    # Taken just now: the answer commits in a moment.
    try:
        return await asyncio.wait_for(asyncio.shield(waiter.answer), SUBMIT_FINISH)
    except TimeoutError:
        return None


def _raw(request: AsyncBoltRequest) -> bytes:
    raw = request.raw_body
    return raw.encode() if isinstance(raw, str) else bytes(raw)

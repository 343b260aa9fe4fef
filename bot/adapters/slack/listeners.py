"""Bolt listeners: verify (Bolt), ack at once, hand the work to a tracked background task."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack import inbound as parse
from bot.adapters.slack.delivery import Destination
from bot.adapters.slack.flows import Flows
from bot.adapters.slack.modals import form_id, inline_errors, metadata, modal, submitted
from core.actions import OPENS, SETTLING, FormId
from core.messages import Action, Inbound, Reply

Body = dict[str, Any]

# Message subtypes that are people typing; edits, joins, bot posts and the like are not.
_SPOKEN = frozenset({None, "thread_broadcast", "file_share"})
# Global shortcuts (manifest.yml callback_id) are named after the form they open.
SHORTCUTS = {str(form): OPENS[form] for form in FormId}
# Seconds a modal submission may wait for the router before we ack anyway (Slack allows 3).
SUBMIT_BUDGET = 2.0


def register(bolt: AsyncApp, flows: Flows) -> None:
    """Every listener acks before any I/O of ours; Slack gives up after 3 s without an ack."""
    spawn = flows.background.spawn

    async def on_command(ack: AsyncAck, body: Body, client: AsyncWebClient) -> None:
        await ack()
        inbound = parse.from_command(body)
        to = Destination(
            user=inbound.user,
            channel=inbound.channel,
            direct=inbound.direct,
            response_url=body.get("response_url"),
            trigger_id=body.get("trigger_id"),
        )
        spawn(flows.answer(inbound, client, to), name="slack-command")

    for command in parse.COMMANDS:
        bolt.command(command)(on_command)

    async def on_message(
        ack: AsyncAck, body: Body, event: Body, client: AsyncWebClient, context: Any
    ) -> None:
        await ack()
        if event.get("subtype") not in _SPOKEN or event.get("bot_id") or not event.get("user"):
            return  # other bots, edits, joins; our own posts Bolt already dropped
        if event["type"] == "message" and event.get("channel_type") != "im":
            return  # in channels we answer only when mentioned (app_mention)
        inbound = parse.from_message(body, context.bot_user_id)
        to = Destination(
            user=inbound.user, channel=inbound.channel, thread=inbound.thread, direct=inbound.direct
        )
        spawn(flows.event(inbound, client, to), name="slack-message")

    bolt.event("message")(on_message)
    bolt.event("app_mention")(on_message)

    async def on_home(ack: AsyncAck, body: Body, event: Body, client: AsyncWebClient) -> None:
        await ack()
        if event.get("tab") != "home":
            return
        person = Inbound(
            platform="slack",
            workspace=body["team_id"],
            user=event["user"],
            event_id=body.get("event_id"),
        )
        spawn(flows.open_home(person, client), name="slack-home")

    bolt.event("app_home_opened")(on_home)

    async def on_action(ack: AsyncAck, body: Body, action: Body, client: AsyncWebClient) -> None:
        await ack()
        inbound = parse.from_button(body, action)
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
        spawn(flows.answer(inbound, client, to), name="slack-action", urgent=True)

    bolt.action(re.compile(".+"))(on_action)

    async def on_shortcut(ack: AsyncAck, body: Body, client: AsyncWebClient) -> None:
        await ack()
        user = body["user"]["id"]
        team = (body.get("team") or {}).get("id") or body["user"].get("team_id")
        opens = SHORTCUTS.get(body.get("callback_id", ""), OPENS[FormId.LOG_ACTIVITY])
        action = Action(opens)
        inbound = Inbound(platform="slack", workspace=team, user=user, action=action)
        to = Destination(user=user, direct=True, trigger_id=body.get("trigger_id"))
        spawn(flows.answer(inbound, client, to), name="slack-shortcut", urgent=True)

    for callback_id in SHORTCUTS:
        bolt.shortcut(callback_id)(on_shortcut)

    async def on_submit(ack: AsyncAck, body: Body, view: Body, client: AsyncWebClient) -> None:
        # The one exception to "ack first": field errors can only be shown in the ack itself
        # (response_action "errors"). The router does only database work here, never the
        # network, and we wait for it at most SUBMIT_BUDGET seconds of Slack's 3.
        inbound = parse.from_submission(body, form_id(view), submitted(view))
        work = spawn(flows.services.router.handle(inbound), name="slack-submit", urgent=True)
        done, _ = await asyncio.wait({work}, timeout=SUBMIT_BUDGET)
        meta = metadata(view)
        to = Destination(
            user=inbound.user,
            channel=meta.get("channel", ""),
            direct=not meta.get("channel"),
            response_url=meta.get("response_url") or None,
        )
        if work not in done:
            await ack()
            spawn(_finish(flows, inbound, work, client, to), name="slack-submit-late")
            return
        reply = work.result()
        if reply.errors:
            await ack(response_action="errors", errors=inline_errors(reply.errors, view))
        elif reply.form is not None:
            await ack(response_action="update", view=modal(reply.form, meta))
        else:
            await ack()
            spawn(flows.deliver(inbound, reply, client, to), name="slack-submit-reply")

    bolt.view(re.compile("^form:"))(on_submit)


async def _finish(
    flows: Flows,
    inbound: Inbound,
    work: asyncio.Task[Reply],
    client: AsyncWebClient,
    to: Destination,
) -> None:
    reply = await work
    await flows.deliver(inbound, reply, client, to)

"""Talk to the real ASGI app as Slack would: signed commands, events, clicks and submissions."""

from __future__ import annotations

import asyncio
import copy
import json
from typing import Any

import httpx
from fastapi import FastAPI

from bot.services import Services
from tests.bot.adapters.slack import signing
from tests.support.slack_api import FakeSlack, fixture

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


class SlackWorkspace:
    """The Acme workspace (T0ACME) with Dana (U0DANA) in it, as the app sees it over HTTP."""

    def __init__(self, app: FastAPI, services: Services, fake: FakeSlack) -> None:
        self.app = app
        self.services = services
        self.fake = fake
        self.http = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="https://quotabot.test"
        )
        self._event = 0

    async def close(self) -> None:
        await self.http.aclose()

    async def settle(self) -> None:
        """Wait for everything started after the acks: inbox rows answered, replies sent,
        App Home refreshed (which may answer more)."""
        inbox, background = self.app.state.inbox, self.app.state.slack.flows.background
        async with asyncio.timeout(15):
            while True:
                await inbox.drain()
                await background.drain()
                if not (inbox.in_flight or inbox.replies.busy or background.pending):
                    return

    async def post(
        self,
        body: bytes,
        content_type: str,
        *,
        secret: str = SECRET,
        timestamp: int | None = None,
        extra: dict[str, str] | None = None,
        path: str = "/slack/events",
    ) -> httpx.Response:
        headers = signing.headers(secret, body, content_type, timestamp=timestamp)
        return await self.http.post(path, content=body, headers={**headers, **(extra or {})})

    def trigger(self) -> str:
        """A fresh trigger_id, as Slack gives every command, click and submission: the same
        body twice is a replay, and the inbox stores it once."""
        self._event += 1
        return f"7461{self._event:09d}.7330000000001.0d1a3f4c5b6e7a8d9c0b1a2f3e4d5c6b"

    async def command(self, command: str, text: str = "", **fields: str) -> httpx.Response:
        body = fixture("slash_command_log")
        body.update(command=command, text=text, response_url=self.fake.hook_url("command"))
        body.update(trigger_id=self.trigger(), **fields)
        return await self.post(signing.form_body(body), signing.FORM)

    async def event(self, envelope: dict[str, Any], **headers: str) -> httpx.Response:
        return await self.post(signing.event_body(envelope), signing.JSON, extra=headers)

    def message(self, text: str, user: str = "U0DANA") -> dict[str, Any]:
        """A DM to the bot, with a fresh event_id as Slack gives every new event."""
        self._event += 1
        envelope = fixture("event_message_im")
        envelope["event_id"] = f"Ev0IM{self._event:08d}"
        envelope["event"].update(text=text, user=user, ts=f"1763478000.{self._event:06d}")
        return envelope

    def mention(self, text: str, user: str = "U0DANA") -> dict[str, Any]:
        self._event += 1
        envelope = fixture("event_app_mention")
        envelope["event_id"] = f"Ev0MENTION{self._event:06d}"
        envelope["event"].update(
            text=f"<@UBOT> {text}", user=user, ts=f"1763478100.{self._event:06d}"
        )
        return envelope

    async def dm(self, text: str, user: str = "U0DANA") -> httpx.Response:
        return await self.event(self.message(text, user))

    async def interact(self, payload: dict[str, Any]) -> httpx.Response:
        return await self.post(signing.interactive_body(payload), signing.FORM)

    async def press(self, action_id: str, value: str = "", user: str = "U0DANA") -> httpx.Response:
        payload = fixture("block_actions_undo")
        payload["trigger_id"] = self.trigger()
        payload["user"]["id"] = user
        payload["response_url"] = self.fake.hook_url("action")
        payload["actions"][0].update(action_id=action_id, value=value)
        return await self.interact(payload)

    async def submit(self, view: dict[str, Any], **values: str) -> httpx.Response:
        """Fill a modal we opened (as recorded from views.open) and press Save."""
        payload = fixture("view_submission_log_activity")
        payload["trigger_id"] = self.trigger()
        submitted = copy.deepcopy(view)
        submitted["state"] = {"values": _state(view, values)}
        payload["view"] = submitted
        return await self.interact(payload)

    def last_posted(self) -> dict[str, Any]:
        """The newest message the bot sent anywhere (Web API or response_url)."""
        sent = [
            *self.fake.called("chat.postMessage"),
            *self.fake.called("chat.postEphemeral"),
            *self.fake.hooks,
        ]
        assert sent, "the bot sent nothing"
        return sent[-1]


def _state(view: dict[str, Any], values: dict[str, str]) -> dict[str, Any]:
    state: dict[str, Any] = {}
    for block in view["blocks"]:
        element = block["element"]
        name, kind = element["action_id"], element["type"]
        value = values.get(name)
        if kind == "datepicker":
            entry: dict[str, Any] = {"type": kind, "selected_date": value}
        elif kind == "static_select":
            option = {"text": {"type": "plain_text", "text": value}, "value": value}
            entry = {"type": kind, "selected_option": option if value else None}
        else:
            entry = {"type": kind, "value": value}
        state[block["block_id"]] = {name: entry}
    return state


def text_of(message: dict[str, Any]) -> str:
    """Everything a person would read in a sent message: fallback text and block texts."""
    parts = [str(message.get("text", ""))]
    blocks = message.get("blocks") or []
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    for block in blocks:
        if isinstance(block.get("text"), dict):
            parts.append(block["text"]["text"])
        for item in block.get("fields", []) + block.get("elements", []):
            text = item.get("text")
            parts.append(text["text"] if isinstance(text, dict) else str(text or ""))
    return "\n".join(parts)


def button_ids(message: dict[str, Any]) -> list[str]:
    blocks = message.get("blocks") or []
    return [
        element["action_id"]
        for block in blocks
        if block["type"] == "actions"
        for element in block["elements"]
    ]


def buttons(message: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The message's buttons by action_id."""
    blocks = message.get("blocks") or []
    return {
        element["action_id"]: element
        for block in blocks
        if block["type"] == "actions"
        for element in block["elements"]
    }

"""Slack payloads (slash command, message event, button, modal) -> neutral Inbound."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from core.actions import submission
from core.messages import Action, Inbound, Upload

Payload = dict[str, Any]

# Slash commands reach us by name; workspaces may rename them, so we key on the name only.
COMMANDS = (
    "/log",
    "/deal",
    "/quota",
    "/pipeline",
    "/forecast",
    "/team",
    "/leaderboard",
    "/goal",
    "/quotabot",
)


def _when(ts: str | float | None) -> datetime | None:
    try:
        return datetime.fromtimestamp(float(ts), UTC) if ts is not None else None
    except (TypeError, ValueError):
        return None


def strip_mention(text: str, bot_user_id: str | None) -> str:
    """Drop the bot's own mention ("<@UBOT> 3 calls"); other people's mentions stay verbatim."""
    if not bot_user_id:
        return text.strip()
    return re.sub(rf"<@{re.escape(bot_user_id)}(?:\|[^>]*)?>[:,]?", " ", text).strip()


# Slack's own emphasis around a word or phrase: *bold* and _italic_ are the words, ~struck~
# ones are taken back (not inside a word: snake_case names and e-mail addresses keep theirs).
_EMPHASIS = re.compile(r"(?<![\w*_~])([*_~])(?=\S)([^*_~\n]*?\S)\1(?![\w*_~])")


def unescape(text: str) -> str:
    """A message's text as typed: Slack sends "&", "<" and ">" as &amp; &lt; &gt; in events
    and in our slash commands (should_escape: true; modal inputs and button values come
    plain), and a word typed in bold is the word ("2 calls with *Acme*")."""
    text = _EMPHASIS.sub(lambda m: "" if m.group(1) == "~" else m.group(2), text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def from_command(body: Payload) -> Inbound:
    return Inbound(
        platform="slack",
        workspace=body["team_id"],
        workspace_name=body.get("team_domain"),
        user=body["user_id"],
        user_name=body.get("user_name"),
        text=unescape(body.get("text") or "").strip(),
        channel=body.get("channel_id", ""),
        command=body["command"],
        direct=body.get("channel_name") == "directmessage",
    )


def _upload(event: Payload) -> Upload | None:
    """The first file shared with a DM (files.py fetches it when the message is answered)."""
    files = event.get("files") or []
    if event.get("channel_type") != "im" or not files or not isinstance(files[0], dict):
        return None
    first: Payload = files[0]
    return Upload(str(first.get("name") or "file"), ref=str(first.get("id") or ""))


def from_message(body: Payload, bot_user_id: str | None) -> Inbound:
    event: Payload = body["event"]
    direct = event.get("channel_type") == "im"
    return Inbound(
        platform="slack",
        # The envelope's team_id is what Slack signed for this app; event.team is the
        # author's home team, another workspace in a shared (Slack Connect) channel.
        workspace=body["team_id"],
        user=event["user"],
        text=unescape(strip_mention(event.get("text") or "", bot_user_id)),
        channel=event.get("channel", ""),
        timestamp=_when(event.get("ts")),
        thread=event.get("thread_ts") or (None if direct else event.get("ts")),
        direct=direct,
        event_id=body.get("event_id"),
        upload=_upload(event),
    )


def _team(body: Payload) -> str:
    team = body.get("team") or {}
    return str(team.get("id") or body["user"].get("team_id"))


def from_button(body: Payload, action: Payload) -> Inbound:
    channel = (body.get("channel") or {}).get("id", "")
    message = body.get("message") or {}
    return Inbound(
        platform="slack",
        workspace=_team(body),
        user=body["user"]["id"],
        user_name=body["user"].get("username"),
        channel=channel,
        thread=message.get("thread_ts"),
        direct=channel.startswith("D") or not channel,
        action=Action(
            action_id=button_action_id(action["action_id"]), value=action.get("value", "")
        ),
    )


def button_action_id(slack_action_id: str) -> str:
    """Our renderer suffixes "#n" to keep action ids unique in a message; take it off again."""
    return slack_action_id.split("#", 1)[0]


def from_submission(body: Payload, form_id: str, fields: dict[str, str]) -> Inbound:
    return Inbound(
        platform="slack",
        workspace=_team(body),
        user=body["user"]["id"],
        user_name=body["user"].get("username"),
        action=Action(action_id=submission(form_id), fields=fields),
    )

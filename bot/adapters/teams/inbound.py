"""Turn a Teams activity (SDK model) into a neutral Inbound: who, where, what was said."""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from typing import Any

from microsoft_teams.api import Activity, ActivityTypeAdapter, ConversationUpdateActivity
from microsoft_teams.api.activities.invoke.adaptive_card.action import AdaptiveCardInvokeActivity
from microsoft_teams.api.activities.message.message import MessageActivity
from microsoft_teams.api.models.entity.client_info_entity import ClientInfoEntity
from microsoft_teams.api.models.entity.mention_entity import MentionEntity
from microsoft_teams.api.models.file import FILE_DOWNLOAD_INFO_CONTENT_TYPE

from bot.adapters.teams.forms import FORM_KEY
from bot.adapters.teams.manifest import COMMANDS
from core.messages import Action, Inbound, Upload

_TAGS = re.compile(r"<[^>]+>")
_SLOT = "\x00"
# Ids of people in Teams mentions: bot-scoped user ids, and org ids some clients send.
_PERSON_IDS = ("29:", "8:orgid:")
# Command-menu titles that mean the slash command of the same name ("help" is plain text).
MENU_COMMANDS = frozenset(title for title, _ in COMMANDS) - {"help"}
# Keys the renderer puts in a button's data; everything else in a submission is a form input.
_RESERVED = frozenset({"action_id", "value", "msteams", FORM_KEY})


@dataclass(frozen=True)
class Place:
    """Where an activity happened, in the terms proactive sends need later."""

    tenant: str
    service_url: str
    conversation_id: str
    # "personal", "groupChat" or "channel".
    conversation_type: str
    channel: str
    thread: str | None
    user: str | None
    user_name: str | None
    # The sender's Teams id ("29:..."), which the connector needs to open a 1:1 chat.
    user_account_id: str | None
    bot_id: str | None

    @property
    def direct(self) -> bool:
        return self.conversation_type == "personal"


def parse(body: dict[str, Any]) -> Activity:
    """Validate the JSON body with the SDK's discriminated Activity model."""
    return ActivityTypeAdapter.validate_python(body)


def place_of(activity: Activity, default_tenant: str | None = None) -> Place | None:
    """The tenant, conversation and speaker; None when the activity has no tenant (not Teams).

    `default_tenant` is for development tools (the Agents Playground's emulator channel sends
    no tenant); real Teams traffic always names its tenant.
    """
    conversation = activity.conversation
    data = activity.channel_data
    tenant = conversation.tenant_id or (data.tenant.id if data and data.tenant else None)
    tenant = tenant or default_tenant
    if not tenant or not activity.service_url:
        return None
    kind = conversation.conversation_type or "personal"
    # Channel thread ids look like "19:...@thread.tacv2;messageid=1700000000001".
    root, _, message_id = conversation.id.partition(";messageid=")
    channel = root
    if kind == "channel" and data and data.channel and data.channel.id:
        channel = data.channel.id
    sender = activity.from_
    return Place(
        tenant=tenant,
        service_url=activity.service_url,
        conversation_id=conversation.id,
        conversation_type=kind,
        channel=channel,
        thread=message_id or None,
        user=(sender.aad_object_id or sender.id) if sender else None,
        user_name=sender.name if sender else None,
        user_account_id=sender.id if sender else None,
        bot_id=activity.recipient.id if activity.recipient else None,
    )


def to_inbound(activity: Activity, place: Place) -> Inbound | None:
    """A message, a card submission or a card action; None for anything we do not answer."""
    if place.user is None:
        return None
    action: Action | None = None
    text = ""
    if isinstance(activity, AdaptiveCardInvokeActivity):
        invoke = activity.value.action
        data = invoke.data if isinstance(invoke.data, dict) else {}
        action = _action(invoke.verb or str(data.get("action_id") or ""), data)
    elif isinstance(activity, MessageActivity):
        if isinstance(activity.value, dict) and activity.value.get("action_id"):
            # Action.Submit from a card: no text, the inputs and button data in `value`.
            action = _action(str(activity.value["action_id"]), activity.value)
        else:
            text = clean_text(activity)
    else:
        return None
    upload = upload_of(activity, place)
    if action is None and not text and upload is None:
        return None
    command, text = as_command(text)
    return Inbound(
        platform="teams",
        workspace=place.tenant,
        user=place.user,
        text=text,
        command=command,
        channel=place.channel,
        timestamp=activity.timestamp,
        user_name=place.user_name,
        user_tz=time_zone(activity),
        user_email=activity.from_.email if activity.from_ else None,
        thread=place.thread,
        direct=place.direct,
        event_id=event_id(activity),
        action=action,
        user_mention_id=mention_key(place.user_account_id) if place.user_account_id else None,
        upload=upload,
    )


def upload_of(activity: Activity, place: Place) -> Upload | None:
    """The first file a person sent in a personal chat (Teams gives bots no other files)."""
    if not isinstance(activity, MessageActivity) or not place.direct:
        return None
    for attachment in activity.attachments or ():
        content = attachment.content if isinstance(attachment.content, dict) else {}
        url = content.get("downloadUrl")
        if attachment.content_type == FILE_DOWNLOAD_INFO_CONTENT_TYPE and url:
            return Upload(attachment.name or "file", ref=str(url))
    return None


def clean_text(activity: MessageActivity) -> str:
    """The message as Slack would give it: a person's <at>mention</at> becomes `<@key>`
    (see mention_key), the bot's own mention goes, other tags and HTML entities flatten."""
    bot = activity.recipient.id if activity.recipient else None
    text = (activity.text or "").replace(_SLOT, "")
    tokens: list[str] = []
    for entity in activity.entities or ():
        if not isinstance(entity, MentionEntity):
            continue
        who = entity.mentioned
        written = entity.text or (f"<at>{who.name}</at>" if who.name else "")
        if not written or written not in text:
            continue
        if who.id == bot:
            token = ""
        elif who.id.startswith(_PERSON_IDS) or who.aad_object_id:
            token = f"<@{mention_key(who.id)}>"
        else:
            token = _TAGS.sub("", written)  # a channel or tag mention: its name, as text
        # A placeholder, so that flattening the remaining tags leaves the token alone.
        text = text.replace(written, f" {_SLOT}{len(tokens)}{_SLOT} ", 1)
        tokens.append(token)
    flat = html.unescape(_TAGS.sub(" ", text))
    flat = re.sub(rf"{_SLOT}(\d+){_SLOT}", lambda m: tokens[int(m.group(1))], flat)
    return " ".join(flat.split())


def mention_key(account_id: str) -> str:
    """What a mention of this Teams account reads as, `<@key>`: the same for the person's own
    messages (identity stores it as their mention_id) and for anyone mentioning them.

    Teams mentions carry the bot-scoped "29:..." id, not the Entra id people are known by,
    and its ':', '_' and '-' are not in Slack's id alphabet, which the parser reads.
    """
    return "M" + hashlib.sha256(account_id.encode()).hexdigest()[:31]


def as_command(text: str) -> tuple[str | None, str]:
    """Slash-command form of a message, as Slack would deliver it, or (None, text).

    Teams has no slash commands for bots: its command menu just types the title ("log").
    A bare menu word, or a message starting with "/", becomes the same command Slack sends,
    so "log" opens the form exactly like `/log` does.
    """
    if text.startswith("/"):
        head, _, rest = text.partition(" ")
        return head.lower(), rest.strip()
    word = text.strip().lower().rstrip(".!?")
    if word in MENU_COMMANDS:
        return "/" + word, ""
    return None, text


def time_zone(activity: Activity) -> str | None:
    """The IANA zone from the clientInfo entity Teams clients attach to messages."""
    for entity in activity.entities or ():
        if isinstance(entity, ClientInfoEntity) and entity.timezone:
            return str(entity.timezone)
    return None


def event_id(activity: Activity) -> str | None:
    """Teams activity ids are unique per conversation only, so the conversation is part of it."""
    if not activity.id:
        return None
    raw = f"{activity.conversation.id}|{activity.id}|{activity.type}"
    return hashlib.sha256(raw.encode()).hexdigest()


def is_bot_installed(activity: Activity) -> bool:
    """A conversationUpdate that adds the bot itself: an install in a chat or a team."""
    if not isinstance(activity, ConversationUpdateActivity) or not activity.recipient:
        return False
    return any(m.id == activity.recipient.id for m in activity.members_added or ())


def is_bot_removed(activity: Activity) -> bool:
    """A conversationUpdate that removes the bot: an uninstall from a chat or a team."""
    if not isinstance(activity, ConversationUpdateActivity) or not activity.recipient:
        return False
    return any(m.id == activity.recipient.id for m in activity.members_removed or ())


def _action(action_id: str, data: dict[str, Any]) -> Action | None:
    if not action_id:
        return None
    fields = {str(k): "" if v is None else str(v) for k, v in data.items() if k not in _RESERVED}
    return Action(action_id=action_id, value=str(data.get("value") or ""), fields=fields)


def submitted_data(activity: Activity) -> dict[str, Any]:
    """The raw data of a card action (Action.Execute invoke or Action.Submit message)."""
    if isinstance(activity, AdaptiveCardInvokeActivity):
        data = activity.value.action.data
        return data if isinstance(data, dict) else {}
    if isinstance(activity, MessageActivity) and isinstance(activity.value, dict):
        return activity.value
    return {}

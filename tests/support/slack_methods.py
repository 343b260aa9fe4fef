"""What the Slack Web API asks of a call: the methods, their arguments and their scopes.

The entries follow Slack's method reference (docs.slack.dev/reference/methods): the methods
QuotaBot calls, plus a few neighbours it might be tempted to call, so a call needing a scope
the manifest does not grant fails in tests as it would in a real workspace.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

MANIFEST = Path(__file__).resolve().parents[2] / "manifest.yml"


def manifest_scopes() -> tuple[str, ...]:
    """The bot scopes manifest.yml asks for: what an installed QuotaBot token holds."""
    manifest = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return tuple(manifest["oauth_config"]["scopes"]["bot"])


@dataclass(frozen=True)
class Method:
    # Any one of these scopes allows the call (Slack's "needed" lists them all); () = none.
    scopes: tuple[str, ...] = ()
    required: tuple[str, ...] = ()
    # At least one of these arguments must be present (e.g. a message's text or blocks).
    one_of: tuple[str, ...] = ()
    # "bot": a bearer token; "client": the app's client id and secret (OAuth exchange).
    auth: Literal["bot", "client"] = "bot"


_MESSAGE = ("text", "blocks", "attachments")

METHODS: Mapping[str, Method] = {
    "auth.test": Method(),
    "chat.postMessage": Method(("chat:write",), ("channel",), _MESSAGE),
    "chat.postEphemeral": Method(("chat:write",), ("channel", "user"), _MESSAGE),
    "chat.update": Method(("chat:write",), ("channel", "ts")),
    "chat.delete": Method(("chat:write",), ("channel", "ts")),
    "chat.scheduleMessage": Method(("chat:write",), ("channel", "post_at"), _MESSAGE),
    "conversations.open": Method(
        ("channels:manage", "groups:write", "im:write", "mpim:write"), one_of=("users", "channel")
    ),
    "conversations.info": Method(
        ("channels:read", "groups:read", "im:read", "mpim:read"), ("channel",)
    ),
    "conversations.join": Method(("channels:join",), ("channel",)),
    "conversations.list": Method(("channels:read", "groups:read", "im:read", "mpim:read")),
    "conversations.members": Method(
        ("channels:read", "groups:read", "im:read", "mpim:read"), ("channel",)
    ),
    "conversations.history": Method(
        ("channels:history", "groups:history", "im:history", "mpim:history"), ("channel",)
    ),
    "usergroups.list": Method(("usergroups:read",)),
    "usergroups.users.list": Method(("usergroups:read",), ("usergroup",)),
    "users.info": Method(("users:read",), ("user",)),
    "users.list": Method(("users:read",)),
    "users.lookupByEmail": Method(("users:read.email",), ("email",)),
    "team.info": Method(("team:read",)),
    "reactions.add": Method(("reactions:write",), ("channel", "timestamp", "name")),
    "files.info": Method(("files:read",), ("file",)),
    "files.getUploadURLExternal": Method(("files:write",), ("filename", "length")),
    "files.completeUploadExternal": Method(("files:write",), ("files",)),
    "views.open": Method((), ("trigger_id", "view")),
    "views.push": Method((), ("trigger_id", "view")),
    "views.update": Method((), ("view",), ("view_id", "external_id")),
    "views.publish": Method((), ("user_id", "view")),
    "oauth.v2.access": Method(required=("code",), auth="client"),
}

# Block Kit limits Slack enforces (docs.slack.dev/reference/block-kit).
MESSAGE_BLOCKS = 50
VIEW_BLOCKS = 100
SECTION_TEXT = 3000
HEADER_TEXT = 150
BUTTON_TEXT = 75
BUTTON_VALUE = 2000
VIEW_TITLE = 24
PRIVATE_METADATA = 3000


def missing_arguments(method: Method, params: Mapping[str, Any]) -> list[str]:
    """Slack's "[ERROR] missing required field: …" messages for this call, if any."""
    present = {name for name, value in params.items() if value not in (None, "", [], {})}
    missing = [name for name in method.required if name not in present]
    if method.one_of and not present.intersection(method.one_of):
        missing.append(" or ".join(method.one_of))
    return [f"[ERROR] missing required field: {name}" for name in missing]


def block_problems(blocks: Any, limit: int) -> list[str]:
    """Where `blocks` breaks Block Kit's limits, in Slack's json-pointer style."""
    if not isinstance(blocks, list):
        return ["[ERROR] must be an array [json-pointer:/blocks]"]
    problems = []
    if len(blocks) > limit:
        problems.append(f"[ERROR] no more than {limit} items allowed [json-pointer:/blocks]")
    for i, block in enumerate(blocks):
        where = f"/blocks/{i}"
        if not isinstance(block, dict) or "type" not in block:
            problems.append(f"[ERROR] missing required field: type [json-pointer:{where}]")
            continue
        text = block.get("text")
        size = HEADER_TEXT if block["type"] == "header" else SECTION_TEXT
        if isinstance(text, dict) and len(str(text.get("text", ""))) > size:
            problems.append(f"[ERROR] must be less than {size + 1} characters [{where}/text]")
        for j, element in enumerate(block.get("elements") or []):
            if isinstance(element, dict) and element.get("type") == "button":
                label = element.get("text", {}).get("text", "")
                if len(label) > BUTTON_TEXT:
                    problems.append(f"[ERROR] button text too long [{where}/elements/{j}]")
                if len(str(element.get("value", ""))) > BUTTON_VALUE:
                    problems.append(f"[ERROR] button value too long [{where}/elements/{j}]")
    return problems


def view_problems(view: Any, kind: str) -> list[str]:
    """A modal (views.open/push/update) or Home tab (views.publish) Slack would refuse."""
    if not isinstance(view, dict):
        return ["[ERROR] must be an object [json-pointer:/view]"]
    if view.get("type") != kind:
        return [f"[ERROR] must be '{kind}' [json-pointer:/view/type]"]
    problems = block_problems(view.get("blocks", []), VIEW_BLOCKS)
    for part in ("title", "submit", "close"):
        label = view.get(part, {}).get("text", "")
        if len(label) > VIEW_TITLE:
            problems.append(f"[ERROR] must be less than 25 characters [/view/{part}/text]")
    if len(str(view.get("private_metadata", ""))) > PRIVATE_METADATA:
        problems.append("[ERROR] must be less than 3001 characters [/view/private_metadata]")
    return problems

"""What a verified Slack request becomes in the inbox: a kind, a key, and its work as JSON."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from bot.adapters.slack.delivery import Destination
from bot.wire import dump_inbound, load_inbound
from core.messages import Inbound
from storage.inbox import New

PLATFORM = "slack"
# Kinds of work: "answer" (router + reply), "submit" (a modal waiting for its ack),
# "home" (App Home opened: publish the view).
ANSWER, SUBMIT, HOME = "answer", "submit", "home"


class Malformed(Exception):
    """A signed body without what its type must carry: answered 400, never retried."""


@dataclass(frozen=True)
class Work:
    kind: str
    inbound: Inbound
    to: Destination

    def payload(self) -> str:
        data = {"inbound": dump_inbound(self.inbound), "to": dataclasses.asdict(self.to)}
        return json.dumps(data, separators=(",", ":"))


def load(kind: str, payload: dict[str, Any]) -> Work:
    return Work(kind, load_inbound(payload["inbound"]), Destination(**payload["to"]))


def event_key(body: dict[str, Any]) -> str:
    """Slack gives every event one id and resends it unchanged (X-Slack-Retry-Num)."""
    event_id = body.get("event_id")
    if not isinstance(event_id, str) or not event_id:
        raise Malformed("event without event_id")
    return f"event:{event_id}"


def request_key(kind: str, team: str, user: str, trigger: str | None, raw: bytes) -> str:
    """Commands and interactions carry no id; a signed replay is byte-identical, so the body's
    hash (with who and which click) names it within Slack's 5-minute signature window."""
    digest = hashlib.sha256(raw).hexdigest()[:40]
    return f"{kind}:{team}:{user}:{trigger or '-'}:{digest}"


def new(work: Work, key: str) -> New:
    return New(PLATFORM, key, work.kind, work.payload(), work.inbound.workspace)

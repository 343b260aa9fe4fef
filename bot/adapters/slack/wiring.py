"""Connect the mounted Slack adapter to the inbox: its processor, its replies, its guard."""

from __future__ import annotations

from fastapi import FastAPI

from bot import lifespan
from bot.adapters.slack import EVENTS_PATH, SlackAdapter, guard
from bot.adapters.slack.fast_ack import FastAck, Known
from bot.adapters.slack.reply_transport import SlackReplies
from bot.adapters.slack.work import PLATFORM
from bot.adapters.slack.workspaces import Clients
from bot.http_guard import Check, Shortcut
from bot.inbox_worker import InboxWorker
from bot.services import Services


async def _nothing() -> None:
    return None


def attach(app: FastAPI, services: Services, inbox: InboxWorker) -> dict[str, Check]:
    """The HTTP checks Slack's path needs (none in Socket Mode or when Slack is off)."""
    adapter: SlackAdapter | None = getattr(app.state, "slack", None)
    if adapter is None:
        return {}
    settings = services.settings
    built = adapter.built
    single = built.bolt.client if built.store is None else None
    clients = Clients(settings, single=single, store=built.store)
    adapter.flows.attach(inbox, clients)
    transport = SlackReplies(clients, services.clock)
    inbox.replies.transports[PLATFORM] = transport
    lifespan.around(app, _nothing, transport.aclose)
    secret = settings.slack_signing_secret
    if settings.slack_app_token is not None or secret is None:
        return {}
    known = Known()
    built.bolt.middleware(known.learn)  # after Bolt's authorization and our team check
    app.state.slack_fast_ack = FastAck(adapter.flows, known)
    return {EVENTS_PATH: guard.check(secret.get_secret_value())}


def shortcuts(app: FastAPI) -> dict[str, Shortcut]:
    """Commands and messages stored without Bolt once it has met their workspace."""
    fast: FastAck | None = getattr(app.state, "slack_fast_ack", None)
    return {} if fast is None else {EVENTS_PATH: fast}

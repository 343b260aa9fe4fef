"""Socket Mode: Slack pushes events over a WebSocket; no public URL, no signing secret."""

from __future__ import annotations

from fastapi import FastAPI
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp

from bot import lifespan


def connect_on_startup(app: FastAPI, bolt: AsyncApp, app_token: str) -> None:
    """Open the socket when the ASGI server starts and close it on shutdown.

    Only construction is covered by tests: connecting needs Slack's servers
    (apps.connections.open, then a wss:// URL).
    """
    socket = AsyncSocketModeHandler(bolt, app_token)

    async def connect() -> None:
        await socket.connect_async()  # type: ignore[no-untyped-call]

    async def close() -> None:
        await socket.close_async()  # type: ignore[no-untyped-call]

    lifespan.around(app, connect, close)

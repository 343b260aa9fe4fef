"""Socket Mode: Slack pushes events over a WebSocket; no public URL, no signing secret."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

from fastapi import FastAPI
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp


def handler(bolt: AsyncApp, app_token: str) -> AsyncSocketModeHandler:
    return AsyncSocketModeHandler(bolt, app_token)


def connect_with_lifespan(app: FastAPI, socket: AsyncSocketModeHandler) -> None:
    """Open the socket when the ASGI server starts and close it on shutdown.

    Wraps whatever lifespan the app already has, so other start-up work still runs.
    """
    previous = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(asgi: Any) -> AsyncIterator[Any]:
        inner: AbstractAsyncContextManager[Any] = previous(asgi)
        async with inner as state:
            await socket.connect_async()  # type: ignore[no-untyped-call]
            try:
                yield state
            finally:
                await socket.close_async()  # type: ignore[no-untyped-call]

    app.router.lifespan_context = lifespan

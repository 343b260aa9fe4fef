"""Run adapter work when the ASGI server starts and stops, around any existing lifespan."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

from fastapi import FastAPI

Step = Callable[[], Awaitable[None]]


def around(app: FastAPI, start: Step, stop: Step | None = None) -> None:
    """Wrap the app's lifespan: `start` after the existing start-up, `stop` before shutdown."""
    previous = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(asgi: Any) -> AsyncIterator[Any]:
        inner: AbstractAsyncContextManager[Any] = previous(asgi)
        async with inner as state:
            await start()
            try:
                yield state
            finally:
                if stop is not None:
                    await stop()

    app.router.lifespan_context = lifespan


async def freeze_startup_objects() -> None:
    """Keep the garbage collector's full passes short once the server is up.

    A full (generation 2) collection walks every object alive; after start-up that is
    about a million (SQLAlchemy, pydantic, dateparser, Bolt...), and the event loop stops
    for 100-200 ms, so any Slack ack waiting behind it blows its latency budget. Frozen
    objects are never collected (they live for the whole process anyway) nor walked.
    """
    gc.collect()
    gc.freeze()

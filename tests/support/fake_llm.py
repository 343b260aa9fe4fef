"""An OpenAI-compatible chat endpoint in process (httpx2.MockTransport): no network."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

import httpx2
from openai import AsyncOpenAI

BASE_URL = "http://llm.test/v1"
Handler = Callable[[httpx2.Request], Awaitable[httpx2.Response]]


def completion(content: str) -> dict[str, Any]:
    """A chat.completion body whose single choice says `content`."""
    return {
        "id": "c1",
        "object": "chat.completion",
        "created": 0,
        "model": "tiny",
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": content},
            }
        ],
    }


def client(handler: Handler) -> AsyncOpenAI:
    http = httpx2.AsyncClient(transport=httpx2.MockTransport(handler))
    return AsyncOpenAI(base_url=BASE_URL, api_key="k", http_client=http, max_retries=0)


def replying(content: str, seen: list[dict[str, Any]] | None = None) -> Handler:
    """A server that always answers `content`, recording each request body in `seen`."""

    async def handler(request: httpx2.Request) -> httpx2.Response:
        if seen is not None:
            seen.append(json.loads(request.content))
        return httpx2.Response(200, json=completion(content))

    return handler

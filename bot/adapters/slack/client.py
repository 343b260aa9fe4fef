"""Slack Web API clients pointed at SLACK_API_URL, with slack-sdk's retry handlers."""

from __future__ import annotations

from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from bot import metrics
from bot.config import Settings


class CountRateLimits(AsyncRetryHandler):
    """Never retries; sees every answer first, so each 429 is counted even when the next
    handler waits it out and the caller never hears of it."""

    def __init__(self) -> None:
        super().__init__(max_retry_count=1 << 30)

    async def _can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if response is not None and response.status_code == 429:
            metrics.rate_limited("slack")
        return False


class CountingWebClient(AsyncWebClient):
    """Every Web API method goes through api_call: one place to count the failures."""

    async def api_call(self, api_method: str, **kwargs: Any) -> AsyncSlackResponse:
        try:
            return await super().api_call(api_method, **kwargs)
        except SlackApiError as exc:
            metrics.platform_error("slack", api_error(exc))
            raise
        except Exception as exc:
            # Connection refused, timeout: no answer from Slack at all (after the retry).
            metrics.platform_error("slack", type(exc).__name__)
            raise


def base_url(settings: Settings) -> str:
    # slack-sdk joins "base_url + method", so the trailing slash matters.
    url = settings.slack_api_url
    return url if url.endswith("/") else url + "/"


def web_client(
    settings: Settings, token: str | None = None, *, wait_on_429: bool = True
) -> AsyncWebClient:
    """A client that retries dropped connections and, unless told not to, HTTP 429.

    The rate-limit handler sleeps for Retry-After and tries again (once): right for replies a
    person is waiting for. The outbox notifier passes wait_on_429=False so that the dispatcher,
    not a sleeping task, owns the delay (it reschedules the delivery).
    """
    handlers: list[AsyncRetryHandler] = [
        CountRateLimits(),
        AsyncConnectionErrorRetryHandler(max_retry_count=1),
    ]
    if wait_on_429:
        handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=1))
    return CountingWebClient(
        token=token, base_url=base_url(settings), timeout=10, retry_handlers=handlers
    )


def api_error(exc: SlackApiError) -> str:
    """Slack's error code ("channel_not_found"), or the HTTP status when the body is not JSON."""
    data = exc.response.data
    if isinstance(data, dict) and data.get("error"):
        return str(data["error"])
    return f"HTTP {exc.response.status_code}"


async def token_check(settings: Settings, token: str) -> tuple[bool, str]:
    """(accepted, detail) of `auth.test` at SLACK_API_URL: the team id, or Slack's error code;
    raises when Slack cannot be reached (for `quotabot doctor`)."""
    try:
        answer = await web_client(settings, token).auth_test()
    except SlackApiError as exc:
        return False, api_error(exc)
    return True, str(answer.get("team_id"))

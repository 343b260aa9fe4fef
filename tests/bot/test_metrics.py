"""/metrics on the real app: request, parse, platform, inbox and outbox figures move."""

from __future__ import annotations

import httpx
from sqlalchemy import update

from bot.app import make_tick
from bot.http_metrics import MAX_PATHS, HttpMetrics
from bot.metrics import using
from bot.server import create_app
from bot.timed_tick import TimedTick
from storage.models import Delivery
from tests.bot.adapters.slack.conftest import fake_slack, slack
from tests.bot.adapters.slack.harness import SlackWorkspace
from tests.bot.scrape import scrape, value

__all__ = ["fake_slack", "slack"]

HTTP = "quotabot_http_requests_total"


async def test_requests_are_counted_by_route_template_and_status(slack: SlackWorkspace) -> None:
    before = await scrape(slack.http)
    await slack.http.get("/healthz")
    await slack.http.get("/healthz")
    await slack.http.get("/no/such/page/1234")
    await slack.post(b"{}", "application/json", secret="not-the-secret")
    after = await scrape(slack.http)

    assert value(before, HTTP, route="/healthz", method="GET", status="200") == 0
    assert value(after, HTTP, route="/healthz", method="GET", status="200") == 2
    # Unknown paths share one label: a scanner cannot blow up the number of series.
    assert value(after, HTTP, route="unmatched", method="GET", status="404") == 1
    assert value(after, HTTP, route="/slack/events", method="POST", status="401") == 1
    latency = "quotabot_http_request_duration_seconds"
    assert value(after, f"{latency}_count", route="/healthz") == 2
    assert value(after, f"{latency}_bucket", route="/healthz", le="+Inf") == 2
    assert value(after, f"{latency}_sum", route="/healthz") > 0


async def test_a_scan_of_odd_paths_is_counted_without_growing_memory(
    slack: SlackWorkspace,
) -> None:
    for n in range(MAX_PATHS + 40):
        await slack.http.get(f"/scan/{n}")
    await slack.http.get("/healthz")
    after = await scrape(slack.http)

    assert value(after, HTTP, route="unmatched", method="GET", status="404") == MAX_PATHS + 40
    assert value(after, HTTP, route="/healthz", method="GET", status="200") == 1
    # The route each path matched is remembered for at most MAX_PATHS paths.
    counting = slack.app.middleware_stack
    while not isinstance(counting, HttpMetrics):
        counting = counting.app  # type: ignore[attr-defined]
    assert len(counting._templates) == MAX_PATHS


async def test_a_request_id_is_echoed_or_made_up(slack: SlackWorkspace) -> None:
    given = await slack.http.get("/healthz", headers={"X-Request-Id": "abc-123"})
    made = await slack.http.get("/healthz")
    hostile = await slack.http.get("/healthz", headers={"X-Request-Id": 'a b"c'})

    assert given.headers["x-request-id"] == "abc-123"
    assert len(made.headers["x-request-id"]) == 32
    assert hostile.headers["x-request-id"] != 'a b"c'


async def test_parsed_intents_clarifications_and_replies_are_counted(
    slack: SlackWorkspace,
) -> None:
    await slack.dm("3 calls with Acme")
    await slack.dm("demo")  # a bare noun: unsure, so the bot asks before saving
    await slack.settle()
    figures = await scrape(slack.http)

    assert value(figures, "quotabot_parse_intents_total", intent="log_activity") == 2
    assert value(figures, "quotabot_parse_clarifications_total") == 1
    assert value(figures, "quotabot_outbox_deliveries", kind="reply", status="sent") == 2
    assert value(figures, "quotabot_inbox_pending") == 0
    assert value(figures, "quotabot_replies_waiting") == 0
    assert value(figures, "quotabot_outbox_retried", kind="reply") == 0


async def test_outbox_rows_that_took_more_than_one_attempt_are_retried(
    slack: SlackWorkspace,
) -> None:
    await slack.dm("3 calls with Acme")
    await slack.settle()
    async with slack.services.sessions() as session, session.begin():
        await session.execute(update(Delivery).values(attempts=3))
    figures = await scrape(slack.http)

    assert value(figures, "quotabot_outbox_retried", kind="reply") == 1


async def test_slack_api_errors_and_429s_are_counted(slack: SlackWorkspace) -> None:
    # The reply's first post is throttled (waited out: Retry-After 0), the next refused.
    throttled = {"ok": False, "error": "ratelimited"}
    slack.fake.then("chat.postMessage", throttled, 429, **{"Retry-After": "0"})
    slack.fake.then("chat.postMessage", {"ok": False, "error": "channel_not_found"})
    await slack.dm("3 calls with Acme")
    await slack.settle()
    figures = await scrape(slack.http)

    assert value(figures, "quotabot_platform_rate_limited_total", platform="slack") == 1
    errors = "quotabot_platform_api_errors_total"
    assert value(figures, errors, platform="slack", error="channel_not_found") == 1


async def test_two_apps_count_apart(slack: SlackWorkspace) -> None:
    other = create_app(slack.services)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=other), base_url="http://other.test"
    ) as http:
        await http.get("/healthz")
        theirs = await scrape(http)
    ours = await scrape(slack.http)

    assert value(theirs, HTTP, route="/healthz", method="GET", status="200") == 1
    assert value(ours, HTTP, route="/healthz", method="GET", status="200") == 0


async def test_scheduler_ticks_are_timed(slack: SlackWorkspace) -> None:
    metrics = slack.app.state.metrics
    tick = TimedTick(make_tick(slack.services, directories={}), metrics)
    with using(metrics):
        await tick()
        await tick()
    figures = await scrape(slack.http)

    assert value(figures, "quotabot_scheduler_tick_duration_seconds_count") == 2

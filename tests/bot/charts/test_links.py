"""Chart links: the chart rides sealed in the URL; forged, foreign and expired links fail;
a scheduler process of its own makes links too."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from bot.app import build_services, make_tick
from bot.charts import links
from bot.charts.links import BadLink, ChartLinks
from core.messages import Chart, Series
from tests.bot.charts.samples import SAMPLES
from tests.conftest import make_settings
from tests.support.clock import FakeClock

SECRET = "a chart-signing secret of some length"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 18, 15, 0, tzinfo=UTC))


@pytest.fixture(autouse=True)
def no_links() -> Iterator[None]:
    yield
    links.configure(None)


def test_a_link_opens_to_its_chart_for_a_day(clock: FakeClock) -> None:
    made = ChartLinks("https://q.example/", SECRET, clock)
    chart = SAMPLES["attainment"]
    url = made.url(chart)
    assert url is not None and url.startswith("https://q.example/charts/")
    token = url.removeprefix("https://q.example/charts/").removesuffix(".png")
    opened = made.open(token)
    assert opened.labels == chart.labels and opened.series == chart.series
    assert opened.alt == ""  # the alt text travels in the message, not the URL
    clock.advance(hours=23)
    made.open(token)
    clock.advance(hours=2)
    with pytest.raises(BadLink):
        made.open(token)


def test_forged_and_foreign_links_fail(clock: FakeClock) -> None:
    made = ChartLinks("https://q.example", SECRET, clock)
    token = made.token(SAMPLES["ranking"])
    with pytest.raises(BadLink):
        made.open(token[:-5] + ("AAAAA" if not token.endswith("AAAAA") else "BBBBB"))
    with pytest.raises(BadLink):
        ChartLinks("https://q.example", "another secret, also long", clock).open(token)
    with pytest.raises(BadLink):
        made.open("../../etc/passwd")


def test_too_long_for_slack_is_no_link(clock: FakeClock) -> None:
    made = ChartLinks("https://q.example", SECRET, clock)
    # 400 names and figures that do not compress: past Slack's 3,000-character image_url.
    huge = Chart(
        "ranking",
        "t",
        "a",
        tuple(f"rep {i} {i * 7919 % 104729}" for i in range(400)),
        (Series("v", tuple(i * 7919.5 for i in range(400))),),
    )
    assert made.url(huge) is None


async def test_a_scheduler_of_its_own_makes_links(db_url: str, clock: FakeClock) -> None:
    settings = make_settings(db_url, public_url="https://q.example", secret_key=SECRET)
    services = build_services(settings, clock=clock, auto_migrate=False)
    try:
        make_tick(services)
        assert links.link(SAMPLES["ranking"]) is not None
    finally:
        await services.engine.dispose()

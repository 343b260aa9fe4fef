"""`quotabot chat --charts DIR`: each reply's chart is written to DIR and its path printed."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from PIL import Image

from bot.adapters.console.chat import ConsoleSession
from bot.charts.style import WIDTH
from bot.services import Services
from tests.support.world import make_world, set_quota


async def test_a_chart_per_reply_lands_in_the_folder(services: Services, tmp_path: Path) -> None:
    world = await make_world(services)
    await set_quota(services, world, "rita", "revenue", "month", date(2026, 11, 1), 5_000_000)
    folder = tmp_path / "out"
    rita = ConsoleSession(services, "rita", "acme", charts=folder)
    await rita.say("closed Initech for $24k")
    shown = await rita.say("/quota")
    again = await rita.say("/quota")

    first = folder / "progress.png"
    assert f"Chart: {first}" in shown
    assert f"Chart: {folder / 'progress-2.png'}" in again
    image = Image.open(io.BytesIO(first.read_bytes()))
    assert image.format == "PNG" and image.width == WIDTH


async def test_without_the_option_no_chart_is_mentioned(services: Services) -> None:
    world = await make_world(services)
    await set_quota(services, world, "rita", "revenue", "month", date(2026, 11, 1), 5_000_000)
    shown = await ConsoleSession(services, "rita", "acme").say("/quota")
    assert "Chart:" not in shown and "Revenue" in shown  # the text bars, as before

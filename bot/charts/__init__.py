"""Charts as PNG (matplotlib, Agg): one module per kind, the same bytes for the same chart."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from bot.charts import attainment, forecast, history, progress, ranking, stages
from core.messages import Chart, ChartKind

RENDERERS: dict[ChartKind, Callable[[Chart], bytes]] = {
    "progress": progress.render,
    "stages": stages.render,
    "forecast": forecast.render,
    "attainment": attainment.render,
    "ranking": ranking.render,
    "history": history.render,
}


# Drawing takes tens of milliseconds of CPU: off the event loop, on one thread, since
# matplotlib's rc settings (bot/charts/style.py) are process-wide and not thread-safe.
PAINTER = ThreadPoolExecutor(1, thread_name_prefix="charts")


def render(chart: Chart) -> bytes:
    return RENDERERS[chart.kind](chart)


async def paint(chart: Chart) -> bytes:
    """`render` on the painter thread, for callers on the event loop."""
    return await asyncio.get_running_loop().run_in_executor(PAINTER, render, chart)

"""Charts as PNG (matplotlib, Agg): one module per kind, the same bytes for the same chart."""

from __future__ import annotations

from collections.abc import Callable

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


def render(chart: Chart) -> bytes:
    return RENDERERS[chart.kind](chart)

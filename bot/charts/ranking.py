"""Leaderboards and the weekly board: the top N as bars, the leader in the strong colour."""

from __future__ import annotations

from bot.charts.style import BLUE, LIGHT_BLUE, empty, figure, finish, hbars
from core.messages import Chart


def render(chart: Chart) -> bytes:
    values = chart.series[0].values if chart.series else ()
    with figure(len(values)) as (fig, ax):
        if not values:
            empty(ax, "Nothing on the board yet")
            return finish(fig, ax, chart)
        lead = max(values)
        hbars(ax, chart, values, [BLUE if v == lead else LIGHT_BLUE for v in values])
        return finish(fig, ax, chart)

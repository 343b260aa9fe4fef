"""/pipeline: open amount by stage with each stage's deal count; stages with stale deals
marked."""

from __future__ import annotations

from bot.charts.style import BLUE, ORANGE, empty, figure, finish, hbars, legend, swatch
from core.messages import Chart


def render(chart: Chart) -> bytes:
    values = chart.series[0].values if chart.series else ()
    with figure(len(values)) as (fig, ax):
        if not values:
            empty(ax, "No open deals")
            return finish(fig, ax, chart)
        colours = [BLUE] * len(values)
        hbars(ax, chart, values, colours)
        for i in chart.marked:
            if i < len(values):
                # Stale: hatched in orange, so it reads without relying on colour alone.
                ax.barh(i, values[i], height=0.66, fill=False, hatch="///", edgecolor=ORANGE)
        if chart.marked:
            stale = swatch(BLUE, "has stale deals", hatch="///", edgecolor=ORANGE)
            legend(ax, [stale])
        return finish(fig, ax, chart)

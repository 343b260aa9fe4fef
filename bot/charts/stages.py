"""/pipeline: open amount by stage with each stage's deal count; stages with stale deals
marked."""

from __future__ import annotations

from bot.charts.style import (
    BLUE,
    LABELLED_ROWS,
    ORANGE,
    empty,
    figure,
    finish,
    hbars,
    legend,
    swatch,
)
from core.messages import Chart


def render(chart: Chart) -> bytes:
    values = chart.series[0].values if chart.series else ()
    with figure(len(values)) as (fig, ax):
        if not values:
            empty(ax, "No open deals")
            return finish(fig, ax, chart)
        big = len(values) > LABELLED_ROWS
        colours = [ORANGE if big and i in chart.marked else BLUE for i in range(len(values))]
        hbars(ax, chart, values, colours)
        stale = sorted(i for i in chart.marked if i < len(values))
        if stale and not big:
            # Stale: hatched in orange, so it reads without relying on colour alone (a
            # pipeline has a handful of stages; hatching hundreds of rows would be unreadable).
            ax.barh(
                stale,
                [values[i] for i in stale],
                height=0.66,
                fill=False,
                hatch="///",
                edgecolor=ORANGE,
            )
        if chart.marked:
            legend(ax, [swatch(BLUE, "has stale deals", hatch="///", edgecolor=ORANGE)])
        return finish(fig, ax, chart)

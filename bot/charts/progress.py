"""/quota: each metric's share of its target, with where the pace line is by now."""

from __future__ import annotations

from bot.charts.style import BLUE, MUTED, ORANGE, PACE, empty, figure, finish, hbars, legend, line
from core.messages import Chart


def render(chart: Chart) -> bytes:
    values = chart.series[0].values if chart.series else ()
    with figure(len(values)) as (fig, ax):
        if not values:
            empty(ax, "No target set")
            return finish(fig, ax, chart)
        colours = [ORANGE if i in chart.marked else BLUE for i in range(len(values))]
        hbars(ax, chart, values, colours)
        ax.axvline(1.0, color=MUTED, linewidth=1, linestyle=":")
        if chart.pace:
            # The pace line as a tick across each metric's bar (one collection for them all):
            # where "on pace" is now.
            paces = [chart.pace[min(y, len(chart.pace) - 1)] for y in range(len(values))]
            ys = range(len(values))
            ax.vlines(
                paces, [y - 0.45 for y in ys], [y + 0.45 for y in ys], color=PACE, linewidth=2.5
            )
        legend(ax, [line(PACE, "pace by now"), line(MUTED, "target", ":")])
        return finish(fig, ax, chart)

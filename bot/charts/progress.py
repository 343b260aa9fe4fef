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
        for y in range(len(values)):
            at = chart.pace[y] if y < len(chart.pace) else (chart.pace or (None,))[0]
            if at is not None:
                # The pace line as a tick across this metric's bar: where "on pace" is now.
                ax.plot([at, at], [y - 0.45, y + 0.45], color=PACE, linewidth=2.5)
        legend(ax, [line(PACE, "pace by now"), line(MUTED, "target", ":")])
        return finish(fig, ax, chart)

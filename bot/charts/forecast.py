"""/forecast: closed-won, commit, weighted and best case against the quota line."""

from __future__ import annotations

from bot.charts.style import (
    BLUE,
    LIGHT_BLUE,
    PACE,
    PALE_BLUE,
    empty,
    figure,
    finish,
    hbars,
    legend,
    line,
)
from core.messages import Chart


def render(chart: Chart) -> bytes:
    values = chart.series[0].values if chart.series else ()
    with figure(len(values)) as (fig, ax):
        if not values:
            empty(ax, "Nothing to forecast")
            return finish(fig, ax, chart)
        # Closed money is certain: the strong colour; the rest fades with its uncertainty.
        shades = [BLUE, LIGHT_BLUE, LIGHT_BLUE, PALE_BLUE]
        hbars(ax, chart, values, [shades[min(i, 3)] for i in range(len(values))])
        if chart.target:
            ax.axvline(chart.target, color=PACE, linewidth=2, linestyle="--")
            legend(ax, [line(PACE, "quota", "--")])
        return finish(fig, ax, chart)

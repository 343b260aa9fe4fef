"""/team: each rep's share of their own target, sorted, against the pace line; the legend
counts how many are on pace and how many behind."""

from __future__ import annotations

from matplotlib.artist import Artist

from bot.charts.style import (
    GREEN,
    MUTED,
    ORANGE,
    PACE,
    empty,
    figure,
    finish,
    hbars,
    legend,
    line,
    swatch,
)
from core.messages import Chart


def render(chart: Chart) -> bytes:
    values = chart.series[0].values if chart.series else ()
    with figure(len(values)) as (fig, ax):
        if not values:
            empty(ax, "Nobody has a quota yet")
            return finish(fig, ax, chart)
        colours = [ORANGE if i in chart.marked else GREEN for i in range(len(values))]
        hbars(ax, chart, values, colours)
        behind = sum(1 for i in chart.marked if i < len(values))
        handles: list[Artist] = [
            swatch(GREEN, f"on pace ({len(values) - behind})"),
            swatch(ORANGE, f"behind ({behind})"),
        ]
        if chart.pace:
            ax.axvline(chart.pace[0], color=PACE, linewidth=2, linestyle="--")
            handles.append(line(PACE, "pace by now", "--"))
        ax.axvline(1.0, color=MUTED, linewidth=1, linestyle=":")
        legend(ax, [*handles, line(MUTED, "target", ":")])
        return finish(fig, ax, chart)

"""/quota: each metric's share of its target over the period so far (one line per metric),
against the pace line through the whole period and the target at 100%."""

from __future__ import annotations

from matplotlib.artist import Artist

from bot.charts.style import (
    BLUE,
    GREEN,
    MUTED,
    ORANGE,
    PACE,
    PAPER,
    empty,
    figure,
    finish,
    legend,
    line,
    value_axis,
)
from core.messages import Chart

# Date labels 800 px can hold without overlapping.
MOST_TICKS = 7
# On pace in the strong blue (a second metric in green); behind pace in orange.
ON_PACE = (BLUE, GREEN)


def render(chart: Chart) -> bytes:
    with figure(8 if chart.series else 0) as (fig, ax):
        if not chart.series or not chart.labels:
            empty(ax, "No target set")
            return finish(fig, ax, chart)
        xs = list(range(len(chart.labels)))
        handles: list[Artist] = []
        if chart.pace:
            n = min(len(xs), len(chart.pace))
            ax.plot(xs[:n], chart.pace[:n], color=PACE, linewidth=2, linestyle="--")
            handles.append(line(PACE, "pace", "--"))
        ax.axhline(1.0, color=MUTED, linewidth=1, linestyle=":")
        top = max([1.0, *chart.pace])
        for i, series in enumerate(chart.series):
            colour = ORANGE if i in chart.marked else ON_PACE[min(i, len(ON_PACE) - 1)]
            values = series.values[: len(xs)]
            done = xs[: len(values)]
            ax.plot(done, values, color=colour, linewidth=2.6, marker="o", markersize=4)
            handles.append(line(colour, series.name))
            top = max(top, *values) if values else top
            if values and i < len(chart.figures):
                ax.annotate(
                    chart.figures[i],
                    (done[-1], values[-1]),
                    xytext=(6, 6 - 14 * i),
                    textcoords="offset points",
                    fontsize=10,
                    bbox={"facecolor": PAPER, "edgecolor": "none", "pad": 1},
                )
        step = max(1, -(-len(xs) // MOST_TICKS))
        ax.set_xticks(xs[::step], list(chart.labels[::step]))
        value_axis(ax, chart, axis="y")
        ax.set_ylim(0, top * 1.12)
        ax.set_xlim(-0.3, len(xs) - 0.7)
        legend(ax, [*handles, line(MUTED, "target", ":")])
        return finish(fig, ax, chart)

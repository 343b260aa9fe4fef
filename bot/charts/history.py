"""Forecast vs actual: what was forecast each week (lines) against what closed (the level)."""

from __future__ import annotations

from matplotlib.typing import LineStyleType

from bot.charts.style import (
    BLUE,
    GREEN,
    LIGHT_BLUE,
    MUTED,
    empty,
    figure,
    finish,
    legend,
    value_axis,
)
from core.messages import Chart

# Weighted, commit, best case: told apart by line style too, not by colour alone.
MOST_TICKS = 13
LINES: tuple[tuple[str, LineStyleType], ...] = ((BLUE, "-"), (LIGHT_BLUE, "-."), (MUTED, ":"))


def render(chart: Chart) -> bytes:
    with figure(8 if chart.labels else 0) as (fig, ax):
        if not chart.labels:
            empty(ax, "No forecast history yet")
            return finish(fig, ax, chart)
        xs = list(range(len(chart.labels)))
        for series, (colour, style) in zip(chart.series, LINES, strict=False):
            values = series.values[: len(xs)]
            ax.plot(
                xs[: len(values)],
                values,
                color=colour,
                linestyle=style,
                linewidth=2.2,
                marker="o",
                label=series.name,
            )
        if chart.target is not None:
            ax.axhline(chart.target, color=GREEN, linewidth=2, linestyle="--", label="closed")
        # A quarter is 13 Mondays; beyond about that the week labels would overlap.
        step = max(1, -(-len(xs) // MOST_TICKS))
        ax.set_xticks(xs[::step], list(chart.labels[::step]))
        value_axis(ax, chart, axis="y")
        ax.set_ylim(bottom=0)
        handles, _ = ax.get_legend_handles_labels()
        legend(ax, handles)
        return finish(fig, ax, chart)

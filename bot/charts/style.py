"""The look every chart shares: size, font, colours, number formats, and the PNG bytes."""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Literal

import matplotlib
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter
from matplotlib.typing import LineStyleType, RcKeyType

from core.messages import Chart
from core.money import fmt_count, fmt_short

# Pixels, at DPI 100: Slack and Teams scale an image to the message width (about 360-500
# points on desktop), so 800 wide stays sharp on high-density screens without being heavy.
DPI = 100
WIDTH = 800
# A horizontal bar per row: rows grow the picture, within what a chat column shows at once.
ROW = 26
MIN_HEIGHT = 240
MAX_HEIGHT = 900
# Average DejaVu Sans character at 11 pt and DPI 100, in pixels; names beyond MAX_LABEL
# characters are cut (a chat picture is no place for a 40-character account name).
CHAR = 7.4
MAX_LABEL = 24
RIGHT = 20.0
LEGEND = 26.0
# Above this many rows the names no longer fit: bars are drawn thin and unlabelled.
LABELLED_ROWS = 40

# Neither Slack nor Teams tells us the reader's theme, and a transparent PNG loses dark text
# on a dark theme: charts sit on their own white card, with colours that hold on both.
PAPER = "#FFFFFF"
INK = "#1F2937"
MUTED = "#6B7280"
GRID = "#E5E7EB"
# Colour-blind-safe (Okabe-Ito family): blue for figures, green / orange for on pace / behind.
BLUE = "#0072B2"
LIGHT_BLUE = "#56B4E9"
PALE_BLUE = "#BFE3F7"
GREEN = "#009E73"
ORANGE = "#D55E00"
PACE = "#374151"

# Fixed font, sizes and no hash salt or dates in the file: the same chart is the same bytes.
RC: dict[RcKeyType, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 11,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.edgecolor": GRID,
    "axes.labelcolor": INK,
    "text.color": INK,
    "xtick.color": MUTED,
    "ytick.color": INK,
    "svg.hashsalt": "quotabot",
    # "$24K of $45K" is money, not TeX: never read $...$ as mathtext.
    "text.parse_math": False,
    "path.simplify": True,
}


@contextmanager
def figure(height_rows: int = 0) -> Iterator[tuple[Figure, Axes]]:
    """A figure (no pyplot: no global figure registry, nothing shared between renders)."""
    shown = min(height_rows, LABELLED_ROWS)
    height = max(MIN_HEIGHT, min(MAX_HEIGHT, 110 + ROW * shown))
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(WIDTH / DPI, height / DPI), dpi=DPI, facecolor=PAPER)
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        ax.set_facecolor(PAPER)
        yield fig, ax


def png(fig: Figure) -> bytes:
    out = io.BytesIO()
    # No "Software" or date chunks: golden tests compare bytes, caches compare hashes.
    fig.savefig(out, format="png", dpi=DPI, facecolor=PAPER, metadata={"Software": None})
    return out.getvalue()


def say(chart: Chart, value: float) -> str:
    """A value as people read it, in the chart's unit."""
    if chart.unit == "money":
        return fmt_short(value, chart.currency or "USD")
    if chart.unit == "share":
        return f"{value:.0%}"
    return fmt_count(value)


def value_axis(ax: Axes, chart: Chart, axis: Literal["x", "y"] = "x") -> None:
    """Ticks in the chart's unit ($24K, 60%, 1,200), light grid, no frame: no chart junk."""
    formatter = FuncFormatter(lambda v, _pos: say(chart, v))
    (ax.xaxis if axis == "x" else ax.yaxis).set_major_formatter(formatter)
    ax.grid(axis=axis, color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)


def hbars(
    ax: Axes, chart: Chart, values: Sequence[float], colours: Sequence[str], figures: bool = True
) -> None:
    """One horizontal bar per label, first on top, each with its figure at its end."""
    # A bar needs its label: values past the labels are dropped, never drawn unnamed.
    values = values[: len(chart.labels)]
    n = len(values)
    labelled = n <= LABELLED_ROWS
    ys = list(range(n))
    if labelled:
        ax.barh(ys, values, color=list(colours)[:n], height=0.66)
    else:
        # Hundreds of bars are hundreds of patches (seconds to draw): one filled outline per
        # run of one colour draws the same shape at the cost of a few.
        start = 0
        for end in range(1, n + 1):
            if end == n or colours[end] != colours[start]:
                run = range(start, end)
                ax.fill_betweenx(
                    [y for y in run], 0, [values[y] for y in run], step="mid", color=colours[start]
                )
                start = end
    # Unlabelled rows get no ticks at all: 500 empty ticks cost as much as 500 labels.
    names = [_cut(label) for label in chart.labels[:n]] if labelled else []
    ax.set_yticks(ys if labelled else [], names)
    ax.invert_yaxis()
    ax.set_ylim(n - 0.5, -0.5) if n else ax.set_ylim(0.5, -0.5)
    value_axis(ax, chart)
    top = max([*values, *chart.pace, chart.target or 0.0, 0.0])
    # Room on the right for the longest bar's figure.
    ax.set_xlim(0, top * 1.3 or 1.0)
    if not (figures and labelled):
        return
    for y, value in enumerate(values):
        said = chart.figures[y] if y < len(chart.figures) else say(chart, value)
        ax.annotate(
            said,
            (value, y),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=10,
            # On a white patch: the figure stays readable where it crosses a pace line.
            bbox={"facecolor": PAPER, "edgecolor": "none", "pad": 1},
        )


def _cut(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def legend(ax: Axes, handles: Sequence[Artist]) -> None:
    """Below the plot, in one row: never over a bar, never into a long title."""
    ax.legend(
        handles=list(handles),
        loc="upper center",
        bbox_to_anchor=(0.5, -0.1),
        ncols=len(handles),
        frameon=False,
        fontsize=9,
        borderaxespad=0.2,
    )


def swatch(colour: str, label: str, **style: Any) -> Patch:
    return Patch(facecolor=colour, label=label, **style)


def line(colour: str, label: str, style: LineStyleType = "-") -> Line2D:
    return Line2D([], [], color=colour, linewidth=2, linestyle=style, label=label)


def empty(ax: Axes, text: str) -> None:
    ax.set_axis_off()
    ax.text(0.5, 0.5, text, ha="center", va="center", color=MUTED, transform=ax.transAxes)


def finish(fig: Figure, ax: Axes, chart: Chart) -> bytes:
    ax.set_title(chart.title, pad=12)
    _margins(fig, ax, chart)
    return png(fig)


def _margins(fig: Figure, ax: Axes, chart: Chart) -> None:
    """Margins from the label lengths, in pixels: tight_layout would draw the whole figure
    once more just to measure them (about a third of a render)."""
    width, height = fig.get_size_inches() * DPI
    names = [t.get_text() for t in ax.get_yticklabels()]
    longest = max((len(n) for n in names), default=0)
    if chart.kind == "history" and chart.labels:
        left = 72.0  # "$150K" on the value axis
    else:
        left = max(24.0, CHAR * min(longest, MAX_LABEL) + 20)
    bottom = 36.0 + (LEGEND if ax.get_legend() is not None else 0.0)
    top = 48.0
    fig.subplots_adjust(
        left=left / width,
        right=1 - RIGHT / width,
        top=1 - top / height,
        bottom=bottom / height,
    )

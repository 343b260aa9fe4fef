"""Chart rendering benchmark: every chart kind for empty, single-rep and 500-rep data,
p50/p95 milliseconds per render (issue 15: each under 200 ms), wall clock and this
process's CPU time (on a shared machine the wall clock also counts other processes' turns).

    .venv/bin/python benchmarks/charts_bench.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.charts import render  # noqa: E402
from core.messages import Chart, Series  # noqa: E402
from tests.bot.charts.samples import SAMPLES  # noqa: E402

BUDGET_MS = 200.0


def sized(chart: Chart, n: int) -> Chart:
    """The sample chart with n labels (0: empty), values spread over 0-120% of the first."""
    if n == 0:
        return replace(chart, labels=(), series=(), figures=(), marked=frozenset())
    top = max(chart.series[0].values)
    values = tuple(top * 1.2 * (n - i) / n for i in range(n))
    labels = tuple(f"Rep {i}" for i in range(n))
    series = tuple(Series(s.name, values) for s in chart.series)
    pace = tuple(i / n for i in range(n)) if chart.kind == "progress" else chart.pace
    return replace(
        chart,
        labels=labels,
        series=series,
        figures=(),
        pace=pace,
        marked=frozenset(range(n // 2, n)),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    render(SAMPLES["ranking"])  # font cache and imports: not part of any chart's time
    print(f"{'chart':<12} {'data':<8} {'p50 ms':>8} {'p95 ms':>8} {'CPU p50':>8} {'CPU p95':>8}")
    worst = 0.0
    for kind, sample in sorted(SAMPLES.items()):
        for label, n in (("empty", 0), ("1 rep", 1), ("500 reps", 500)):
            chart = sized(sample, n)
            wall, cpu = [], []
            for _ in range(args.runs):
                started, used = time.perf_counter(), time.process_time()
                render(chart)
                wall.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - used) * 1000)
            p95, cpu95 = (statistics.quantiles(t, n=20)[18] for t in (wall, cpu))
            worst = max(worst, cpu95)
            print(
                f"{kind:<12} {label:<8} {statistics.median(wall):8.1f} {p95:8.1f}"
                f" {statistics.median(cpu):8.1f} {cpu95:8.1f}"
            )
    print(f"worst CPU p95 {worst:.1f} ms (budget {BUDGET_MS:.0f} ms)")


if __name__ == "__main__":
    main()

"""Fixed charts for the golden-image and size tests: one of each kind."""

from __future__ import annotations

from core.messages import Chart, Series

SAMPLES: dict[str, Chart] = {
    "progress": Chart(
        "progress",
        "Quota — December 2026",
        "Revenue 53% of target, demos 30%; pace by now is 62%.",
        (
            "01 Dec",
            "04 Dec",
            "07 Dec",
            "10 Dec",
            "13 Dec",
            "16 Dec",
            "19 Dec",
            "20 Dec",
            "22 Dec",
            "25 Dec",
            "28 Dec",
            "31 Dec",
            "01 Jan",
        ),
        (
            Series("Revenue", (0.0, 0.05, 0.12, 0.2, 0.31, 0.4, 0.5, 0.53)),
            Series("Demos", (0.0, 0.0, 0.1, 0.1, 0.2, 0.2, 0.3, 0.3)),
        ),
        unit="share",
        pace=(0.0, 0.1, 0.19, 0.29, 0.38, 0.48, 0.57, 0.62, 0.67, 0.76, 0.86, 0.95, 1.0),
        target=1.0,
        marked=frozenset({1}),
        figures=("$24K of $45K (53%)", "3 of 10 (30%)"),
    ),
    "stages": Chart(
        "stages",
        "Open pipeline by stage",
        "Proposal $80K in 4 deals, 2 stale.",
        ("Prospecting", "Qualified", "Proposal", "Negotiation"),
        (
            Series("Amount", (1_200_000, 4_500_000, 8_000_000, 2_500_000)),
            Series("Deals", (3, 5, 4, 1)),
        ),
        unit="money",
        currency="USD",
        marked=frozenset({2}),
        figures=("$12K · 3 deals", "$45K · 5 deals", "$80K · 4 deals (2 stale)", "$25K · 1 deal"),
    ),
    "forecast": Chart(
        "forecast",
        "Forecast — Q4 2026",
        "Closed $90K, weighted $140K, best case $200K; quota $150K.",
        ("Closed-won", "Commit", "Weighted", "Best case"),
        (Series("Amount", (9_000_000, 12_000_000, 14_000_000, 20_000_000)),),
        unit="money",
        currency="USD",
        target=15_000_000,
    ),
    "attainment": Chart(
        "attainment",
        "Team East — December 2026",
        "5 on pace, 3 behind.",
        tuple(f"Rep {i}" for i in range(8)),
        (Series("Share of target", (1.1, 0.9, 0.7, 0.65, 0.5, 0.4, 0.3, 0.2)),),
        unit="share",
        pace=(0.6,),
        marked=frozenset({5, 6, 7}),
    ),
    "ranking": Chart(
        "ranking",
        "Leaderboard — revenue, this week",
        "Ava leads with $45K.",
        ("Ava", "Ben", "Cara"),
        (Series("Revenue", (4_500_000, 3_000_000, 1_200_000)),),
        unit="money",
        currency="USD",
    ),
    "history": Chart(
        "history",
        "Forecast vs actual — Q3 2026",
        "Weighted forecast against the $105K that closed.",
        ("Jul 6", "Jul 13", "Jul 20", "Jul 27", "Aug 3", "Aug 10"),
        (
            Series("weighted", (8e6, 9e6, 9.5e6, 10e6, 10.2e6, 10.1e6)),
            Series("commit", (5e6, 6e6, 7e6, 8e6, 9e6, 9.5e6)),
            Series("best case", (14e6, 15e6, 15e6, 14e6, 13e6, 12e6)),
        ),
        unit="money",
        currency="USD",
        target=10_500_000,
    ),
}


if __name__ == "__main__":
    # After a deliberate change to a chart's look: `python -m tests.bot.charts.samples`,
    # then look at the PNGs before committing them.
    from pathlib import Path

    from bot.charts import render

    golden = Path(__file__).parents[2] / "fixtures" / "charts"
    for kind, chart in SAMPLES.items():
        (golden / f"{kind}.png").write_bytes(render(chart))

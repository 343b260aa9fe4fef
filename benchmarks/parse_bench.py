"""Offline parser benchmark: accuracy, slot F1, write precision, calibration and latency on the
dev set and our held-out set, this parser beside the previous release's in the same run."""

from __future__ import annotations

import argparse
import importlib
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nlp.intent import Intent  # noqa: E402
from nlp.parser import CLARIFY_BELOW, parse  # noqa: E402
from nlp.scoring import Score, load_jsonl, reliability  # noqa: E402

DEFAULT_DEV = ROOT / ".." / "shared" / "spec" / "parse-dev.jsonl"
DEFAULT_HELDOUT = ROOT / "tests" / "fixtures" / "nlp" / "heldout.jsonl"
# The last release before issue 12 (contract v2): the parser it shipped is the baseline.
PREVIOUS = "3cdde34"
DEV_TODAY = date(2026, 11, 18)
Parse = Callable[..., Intent]


def load_previous(rev: str) -> tuple[Parse, float] | None:
    """nlp/ as of `rev`, imported as the package `nlp_prev` from a temporary copy."""
    try:
        names = subprocess.run(
            ["git", "-C", str(ROOT), "ls-tree", "--name-only", rev, "nlp/"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return None
    target = Path(tempfile.mkdtemp(prefix="parse_bench_")) / "nlp_prev"
    target.mkdir()
    for name in names:
        if not name.endswith(".py"):
            continue
        source = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{rev}:{name}"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        source = re.sub(r"\bfrom nlp(\.| import)", r"from nlp_prev\1", source)
        (target / Path(name).name).write_text(source, encoding="utf-8")
    sys.path.insert(0, str(target.parent))
    module = importlib.import_module("nlp_prev.parser")
    return module.parse, float(module.CLARIFY_BELOW)


def _score(rows: list[dict[str, Any]], fn: Parse, bar: float) -> Score:
    score = Score()
    for row in rows:
        today = date.fromisoformat(row["today"]) if "today" in row else DEV_TODAY
        score.add(row["expect"], fn(row["text"], today=today), bar)
    return score


def _latencies(texts: list[str], fn: Parse, rounds: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds per parse. CPU time leaves out the time the process
    waits for a core, so it stays meaningful on a busy shared machine; wall time is what a
    user feels. Both are reported."""
    wall: list[float] = []
    cpu: list[float] = []
    fn("warm up", today=DEV_TODAY)
    for _ in range(rounds):
        for text in texts:
            w0, c0 = time.perf_counter_ns(), time.thread_time_ns()
            fn(text, today=DEV_TODAY)
            cpu.append((time.thread_time_ns() - c0) / 1e6)
            wall.append((time.perf_counter_ns() - w0) / 1e6)
    return wall, cpu


def _dateparser(texts: list[str]) -> list[float]:
    # The library we chose not to put on the hot path, timed on the same messages.
    from dateparser.search import search_dates

    out: list[float] = []
    for text in texts:
        start = time.perf_counter_ns()
        search_dates(text, languages=["en"])
        out.append((time.perf_counter_ns() - start) / 1e6)
    return out


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _figures(score: Score) -> list[tuple[str, str]]:
    sure = f"{score.sure_write_precision:.2%} ({score.sure_write_ok}/{score.sure_write_pred})"
    return [
        ("messages", str(score.total)),
        ("intent accuracy", f"{score.intent_accuracy:.2%}"),
        ("slot precision", f"{score.slot_precision:.2%}"),
        ("slot recall", f"{score.slot_recall:.2%}"),
        ("slot F1", f"{score.slot_f1:.2%}"),
        ("write-intent precision", f"{score.write_precision:.2%}"),
        ("write precision (conf >= bar)", sure),
    ]


def _table(title: str, columns: dict[str, list[tuple[str, str]]]) -> None:
    heads = list(columns)
    print(f"\n{title}")
    print("| metric                        | " + " | ".join(f"{h:>22}" for h in heads) + " |")
    print("|-------------------------------|" + "|".join("-" * 24 for _ in heads) + "|")
    for k, (label, _) in enumerate(next(iter(columns.values()))):
        cells = " | ".join(f"{columns[h][k][1]:>22}" for h in heads)
        print(f"| {label:<29} | {cells} |")


def _reliability(label: str, score: Score) -> None:
    print(f"\nreliability ({label}): intent right by confidence; writes right of writes")
    print("| confidence  |   n | mean conf | accuracy | writes right |")
    print("|-------------|-----|-----------|----------|--------------|")
    for b in reliability(score.answers):
        if b.n:
            print(
                f"| {b.low:.2f}-{b.high:.2f}   | {b.n:>3} | {b.mean_confidence:>9.2f} "
                f"| {b.accuracy:>8.1%} | {b.writes_right:>5}/{b.writes:<6} |"
            )


def _wilson_low(right: int, n: int, z: float = 1.96) -> float:
    """Lower end of the 95% Wilson interval of a proportion: what a small set can vouch for."""
    if not n:
        return 1.0
    p = right / n
    centre = p + z * z / (2 * n)
    margin = z * ((p * (1 - p) + z * z / (4 * n)) / n) ** 0.5
    return (centre - margin) / (1 + z * z / n)


def _bar_sweep(label: str, score: Score, bar: float) -> None:
    """Precision of the writes performed without asking at each candidate bar, and how many of
    the right writes would still be performed without asking."""
    right_writes = sum(1 for conf, ok, write in score.answers if write and ok)
    print(f"\nconfirmation bar ({label}); in use: {bar}")
    print("| bar  | writes >= bar | right | precision | 95% low | right writes not asked |")
    print("|------|---------------|-------|-----------|---------|------------------------|")
    for candidate in (0.6, 0.7, 0.75, 0.8, 0.85, 0.9):
        sure = [ok for conf, ok, write in score.answers if write and conf >= candidate]
        n, ok = len(sure), sum(sure)
        share = ok / right_writes if right_writes else 1.0
        print(
            f"| {candidate:.2f} | {n:>13} | {ok:>5} | {ok / n if n else 1:>9.2%} "
            f"| {_wilson_low(ok, n):>7.2%} | {share:>22.1%} |"
        )


def _confusion(score: Score) -> None:
    print("\n| gold intent      |   n | correct | mistaken for")
    print("|------------------|-----|---------|-------------")
    for name in sorted(score.confusion):
        row = score.confusion[name]
        n, ok = sum(row.values()), row.get(name, 0)
        wrong = ", ".join(f"{k} x{v}" for k, v in row.most_common() if k != name) or "-"
        print(f"| {name:<16} | {n:>3} | {ok:>7} | {wrong}")


def _splits(path: Path) -> dict[str, list[dict[str, Any]]]:
    rows = load_jsonl(path.read_text(encoding="utf-8").splitlines())
    if path.resolve() == DEFAULT_DEV.resolve():
        return {"dev": rows}
    out: dict[str, list[dict[str, Any]]] = {"all": rows}
    for row in rows:
        split = row.get("split", "regression")
        out.setdefault(split, []).append(row)
        if "batch" in row:  # a later batch is also shown alone: its first run is honest
            out.setdefault(f"{split} batch {row['batch']}", []).append(row)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("sets", nargs="*", type=Path, help="labelled JSONL (default: dev, held-out)")
    ap.add_argument("--previous", default=PREVIOUS, help="git revision of the baseline parser")
    ap.add_argument("--rounds", type=int, default=20, help="timing passes over the set")
    ap.add_argument("--baseline", type=int, default=40, help="messages for dateparser (0: skip)")
    args = ap.parse_args(argv)
    parsers: dict[str, tuple[Parse, float]] = {"this parser": (parse, CLARIFY_BELOW)}
    previous = load_previous(args.previous)
    if previous is not None:
        parsers[f"previous ({args.previous})"] = previous
    else:
        print(f"(previous parser {args.previous} not loadable: git history missing)")
    print(f"--no-llm; this parser's CLARIFY_BELOW={CLARIFY_BELOW}")
    last: Score | None = None
    for path in args.sets or [DEFAULT_DEV, DEFAULT_HELDOUT]:
        for split, rows in _splits(path).items():
            scores = {name: _score(rows, fn, bar) for name, (fn, bar) in parsers.items()}
            _table(f"{path.name} [{split}]", {n: _figures(s) for n, s in scores.items()})
            if split in ("dev", "all", "blind", "calib") or split.startswith("blind "):
                _reliability(f"{path.name} [{split}], this parser", scores["this parser"])
            if split in ("all", "calib"):
                _bar_sweep(
                    f"{path.name} [{split}], this parser", scores["this parser"], bar=CLARIFY_BELOW
                )
            last = scores["this parser"] if split == "all" else last
    texts = [r["text"] for p in args.sets or [DEFAULT_DEV, DEFAULT_HELDOUT] for r in _rows(p)]
    timing: dict[str, list[tuple[str, str]]] = {}
    for name, (fn, _) in parsers.items():
        wall, cpu = _latencies(texts, fn, args.rounds)
        timing[name] = [
            ("timed parses", str(len(wall))),
            ("p50 ms/message", f"{statistics.median(wall):.3f}"),
            ("p99 ms/message", f"{_pct(wall, 0.99):.3f}"),
            ("max ms/message", f"{max(wall):.3f}"),
            ("CPU p50 ms/message", f"{statistics.median(cpu):.3f}"),
            ("CPU p99 ms/message", f"{_pct(cpu, 0.99):.3f}"),
        ]
    _table("latency (all sets, same messages)", timing)
    if args.baseline:
        base = _dateparser(texts[: args.baseline])
        print(
            f"baseline dateparser.search_dates: p50 {statistics.median(base):.3f} ms, "
            f"p99 {_pct(base, 0.99):.3f} ms ({len(base)} messages)"
        )
    print(f"load average (1 min): {os.getloadavg()[0]:.2f} / {os.cpu_count()} CPUs")
    print("slot units: each top-level slot key/value pair; `items` is one unit compared whole.")
    if last is not None:
        _confusion(last)
    return 0


def _rows(path: Path) -> list[dict[str, Any]]:
    return load_jsonl(path.read_text(encoding="utf-8").splitlines())


if __name__ == "__main__":
    raise SystemExit(main())

"""Accuracy figures for a labelled set: intent accuracy, slot P/R/F1, write precision."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from nlp.intent import WRITE_INTENTS, Intent


@dataclass
class Score:
    """Running totals; slot units are top-level (key, value) pairs, `items` compared whole."""

    total: int = 0
    intent_ok: int = 0
    slot_tp: int = 0
    slot_pred: int = 0
    slot_gold: int = 0
    write_pred: int = 0
    write_ok: int = 0
    sure_write_pred: int = 0
    sure_write_ok: int = 0
    confusion: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    # (confidence, intent right, is a write) per message, for the reliability table.
    answers: list[tuple[float, bool, bool]] = field(default_factory=list)

    def add(self, gold: dict[str, Any], got: Intent, sure_below: float) -> None:
        """Count one labelled message against the parser's answer."""
        self.total += 1
        name = gold["intent"]
        self.confusion[name][got.name] += 1
        if got.name == name:
            self.intent_ok += 1
        self.answers.append((got.confidence, got.name == name, got.name in WRITE_INTENTS))
        gold_pairs = _pairs(gold.get("slots", {}))
        got_pairs = _pairs(got.slots)
        self.slot_gold += len(gold_pairs)
        self.slot_pred += len(got_pairs)
        self.slot_tp += len(gold_pairs & got_pairs)
        if got.name in WRITE_INTENTS:
            self.write_pred += 1
            self.write_ok += got.name == name
            if got.confidence >= sure_below:
                self.sure_write_pred += 1
                self.sure_write_ok += got.name == name

    @property
    def intent_accuracy(self) -> float:
        return self.intent_ok / self.total if self.total else 1.0

    @property
    def slot_precision(self) -> float:
        return self.slot_tp / self.slot_pred if self.slot_pred else 1.0

    @property
    def slot_recall(self) -> float:
        return self.slot_tp / self.slot_gold if self.slot_gold else 1.0

    @property
    def slot_f1(self) -> float:
        p, r = self.slot_precision, self.slot_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def write_precision(self) -> float:
        """Of messages parsed as a write intent, the share whose true intent is that write."""
        return self.write_ok / self.write_pred if self.write_pred else 1.0

    @property
    def sure_write_precision(self) -> float:
        """The same, counting only writes the router would perform without asking."""
        return self.sure_write_ok / self.sure_write_pred if self.sure_write_pred else 1.0


# Confidence bins of the reliability table; the bar (CLARIFY_BELOW) is one of the edges.
BINS: tuple[float, ...] = (0.0, 0.5, 0.75, 0.85, 0.9, 0.95, 1.0001)


@dataclass(frozen=True)
class Bin:
    """One row of a reliability table: messages whose confidence falls in [low, high)."""

    low: float
    high: float
    n: int
    mean_confidence: float
    accuracy: float
    writes: int
    writes_right: int


def reliability(
    answers: list[tuple[float, bool, bool]], bins: tuple[float, ...] = BINS
) -> list[Bin]:
    """Calibration: per confidence bin, how often the intent was right (all answers) and how
    many of the write answers were right."""
    table: list[Bin] = []
    for low, high in pairwise(bins):
        inside = [a for a in answers if low <= a[0] < high]
        writes = [a for a in inside if a[2]]
        table.append(
            Bin(
                low,
                min(high, 1.0),
                len(inside),
                sum(a[0] for a in inside) / len(inside) if inside else 0.0,
                sum(a[1] for a in inside) / len(inside) if inside else 0.0,
                len(writes),
                sum(a[1] for a in writes),
            )
        )
    return table


def _pairs(slots: dict[str, Any]) -> set[tuple[str, str]]:
    return {(k, json.dumps(v, sort_keys=True)) for k, v in slots.items()}


def load_jsonl(lines: Iterable[str]) -> list[dict[str, Any]]:
    """Labelled rows ({"text", "expect", optional "today"}) from JSON lines."""
    return [json.loads(line) for line in lines if line.strip()]

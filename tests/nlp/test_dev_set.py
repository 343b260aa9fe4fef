"""The acceptance bars of issue 3 on the labelled dev set, offline (no LLM)."""

from __future__ import annotations

from typing import Any

import pytest

from nlp.parser import CLARIFY_BELOW, parse
from nlp.scoring import Score
from tests.nlp.conftest import DEV_TODAY, FIXTURES, SHARED_DEV


def _score(rows: list[dict[str, Any]]) -> Score:
    score = Score()
    for row in rows:
        score.add(row["expect"], parse(row["text"], today=DEV_TODAY), CLARIFY_BELOW)
    return score


def test_dev_set_meets_the_bars(dev_rows: list[dict[str, Any]]) -> None:
    assert len(dev_rows) == 240
    score = _score(dev_rows)
    assert score.intent_accuracy >= 0.97
    assert score.slot_f1 >= 0.93
    assert score.write_precision >= 0.99
    assert score.sure_write_precision >= 0.99


def test_fixture_copy_matches_the_shared_spec() -> None:
    if not SHARED_DEV.exists():
        pytest.skip("shared/spec is not next to this checkout")
    copy = (FIXTURES / "parse-dev.jsonl").read_text(encoding="utf-8")
    assert copy == SHARED_DEV.read_text(encoding="utf-8")

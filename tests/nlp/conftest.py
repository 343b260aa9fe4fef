"""Shared fixtures for parser tests: the labelled dev set and our own held-out style set."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from nlp.scoring import load_jsonl

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "nlp"
SHARED_DEV = REPO / ".." / "shared" / "spec" / "parse-dev.jsonl"
DEV_TODAY = date(2026, 11, 18)


def rows(name: str) -> list[dict[str, Any]]:
    return load_jsonl((FIXTURES / name).read_text(encoding="utf-8").splitlines())


@pytest.fixture(scope="session")
def dev_rows() -> list[dict[str, Any]]:
    return rows("parse-dev.jsonl")

"""Our own held-out style cases: new names, phrasings and --today values (Monday, January,
quarter end) so the rules are checked against more than the dev lines they were built from."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from nlp.parser import parse
from tests.nlp.conftest import rows

CASES = rows("heldout.jsonl")


@pytest.mark.parametrize("row", CASES, ids=[r["text"][:40] for r in CASES])
def test_heldout_case(row: dict[str, Any]) -> None:
    got = parse(row["text"], today=date.fromisoformat(row["today"]))
    assert (got.name, got.slots) == (row["expect"]["intent"], row["expect"]["slots"])

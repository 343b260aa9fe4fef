"""Our own held-out style cases: new names, phrasings and --today values (Monday, January,
quarter end) so the rules are checked against more than the dev lines they were built from.

Rows without a `split` are regression cases, each checked exactly. Rows with a `split` were
written for issue 12 before the parser saw them (`tune`: looked at while teaching the parser,
`blind`: only ever scored in aggregate); they are measured by benchmarks/parse_bench.py."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from nlp.parser import parse
from tests.nlp.conftest import rows

CASES = [r for r in rows("heldout.jsonl") if "split" not in r]


@pytest.mark.parametrize("row", CASES, ids=[r["text"][:40] for r in CASES])
def test_heldout_case(row: dict[str, Any]) -> None:
    got = parse(row["text"], today=date.fromisoformat(row["today"]))
    assert (got.name, got.slots) == (row["expect"]["intent"], row["expect"]["slots"])

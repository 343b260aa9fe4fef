"""The worked examples of parse-contract.md, byte for byte (confidence aside)."""

from __future__ import annotations

from typing import Any

import pytest

from nlp.parser import parse
from tests.nlp.conftest import DEV_TODAY

EXAMPLES: list[tuple[str, str, dict[str, Any]]] = [
    (
        "logged 3 calls and 2 emails with Acme Corp",
        "log_activity",
        {
            "items": [{"activity": "call", "count": 3}, {"activity": "email", "count": 2}],
            "account": "Acme Corp",
            "date": "2026-11-18",
        },
    ),
    (
        "demo w/ Globex yesterday, 45 min",
        "log_activity",
        {
            "items": [{"activity": "demo", "count": 1}],
            "account": "Globex",
            "date": "2026-11-17",
            "duration_min": 45,
        },
    ),
    (
        "closed Initech for $24k!!",
        "log_deal",
        {"account": "Initech", "amount": 24000, "currency": "USD", "stage": "won"},
    ),
    ("how am I tracking vs quota this quarter?", "check_quota", {"period": "this_quarter"}),
    (
        "set <@U02ABC> quota to 150k for Q1",
        "set_quota",
        {"subject": "<@U02ABC>", "metric": "revenue", "target": 150000, "period": "next_quarter"},
    ),
]


@pytest.mark.parametrize(("text", "name", "slots"), EXAMPLES)
def test_contract_example(text: str, name: str, slots: dict[str, Any]) -> None:
    got = parse(text, today=DEV_TODAY)
    assert (got.name, got.slots) == (name, slots)
    assert type(got.slots.get("amount", 0)) is int


def test_sure_examples_clear_the_clarify_threshold() -> None:
    from nlp.parser import CLARIFY_BELOW

    for text, _, _ in EXAMPLES:
        assert parse(text, today=DEV_TODAY).confidence >= CLARIFY_BELOW

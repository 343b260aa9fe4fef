"""Subjects of reads and targets: mentions, "team", team names as written."""

from __future__ import annotations

from datetime import date

import pytest

from nlp.parser import parse

WED = date(2026, 11, 18)


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Germany pipeline q4", "Germany"),
        ("team Phoenix forecast this month", "Phoenix"),
        ("pipeline for <@U04RT5HJK>", "<@U04RT5HJK>"),
        ("the EMEA team's quota", "EMEA"),
        ("how did we do last quarter", "team"),
        ("Show pipeline", None),
    ],
)
def test_subjects(text: str, subject: str | None) -> None:
    assert parse(text, today=WED).slots.get("subject") == subject

"""Period names: relative ones against today, and the contract's written-out ones."""

from __future__ import annotations

from datetime import date

import pytest

from core.periods import Period, named

TODAY = date(2026, 11, 18)


@pytest.mark.parametrize(
    ("name", "start", "end"),
    [
        ("this_quarter", date(2026, 10, 1), date(2027, 1, 1)),
        ("last_week", date(2026, 11, 9), date(2026, 11, 16)),
        ("2026-10", date(2026, 10, 1), date(2026, 11, 1)),
        ("2026-Q3", date(2026, 7, 1), date(2026, 10, 1)),
        ("2025", date(2025, 1, 1), date(2026, 1, 1)),
        ("2026-W48", date(2026, 11, 23), date(2026, 11, 30)),
        ("2026-W53", date(2026, 12, 28), date(2027, 1, 4)),  # 2026 has 53 ISO weeks
    ],
)
def test_names_resolve(name: str, start: date, end: date) -> None:
    period = named(name, TODAY)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize("name", ["2026-13", "2026-Q5", "2027-W53", "0001", "someday", "2026-1"])
def test_bad_names_are_refused(name: str) -> None:
    with pytest.raises(ValueError):
        named(name, TODAY)


def test_labels_people_recognise() -> None:
    assert named("2026-10", TODAY).label == "October 2026"
    assert named("2026-Q3", TODAY).label == "Q3 2026"
    assert isinstance(named("2025", TODAY), Period)

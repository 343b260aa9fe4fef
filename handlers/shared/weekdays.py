"""Sets of weekdays as people type them ("mon-thu", "mon,tue,fri", "weekdays", "every day")."""

from __future__ import annotations

import re

from handlers.shared.errors import UserError

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Other spellings people use for a single day.
_ALIASES = {"tues": 2, "weds": 3, "thur": 4, "thurs": 4}
# Whole sets by their everyday name.
_SETS = {
    "weekdays": "1,2,3,4,5",
    "weekday": "1,2,3,4,5",
    "every day": "1,2,3,4,5,6,7",
    "everyday": "1,2,3,4,5,6,7",
    "daily": "1,2,3,4,5,6,7",
    "all week": "1,2,3,4,5,6,7",
    "weekends": "6,7",
    "weekend": "6,7",
}
HOW = "Say days like `mon-thu`, `mon,tue,fri`, `weekdays` or `every day`."


def day(text: str) -> int:
    """ "mon", "Monday", "tues" or "1" -> the ISO weekday (1 is Monday)."""
    key = text.strip().lower().rstrip(".")
    if key.isdigit() and 1 <= int(key) <= 7:
        return int(key)
    if key in DAYS:
        return DAYS.index(key) + 1
    if key in _NAMES:
        return _NAMES.index(key) + 1
    if key in _ALIASES:
        return _ALIASES[key]
    raise UserError(f"I don't know the day {text.strip()!r}. {HOW}")


def parse(text: str) -> str:
    """ "mon-fri", "sun-thu" (ranges wrap), "mon,tue,thu", "weekdays" -> "1,2,3,4,5"."""
    phrase = " ".join(text.lower().split())
    if phrase in _SETS:
        return _SETS[phrase]
    chosen: set[int] = set()
    # "mon - thu" is a range as much as "mon-thu"; "mon, wed and fri" a list.
    ranged = re.sub(r"\s*[-–]\s*", "-", phrase)
    for part in re.split(r"[,&\s]+", ranged):
        if part in ("", "and"):
            continue
        first, dash, last = part.partition("-")
        start = day(first)
        end = day(last) if dash else start
        current = start
        while True:
            chosen.add(current)
            if current == end:
                break
            current = current % 7 + 1
    if not chosen:
        raise UserError(f"Give at least one day. {HOW}")
    return ",".join(str(d) for d in sorted(chosen))


def show(days: str) -> str:
    """ "1,2,3,4" -> "Mon–Thu", "1,2,5" -> "Mon, Tue, Fri", all seven -> "every day"."""
    chosen = sorted({int(p) for p in days.split(",") if p.strip().isdigit() and 0 < int(p) < 8})
    if not chosen:
        return "none"
    if len(chosen) == 7:
        return "every day"
    runs: list[list[int]] = []
    for d in chosen:
        if runs and d == runs[-1][-1] + 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    parts = []
    for run in runs:
        first, last = DAYS[run[0] - 1].title(), DAYS[run[-1] - 1].title()
        if len(run) >= 3:
            parts.append(f"{first}–{last}")
        else:
            parts.extend(DAYS[d - 1].title() for d in run)
    return ", ".join(parts)

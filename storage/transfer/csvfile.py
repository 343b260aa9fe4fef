"""CSV files as people save them: UTF-8 with or without a BOM, comma or semicolon."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from storage.transfer.errors import BadFile


@dataclass(frozen=True)
class Columns:
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()

    @property
    def all(self) -> tuple[str, ...]:
        return self.required + self.optional


def _header_key(name: str) -> str:
    # "Close date", "close_date" and " CLOSE-DATE " are the same column.
    return name.strip().lower().replace(" ", "_").replace("-", "_")


def _delimiter(first_line: str) -> str:
    # Spreadsheets in comma-decimal locales save with semicolons; the header says which.
    return ";" if first_line.count(";") > first_line.count(",") else ","


def count_lines(path: Path) -> int:
    """Lines in the file, for the progress bar (a fast binary count, not a parse)."""
    total = 0
    with path.open("rb") as raw:
        while chunk := raw.read(1 << 20):
            total += chunk.count(b"\n")
    return total


def open_text(path: Path) -> TextIO:
    try:
        # utf-8-sig drops a BOM when there is one and reads plain UTF-8 otherwise.
        return path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise BadFile(f"cannot open {path}: {exc.strerror or exc}") from None


def rows(stream: TextIO, columns: Columns) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, column -> stripped text) per data row; blank lines are skipped."""
    try:
        first = stream.readline()
    except UnicodeDecodeError:
        raise BadFile("the file is not UTF-8 text: save it as “CSV UTF-8”", 1) from None
    if not first.strip():
        raise BadFile("the file is empty: the first line must name the columns", 1)
    delimiter = _delimiter(first)
    header = [_header_key(h) for h in next(csv.reader([first], delimiter=delimiter))]
    _check_header(header, columns)
    reader = csv.reader(stream, delimiter=delimiter)
    line = 1
    try:
        for record in reader:
            line = reader.line_num + 1
            if not any(field.strip() for field in record):
                continue
            if len(record) != len(header):
                raise BadFile(
                    f"{len(record)} fields where the header has {len(header)} "
                    f"(a {delimiter!r} inside a value needs quotes)",
                    line,
                )
            yield line, {h: v.strip() for h, v in zip(header, record, strict=True)}
    except UnicodeDecodeError:
        raise BadFile("not UTF-8 text here: save the file as “CSV UTF-8”", line + 1) from None
    except csv.Error as exc:
        raise BadFile(f"unreadable CSV ({exc})", reader.line_num + 1) from None


def _check_header(header: Sequence[str], columns: Columns) -> None:
    listed = ", ".join(columns.all)
    for name in header:
        if name not in columns.all:
            raise BadFile(f"unknown column {name!r}; the columns are: {listed}", 1)
    if len(set(header)) != len(header):
        raise BadFile("a column appears twice in the header", 1)
    missing = [c for c in columns.required if c not in header]
    if missing:
        raise BadFile(f"missing column(s) {', '.join(missing)}; the columns are: {listed}", 1)

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


class Table:
    """A file's data rows as lists in header order, for loops that cannot afford a dict per
    row: `index` says where each column is; `line` is the current row's line number."""

    def __init__(self, stream: TextIO, columns: Columns) -> None:
        try:
            first = stream.readline()
        except UnicodeDecodeError:
            raise BadFile("the file is not UTF-8 text: save it as “CSV UTF-8”", 1) from None
        if not first.strip():
            raise BadFile("the file is empty: the first line must name the columns", 1)
        self.delimiter = _delimiter(first)
        self.header = [_header_key(h) for h in next(csv.reader([first], delimiter=self.delimiter))]
        _check_header(self.header, columns)
        self.index = {name: at for at, name in enumerate(self.header)}
        self._reader = csv.reader(stream, delimiter=self.delimiter)
        # A row whose first required field is blank may be a blank line: looked at closely.
        self._probe = self.index[columns.required[0]] if columns.required else 0

    @property
    def line(self) -> int:
        # The header was read before the reader started counting.
        return self._reader.line_num + 1

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        """(line number, column -> stripped text) per data row."""
        header = self.header
        for record in self:
            yield self.line, {h: v.strip() for h, v in zip(header, record, strict=True)}

    def __iter__(self) -> Iterator[list[str]]:
        """Unstripped fields; blank lines skipped, a wrong field count a BadFile."""
        width, probe = len(self.header), self._probe
        try:
            for record in self._reader:
                if len(record) != width or not record[probe].strip():
                    if not any(field.strip() for field in record):
                        continue
                    if len(record) != width:
                        raise BadFile(
                            f"{len(record)} fields where the header has {width} "
                            f"(a {self.delimiter!r} inside a value needs quotes)",
                            self.line,
                        )
                yield record
        except UnicodeDecodeError:
            # The line that would not decode is the one after the last line read.
            line = self.line + 1
            raise BadFile("not UTF-8 text here: save the file as “CSV UTF-8”", line) from None
        except csv.Error as exc:
            raise BadFile(f"unreadable CSV ({exc})", self.line) from None


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

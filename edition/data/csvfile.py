"""Reading and writing the edition's CSV files: the one place that knows the dialect.

Every CSV in ``data/`` is RFC 4180 with a header row, UTF-8, ``\\n`` line ends. Readers need each
row's line in the file (a quoted cell may span lines), so that every error names its line; the
editor commands that rewrite a register (``record-verdicts``) must keep its columns and order.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from ..core import atomic


class CsvSyntaxError(ValueError):
    """The text is not valid CSV; ``line`` is where the reader stopped."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def parse(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and, for each non-empty data row, (its first line in the file, its cells).

    An empty text has an empty header. Raises :class:`CsvSyntaxError` with the line.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, [])
    except csv.Error as exc:
        raise CsvSyntaxError(str(exc), 1) from None
    rows, start = [], reader.line_num + 1
    try:
        for cells in reader:
            if cells:
                rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise CsvSyntaxError(str(exc), start) from None
    return header, rows


def records(text: str) -> list[tuple[int, dict[str, str]]]:
    """Each data row as (its first line, {column: cell}); cells beyond the header are dropped."""
    header, rows = parse(text)
    return [(line, dict(zip(header, cells))) for line, cells in rows]


def read_table(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """A register to rewrite: its columns in order and its rows (UTF-8, as ``csv`` reads them)."""
    header, rows = parse(Path(path).read_text(encoding="utf-8"))
    return header, [dict(zip(header, cells)) for _, cells in rows]


def write_table(path: Path, fields: list[str], rows: list[dict[str, str]]) -> None:
    """Write a register back with the same columns, ``\\n`` line ends, minimal quoting; atomically
    (:mod:`edition.core.atomic`), so an interruption leaves the old register or the new one."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    atomic.write_text(Path(path), buffer.getvalue())

"""The data package: every resource validated (place, hash, encoding by edition.data.datapackage;
the header, cells, every schema rule, keys and source keys by frictionless with the edition's
checks, edition.data.validation), each problem filed at its own file, row and line."""
from __future__ import annotations

from pathlib import Path

from ..data.datapackage import DESCRIPTOR, DataError, Package
from .model import Book, Finding

RULE = "data"


def finding(book: Book, error: DataError, rule: str = RULE) -> Finding:
    """A DataError as a finding at its real place (path relative to the book, line or 1)."""
    try:
        rel = str(Path(error.path).resolve().relative_to(book.root))
    except ValueError:
        rel = str(error.path)
    column = f"column '{error.column}': " if error.column else ""
    row = f"row {error.row}, " if error.row else ""
    return Finding(rel, error.line or 1, rule, f"{row}{column}{error.reason}")


def check_data(book: Book) -> tuple[list[Finding], Package | None]:
    """Findings for every resource, and the package when it is sound enough to judge claims."""
    if not (book.root / "data" / DESCRIPTOR).exists():
        registers = ("claims.csv", "editorial_notes.csv")  # read by the checker's own rules
        others = [p for p in (book.root / "data").glob("*.csv") if p.name not in registers]
        if not others:
            return [], None  # a book without a data package (only the claims and editorial registers)
        return [Finding(f"data/{DESCRIPTOR}", 1, RULE, f"is missing: {len(others)} data file(s) in data/ "
                        "are not described or validated")], None
    pkg = Package(book.root)
    problems = pkg.problems()
    # An unreadable references.bib is reported by the bibliography check, at its line.
    shown = [e for e in problems if Path(e.path).name != "references.bib"]
    return [finding(book, e) for e in shown], (None if problems else pkg)

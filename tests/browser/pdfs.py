"""The edition's PDFs (edition/pdf.py), each parsed and its text extracted once per test session.

Extracting the text of every page is the slow part of the PDF tests (about 3 s for the English
PDF, more for the bilingual one), and test_pdf.py and test_pdf_footnotes.py read the same three
files: one extraction per page serves both, as plain text and as the positioned text runs pypdf's
visitor reports (``extract_text`` returns the same text with or without a visitor).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from edition.pdf import OUT_DIR, pdf_name


@dataclass(frozen=True)
class Run:
    """One text run as pypdf's visitor reports it."""

    text: str
    cm: tuple[float, ...]
    tm: tuple[float, ...]
    size: float


@dataclass(frozen=True)
class Pdf:
    path: Path
    reader: object               #: pypdf.PdfReader (its pages, for fonts)
    texts: tuple[str, ...]       #: each page's extract_text() ("" where it gives None)
    runs: tuple[tuple[Run, ...], ...]  #: each page's text runs, in drawing order


def _extract(page) -> tuple[str, tuple[Run, ...]]:
    runs: list[Run] = []

    def visit(text, cm, tm, font, size):
        runs.append(Run(text, tuple(cm), tuple(tm), size))

    return page.extract_text(visitor_text=visit) or "", tuple(runs)


@functools.lru_cache(maxsize=None)
def read_pdf(site: Path, mode: str) -> Pdf:
    """The PDF of *mode* (en / ko / both) in the built *site*, extracted once."""
    import pypdf

    path = site / OUT_DIR / pdf_name(mode)
    assert path.is_file(), f"{path} missing: run `.venv/bin/python -m edition.pdf` after the build"
    assert path.read_bytes()[:5] == b"%PDF-", f"{path} is not a PDF"
    reader = pypdf.PdfReader(str(path))
    pages = [_extract(p) for p in reader.pages]
    return Pdf(path, reader, tuple(t for t, _ in pages), tuple(r for _, r in pages))

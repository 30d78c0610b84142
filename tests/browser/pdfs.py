"""The edition's PDFs (edition/print/pdf.py), each parsed and its text extracted once per test session.

Extracting the text of every page is the slow part of the PDF tests (about 3 s for the English
PDF, more for the bilingual one), and test_pdf.py and test_pdf_footnotes.py read the same three
files: one extraction per page serves both, as plain text and as the positioned text runs pypdf's
visitor reports (``extract_text`` returns the same text with or without a visitor).
"""
from __future__ import annotations

import functools
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from edition.print.pdf import pdf_dir, pdf_name


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


def _extract_file(path: Path) -> tuple[tuple[str, ...], tuple[tuple[Run, ...], ...]]:
    import pypdf

    pages = [_extract(p) for p in pypdf.PdfReader(str(path)).pages]
    return tuple(t for t, _ in pages), tuple(r for _, r in pages)


_pool: ProcessPoolExecutor | None = None
_pending: dict[Path, Future] = {}


def prefetch(site: Path, modes) -> None:
    """Start extracting the PDFs of *modes* in another process (see background.py)."""
    global _pool
    paths = [site / pdf_dir() / pdf_name(m) for m in modes]
    paths = [p for p in paths if p.is_file() and p not in _pending]
    if not paths:
        return
    if _pool is None:
        # spawn, not fork: the test process runs threads (the site server, Playwright's)
        _pool = ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn"))
    for path in paths:
        _pending[path] = _pool.submit(_extract_file, path)


def shutdown() -> None:
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=False, cancel_futures=True)
        _pool = None
    _pending.clear()


@functools.lru_cache(maxsize=None)
def read_pdf(site: Path, mode: str) -> Pdf:
    """The PDF of *mode* (en / ko / both) in the built *site*, extracted once."""
    import pypdf

    path = site / pdf_dir() / pdf_name(mode)
    assert path.is_file(), f"{path} missing: run `.venv/bin/python -m edition.pdf` after the build"
    assert path.read_bytes()[:5] == b"%PDF-", f"{path} is not a PDF"
    reader = pypdf.PdfReader(str(path))
    pending = _pending.pop(path, None)
    texts, runs = pending.result() if pending is not None else _extract_file(path)
    assert len(texts) == len(reader.pages), f"{path}: changed while it was read"
    return Pdf(path, reader, texts, runs)

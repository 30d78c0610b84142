"""Reading ``references.bib`` with bibtexparser 2: keys, entries and their source lines."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import bibtexparser
from bibtexparser import middlewares as m


class BibError(ValueError):
    """references.bib does not parse cleanly."""


@lru_cache(maxsize=8)
def _parse(path: str, mtime: float):
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise BibError(f"{path}, line {line}: byte 0x{data[exc.start]:02x} is not UTF-8") from None
    library = bibtexparser.parse_string(
        text.removeprefix("\ufeff"),
        append_middleware=[m.SeparateCoAuthors(), m.SplitNameParts(), m.LatexDecodingMiddleware()],
    )
    if library.failed_blocks:
        first = library.failed_blocks[0]
        raise BibError(f"{path}, line {first.start_line + 1}: {len(library.failed_blocks)} block(s) "
                       f"failed to parse (an unclosed brace or a duplicate key?): "
                       f"{str(getattr(first, 'raw', first)).strip().splitlines()[0][:80]!r}")
    return library


def library(path: Path):
    """The parsed library (cached per file version)."""
    path = Path(path)
    return _parse(str(path), path.stat().st_mtime)


def bib_keys(path: Path) -> set[str]:
    return {entry.key for entry in library(path).entries}

"""Reading ``references.bib`` with bibtexparser 2: keys, entries and their source lines."""
from __future__ import annotations

import re
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
    library = parse_text(text.removeprefix("\ufeff"), decoded=True)
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
    """The entry keys. Keys need no LaTeX decoding, which is 98 % of a full parse's time (3 s
    of a chapter's set-up cell), so they come from a plain parse, cached per file version."""
    path = Path(path)
    return _keys(str(path), path.stat().st_mtime)


@lru_cache(maxsize=8)
def _keys(path: str, mtime: float) -> frozenset[str]:
    try:
        text = Path(path).read_bytes().decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        library(Path(path))  # raises BibError naming the line of the bad byte
        raise
    parsed = parse_text(text)
    if parsed.failed_blocks:
        library(Path(path))  # raises BibError naming the line
    return frozenset(entry.key for entry in parsed.entries)


def parse_text(text: str, decoded: bool = False):
    """The one way the edition parses BibTeX text: raw fields (what the checker and the keys need)
    or decoded (names split, LaTeX turned into text: what a page shows)."""
    return bibtexparser.parse_string(text, append_middleware=_DECODING() if decoded else None)


def raw_entry(path: Path, key: str) -> str:
    """One entry's BibTeX source exactly as the file holds it (KeyError if there is none)."""
    text = Path(path).read_text(encoding="utf-8")
    m = re.search(r"@\w+\s*\{\s*" + re.escape(key) + r"\s*,", text)
    if m is None:
        raise KeyError(f"no entry {key!r} in {path}")
    depth, i = 0, text.index("{", m.start())
    for j in range(i, len(text)):
        depth += {"{": 1, "}": -1}.get(text[j], 0)
        if depth == 0:
            return text[m.start():j + 1]
    raise BibError(f"{path}: entry {key!r} has unbalanced braces")


def entry(path: Path, key: str):
    """One entry, decoded (names split, LaTeX turned into text): only that entry is decoded,
    which is what a page showing one reference needs (the whole file takes seconds)."""
    parsed = parse_text(raw_entry(path, key), decoded=True)
    if not parsed.entries:
        raise BibError(f"{path}: entry {key!r} does not parse")
    return parsed.entries[0]


def _DECODING() -> list:
    """The middlewares that turn raw fields into text: co-authors split, names split, LaTeX
    decoded (``{World Bank}`` stays whole)."""
    return [m.SeparateCoAuthors(), m.SplitNameParts(), m.LatexDecodingMiddleware()]

"""Reading ``references.bib`` with bibtexparser 2: keys, entries and their source lines."""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import bibtexparser
from bibtexparser import middlewares as m
from bibtexparser.model import Entry

from .. import ROOT


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
    return frozenset(_raw(str(path), path.stat().st_mtime).entries_dict)


def parse_text(text: str, decoded: bool = False):
    """The one way the edition parses BibTeX text: raw fields (what the checker and the keys need)
    or decoded (names split, LaTeX turned into text: what a page shows)."""
    return bibtexparser.parse_string(text, append_middleware=_DECODING() if decoded else None)


#: The key of the article this edition is of. Its record is read from the parsed library (never
#: matched in the text): an ``@string``, ``@preamble`` or ``@comment`` that holds something
#: looking like ``@article{leegray2020,`` is not an entry and cannot stand in for it.
ARTICLE_KEY = "leegray2020"
BIB = ROOT / "references.bib"


def parsed_entry(path: Path, key: str) -> Entry:
    """One entry as the parser read it: string macros resolved, outer braces or quotes removed,
    LaTeX kept (KeyError if there is none; BibError if the file does not parse cleanly: a
    duplicate key or an unclosed brace could make any entry's extent a guess)."""
    path = Path(path)
    found = _raw(str(path), path.stat().st_mtime).entries_dict.get(key)
    if found is None:
        raise KeyError(f"no entry {key!r} in {path}")
    return found


@lru_cache(maxsize=8)
def _raw(path: str, mtime: float):
    try:
        text = Path(path).read_bytes().decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        library(Path(path))  # raises BibError naming the line of the bad byte
        raise
    parsed = parse_text(text)
    if parsed.failed_blocks:
        library(Path(path))  # raises BibError naming the line
    return parsed


def entry(path: Path, key: str) -> Entry:
    """One entry, decoded (names split, LaTeX turned into text): only that entry is decoded,
    which is what a page showing one reference needs (the whole file takes seconds)."""
    alone = bibtexparser.Library([copy.deepcopy(parsed_entry(path, key))])
    for middleware in _DECODING():
        alone = middleware.transform(alone)
    return alone.entries[0]


@dataclass(frozen=True)
class Person:
    given: str
    family: str


@dataclass(frozen=True)
class ArticleRecord:
    """The article's bibliographic record, from its parsed entry in references.bib.

    ``fields`` are the entry's fields as the file holds them (LaTeX kept, string macros
    resolved), in order, for the BibTeX writer; the named attributes are decoded text for pages,
    tags and the RIS record. ``lines`` gives each field's line in the file (for findings)."""

    key: str
    entry_type: str
    authors: tuple[Person, ...]
    title: str
    journal: str
    volume: str
    number: str
    first_page: str
    last_page: str
    year: str
    url: str | None
    line: int
    fields: tuple[tuple[str, str], ...]
    lines: dict[str, int]

    @property
    def pages(self) -> str:
        """``first–last`` with an en dash (the file's ``--``)."""
        return "–".join(p for p in (self.first_page, self.last_page) if p)


def article_record(path: Path = BIB, key: str = ARTICLE_KEY) -> ArticleRecord:
    """The article's record (KeyError if references.bib has no such entry, BibError if the file
    does not parse or the entry lacks a field every citation of it needs); cached per file
    version, as every page's tags ask for it."""
    path = Path(path)
    return _article_record(str(path), path.stat().st_mtime, key)


@lru_cache(maxsize=8)
def _article_record(name: str, mtime: float, key: str) -> ArticleRecord:
    path = Path(name)
    raw = parsed_entry(path, key)
    decoded = entry(path, key)
    value = {f.key.lower(): str(f.value) for f in decoded.fields}
    missing = [n for n in ("author", "title", "journal", "volume", "number", "pages", "year") if not value.get(n)]
    if missing:
        raise BibError(f"{path}, line {raw.start_line + 1}: entry {key!r} lacks {', '.join(missing)}")
    first, _, last = re.sub(r"\s*[-–—]+\s*", "–", value["pages"]).partition("–")
    authors = tuple(Person(" ".join(p.first), " ".join(p.von + p.last))
                    for p in decoded.fields_dict["author"].value)
    return ArticleRecord(
        key=key, entry_type=raw.entry_type.lower(), authors=authors,
        title=_text(value["title"]), journal=_text(value["journal"]), volume=_text(value["volume"]),
        number=_text(value["number"]), first_page=first.strip(), last_page=last.strip(),
        year=_text(value["year"]), url=_text(value["url"]) if value.get("url") else None,
        line=raw.start_line + 1, fields=tuple((f.key, str(f.value)) for f in raw.fields),
        lines={f.key.lower(): f.start_line + 1 for f in raw.fields})


def braces_balance(value: str) -> bool:
    """Whether BibTeX reads the value's braces as balanced: it counts every brace, a backslash
    escapes none, and depth may never go below zero. An unbalanced value ends its field (and
    perhaps the entry) early in BibTeX, biber or Zotero, whatever bibtexparser made of it."""
    depth = 0
    for ch in value:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


def _text(value: str) -> str:
    """A decoded field as plain text: protective braces gone, runs of whitespace (line breaks,
    U+2028, tabs) one space, as BibTeX itself reads them."""
    return " ".join(value.replace("{", "").replace("}", "").split())


def _DECODING() -> list:
    """The middlewares that turn raw fields into text: co-authors split, names split, LaTeX
    decoded (``{World Bank}`` stays whole)."""
    return [m.SeparateCoAuthors(), m.SplitNameParts(), m.LatexDecodingMiddleware()]

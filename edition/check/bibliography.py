"""The bibliography: parse errors, duplicates, required fields, missing and uncited keys."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from bibtexparser.model import DuplicateBlockKeyBlock, Entry

from ..data.bib import braces_balance, parse_text
from .model import WARNING, Book, Finding, read_text
from .roles import cite_items, is_cite

BIB_FILE = "references.bib"
#: Text that reads as the start of an entry: inside an @string, @preamble or comment it is no
#: entry, but a tool that scans the text (as the edition once did) would take it for one.
ENTRY_LIKE = re.compile(r"@\s*[A-Za-z]+\s*[{(]\s*[^\s,{}()]+\s*,")
REQUIRED: dict[str, list[tuple[str, ...]]] = {
    "article": [("author",), ("title",), ("journal",), ("year",)],
    "book": [("author", "editor"), ("title",), ("publisher",), ("year",)],
    "misc": [("title",), ("howpublished", "author"), ("year",)],
    "incollection": [("author",), ("title",), ("booktitle",), ("publisher",), ("year",)],
    "inproceedings": [("author",), ("title",), ("booktitle",), ("year",)],
    "techreport": [("author",), ("title",), ("institution",), ("year",)],
    "phdthesis": [("author",), ("title",), ("school",), ("year",)],
    "mastersthesis": [("author",), ("title",), ("school",), ("year",)],
    "online": [("title",), ("url",), ("year",)],
}


@dataclass
class Bib:
    """Entries by key with their 1-based line, plus duplicate and failed blocks."""

    entries: dict[str, tuple[Entry, int]] = field(default_factory=dict)
    duplicates: list[tuple[str, int]] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)
    #: (line, block kind, what it holds) for each @string, @preamble or comment holding text that
    #: reads as an entry (``@article{key,``)
    hidden: list[tuple[int, str, str]] = field(default_factory=list)
    present: bool = True
    problems: list[Finding] = field(default_factory=list)


def load_bib(root: Path) -> Bib:
    path = root / BIB_FILE
    if not path.exists():
        return Bib(present=False)
    text, problems = read_text(path, BIB_FILE)
    bib = Bib(problems=problems)
    try:
        library = parse_text(text)
    except Exception as exc:  # noqa: BLE001 - a parser crash is a finding, not a traceback
        bib.failed.append((1, f"the bibliography cannot be parsed: {type(exc).__name__}: {exc}"))
        return bib
    for entry in library.entries:
        bib.entries[entry.key] = (entry, entry.start_line + 1)
    for block in [*library.strings, *library.preambles, *library.comments]:
        raw = str(getattr(block, "raw", "") or "")
        for found in ENTRY_LIKE.finditer(raw, 1):
            kind = type(block).__name__.replace("ImplicitComment", "comment").replace("ExplicitComment", "@comment")
            bib.hidden.append((block.start_line + 1 + raw.count("\n", 0, found.start()), kind.lower(), found.group()))
    for block in library.failed_blocks:
        if isinstance(block, DuplicateBlockKeyBlock):
            bib.duplicates.append((block.key, block.start_line + 1))
        else:
            bib.failed.append((block.start_line + 1, _failure(block)))
    return bib


def _failure(block) -> str:
    """What went wrong in a block bibtexparser could not parse, in one line."""
    error = getattr(block, "error", None)
    lines = [line.strip() for line in str(error or "").splitlines() if line.strip()]
    reason = lines[0] if lines else ""
    raw = str(getattr(block, "raw", "") or "").strip().splitlines()
    start = raw[0][:60] if raw else ""
    if not reason or "aborted" in reason.lower() or "BlockAborted" in type(error).__name__:
        reason = "syntax error (an unclosed brace or quote?)" + (f" {' '.join(lines[1:])[:160]}" if lines[1:] else "")
    return f"{reason}: {start!r}" if start else reason


def field_value(entry: Entry, name: str) -> str:
    found = entry.fields_dict.get(name)
    return str(found.value).strip() if found is not None else ""


def check_bib(book: Book, bib: Bib, data_keys: set[str]) -> list[Finding]:
    if not bib.present:
        return [Finding(BIB_FILE, 1, "bib-parse", "references.bib not found")]
    findings = list(bib.problems)
    findings += [Finding(BIB_FILE, line, "bib-parse", msg) for line, msg in bib.failed]
    findings += [Finding(BIB_FILE, line, "bib-duplicate", f"duplicate key {key!r}")
                 for key, line in bib.duplicates]
    findings += [Finding(BIB_FILE, line, "bib-hidden-entry", f"a {kind} holds {text!r}, which reads as an "
                         "entry: it is none (the edition reads only parsed entries), but a tool that scans "
                         "the text would take it for one; remove it") for line, kind, text in bib.hidden]
    for key, (entry, line) in bib.entries.items():
        findings += _fields(key, entry, line)
    findings += _citations(book, bib)
    findings += _uncited(book, bib, data_keys)
    return findings


def _fields(key: str, entry: Entry, line: int) -> list[Finding]:
    unbalanced = [Finding(BIB_FILE, f.start_line + 1, "bib-parse", f"{key}: field {f.key!r} has unbalanced "
                          "braces as BibTeX counts them (every brace, escaped or not): BibTeX and the "
                          "downloads would end the field there") for f in entry.fields
                  if not braces_balance(str(f.value))]
    return unbalanced + _required(key, entry, line)


def _required(key: str, entry: Entry, line: int) -> list[Finding]:
    kind = entry.entry_type.lower()
    if kind not in REQUIRED:
        return [Finding(BIB_FILE, line, "bib-fields", f"{key}: unknown entry type @{kind}", WARNING)]
    missing = ["/".join(alts) for alts in REQUIRED[kind]
               if not any(field_value(entry, a) for a in alts)]
    if not missing:
        return []
    return [Finding(BIB_FILE, line, "bib-fields", f"{key} (@{kind}) lacks {', '.join(missing)}")]


def cited_keys(book: Book) -> dict[str, tuple[str, int]]:
    """Every key cited in the chapters, with the first place it is cited."""
    cited: dict[str, tuple[str, int]] = {}
    for chapter in book.chapters:
        for role in chapter.roles():
            if is_cite(role):
                for key, _ in cite_items(role):
                    cited.setdefault(key, (chapter.rel, role.line))
    return cited


def cited_all(book: Book) -> list[tuple[str, str, int]]:
    """Every citation in the chapters: (key, chapter, line)."""
    return [(key, chapter.rel, role.line) for chapter in book.chapters for role in chapter.roles()
            if is_cite(role) for key, _ in cite_items(role)]


def _citations(book: Book, bib: Bib) -> list[Finding]:
    findings = []
    for chapter in book.chapters:
        for role in chapter.roles():
            if not is_cite(role):
                continue
            for key, _ in cite_items(role):
                if key not in bib.entries:
                    findings.append(Finding(chapter.rel, role.line, "cite-missing",
                                            f"{{{role.name}}} cites {key!r}, not in references.bib"))
    return findings


def _uncited(book: Book, bib: Bib, data_keys: set[str]) -> list[Finding]:
    """Entries no chapter cites. Sources named only by data/ files get one summary warning: the
    ledger may cite them through generated output, which this checker cannot see."""
    cited = set(cited_keys(book))
    if any(":{data-sources}" in line for ch in book.chapters for line in ch.lines):
        cited |= data_keys  # the data-sources directive cites every source named in data/
    findings = []
    data_only: list[tuple[str, int]] = []
    for key, (_, line) in bib.entries.items():
        if key in cited:
            continue
        if key in data_keys:
            data_only.append((key, line))
        else:
            findings.append(Finding(BIB_FILE, line, "bib-uncited", f"{key} is never cited in chapters/"))
    if data_only:
        names = ", ".join(k for k, _ in data_only[:3]) + (", …" if len(data_only) > 3 else "")
        findings.append(Finding(BIB_FILE, data_only[0][1], "bib-uncited",
                                f"{len(data_only)} entries named in data/ are not cited in chapters/ "
                                f"({names}); not settled here: generated pages may cite them", WARNING))
    return findings

"""``python -m edition check``: the edition's citation, note, claim, pair and URL checker.

Each concern is one module; :func:`run` loads the book once and returns every finding, sorted
by file and line. Rules (ids in brackets in the output):

- bib.py: bib-parse, bib-duplicate, bib-hidden-entry, bib-fields, cite-missing, bib-uncited
- identifiers.py: id-ascii, id-confusable, hidden-char
- citation.py: cff-article (CITATION.cff's preferred citation = the article's parsed entry)
- notes.py: note-undefined, note-unreferenced, note-numbering
- claims.py: claims-file, claim-duplicate, claim-unsourced, source-unresolved, claim-unknown,
  claim-unused, verdict-drift
- numbers.py: typed-number
- parity.py: pair-parity, pair-stale, pair-id
- editorial.py: editorial-unknown, editorial-misplaced, editorial-block, editorial-unmarked,
  editorial-marked, editorial-duplicate, editorial-words
- urls.py: url-malformed, url-dead (``--online`` only)
- data.py: data (every resource of data/datapackage.json: place, hash, encoding, schema)
- model.py: encoding (BOM, bytes that are not UTF-8), yaml (_toc.yml, _config.yml), symlink (a
  link leading out of the repository, edition/site/sourcetree.py; such a chapter is not read)
- rawhtml.py: raw-html (HTML, ``{raw}`` or ``{eval-rst}`` in a chapter)
- book_config.py: config-undeclared (an ``edition_*`` key in _config.yml's ``sphinx.config`` that
  edition/site/config.py does not declare), config-value (one that is not what it must be)
- static-unlisted: a file in ``_static/`` that edition/site/assets.py's STATIC_FILES does not list (the
  build refuses it)
- glossary.py: glossary-avoid
- second_reading.py: second-reading (every assertion of error has a second reading; none refuted stands)

The checker reports; it does not stop at the first broken file. ``Result.incomplete`` says what
could not be checked at all (``--online`` with no network): the command then exits 2.

May import: edition.site, edition.student, edition.render, edition.verdicts, edition.data,
edition.core.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .bibliography import check_bib, cited_all, load_bib
from .book_config import check_book_config
from .citation import check_citation
from .identifiers import check_data_ids, check_hidden, check_keys, register_ids
from .claim_register import check_claims, check_data_sources, check_drift, claim_keys_in_data
from .data_package import check_data
from .glossary import check_glossary
from .editorial import check_editorial
from .model import WARNING, Book, Finding, load_book
from .notes import check_notes, defined_numbers
from .numbers import check_numbers
from .parity import check_parity
from .rawhtml import check_raw_html
from .second_reading import check_second_reading
from .urls import check_malformed, check_online, collect


@dataclass
class Result:
    findings: list[Finding]
    notes: list[str] = field(default_factory=list)
    incomplete: str | None = None

    @property
    def failed(self) -> bool:
        return any(f.severity != WARNING for f in self.findings)


def run(root: Path, online: bool = False) -> Result:
    book = load_book(root)
    bib = load_bib(book.root)
    keys = set(bib.entries)
    data_findings, data_keys = check_data_sources(book.root, keys)
    package_findings, pkg = check_data(book)
    findings = book.problems + _toc(book) + data_findings + package_findings
    findings += check_bib(book, bib, data_keys | claim_keys_in_data(book))
    findings += check_keys({k: line for k, (_, line) in bib.entries.items()}, cited_all(book))
    findings += check_data_ids(register_ids(book.root))
    findings += check_hidden(book)
    findings += check_citation(book, bib_parsed=bib.present and not bib.failed and not bib.duplicates)
    findings += check_notes(book)
    findings += check_claims(book, keys, defined_numbers(book))
    if book.claims is not None:
        findings += check_drift(book, pkg, data_sound=not package_findings)
    findings += check_numbers(book)
    findings += check_parity(book)
    findings += check_glossary(book)
    findings += check_raw_html(book)
    findings += check_book_config(book)
    findings += _static(book)
    findings += check_editorial(book, keys)
    findings += check_second_reading(book)
    uses = collect(book, bib)
    findings += check_malformed(uses)
    notes: list[str] = []
    incomplete = None
    if online:
        dead, note = check_online(uses)
        findings += dead
        notes += [note] if note else []
        if note and note.startswith("network unavailable"):
            incomplete = note
    return Result(sorted(set(findings), key=_order), notes, incomplete)


def _toc(book: Book) -> list[Finding]:
    return [Finding(rel, 1, "toc", "chapter is not listed in _toc.yml (not built; notes numbered after "
                    "the listed chapters)", WARNING) for rel in book.unlisted]


def _static(book: Book) -> list[Finding]:
    from ..site.assets import STATIC_FILES, unlisted_static_files

    return [Finding(rel, 1, "static-unlisted", f"not in STATIC_FILES ({len(STATIC_FILES)} files listed in "
                    "edition/site/assets.py): the build refuses to publish it; list it with its reason or remove it")
            for rel in unlisted_static_files(book.root, ["_static"])]


def _order(finding: Finding) -> tuple[str, int, str, str]:
    return (finding.path, finding.line, finding.rule, finding.message)


__all__ = ["Result", "run", "Finding"]

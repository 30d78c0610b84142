"""The claims register: every claim sourced, its source resolvable, glued in its chapter, every
glue naming a claim, and no verdict drifting from the one recorded."""
from __future__ import annotations

import re
from pathlib import Path

from ..data.blocks import ChapterSource
from ..data.layout import section_of_file
from .model import WARNING, Book, CsvRow, Finding, duplicate_ids, read_csv
from .roles import KO_SUFFIX, base_claim, glue_key, is_glue
from ..verdicts.refs import PAPER_SOURCE, paper_source

CLAIMS = "data/claims.csv"
SETUP = re.compile(r"setup\(\s*[\"'](?P<section>[a-z0-9]+)[\"']")


def check_claims(book: Book, bib_keys: set[str], note_numbers: set[int]) -> list[Finding]:
    if book.claims is None:
        return [Finding(CLAIMS, 1, "claims-file", f"{CLAIMS} not found: claims cannot be checked")]
    findings = duplicate_ids(book.claims, "claim_id", CLAIMS, "claim-duplicate")
    for row in book.claims:
        findings += _source(row, bib_keys, note_numbers)
    findings += _unknown(book)
    findings += _unused(book)
    return findings



def _source(row: CsvRow, bib_keys: set[str], notes: set[int]) -> list[Finding]:
    cid, source = row.get("claim_id"), row.get("paper_source")
    if not source:
        return [Finding(CLAIMS, row.line, "claim-unsourced", f"{cid}: paper_source is empty")]
    findings = []
    for part in [p.strip() for p in re.split(r"[;\s]+", source) if p.strip()]:
        problem = _source_problem(part, bib_keys, notes)
        if problem:
            findings.append(Finding(CLAIMS, row.line, "source-unresolved", f"{cid}: {problem}"))
    return findings


def _source_problem(part: str, bib_keys: set[str], notes: set[int]) -> str | None:
    if not PAPER_SOURCE.match(part):
        return f"paper_source {part!r} is not note:N, cite:key, table:N or text"
    kind, value = paper_source(part)
    if kind == "cite" and value not in bib_keys:
        return f"paper_source {part!r}: {value!r} is not in references.bib"
    if kind == "note" and int(value) not in notes:
        return f"paper_source {part!r}: no note-def {value} in chapters/"
    return None


def check_data_sources(root: Path, bib_keys: set[str]) -> tuple[list[Finding], set[str]]:
    """``source_key`` columns of data/*.csv must name bibliography entries."""
    findings, used = [], set()
    for path in sorted((root / "data").glob("*.csv")):
        rows = read_csv(path)
        if not rows or "source_key" not in rows[0].values:
            continue
        rel = str(path.relative_to(root))
        for row in rows:
            for key in [k for k in re.split(r"[;\s,]+", row.get("source_key")) if k]:
                used.add(key)
                if key not in bib_keys:
                    findings.append(Finding(rel, row.line, "source-unresolved",
                                            f"source_key {key!r} is not in references.bib"))
    return findings, used


def claim_keys_in_data(book: Book) -> set[str]:
    """Bibliography keys the claims register names as ``cite:key``."""
    keys = set()
    for row in book.claims or []:
        for part in re.split(r"[;\s]+", row.get("paper_source")):
            kind, key = paper_source(part)
            if kind == "cite":
                keys.add(key)
    return keys


def _unknown(book: Book) -> list[Finding]:
    ids, findings = book.claim_ids, []
    for chapter in book.chapters:
        for role in chapter.roles():
            if is_glue(role):
                key = glue_key(role)
                if base_claim(key) not in ids:
                    findings.append(Finding(chapter.rel, role.line, "claim-unknown",
                                            f"{{{role.name}}} {key!r} names no claim in {CLAIMS}"))
            elif role.name == "v" and role.body.strip() not in ids:
                findings.append(Finding(chapter.rel, role.line, "claim-unknown",
                                        f"{{v}} {role.body.strip()!r} names no claim in {CLAIMS}"))
    return findings


def chapter_section(chapter: ChapterSource) -> str | None:
    """The section a chapter sets up (``setup("s2")``), else from its file name (01- → s1)."""
    for _, line in chapter.code:
        m = SETUP.search(line)
        if m:
            return m.group("section")
    return section_of_file(chapter.rel)


def _glued(chapter: ChapterSource) -> set[str]:
    return {glue_key(r) for r in chapter.roles() if is_glue(r)}


RENDERED = re.compile(r"^s[0-9]-(?P<kind>t|fig)(?P<num>[0-9]+)$")


def _rendered(chapter: ChapterSource) -> set[str]:
    """Table and figure blocks (``s2-t1``) whose numbers a code cell (``ch.table1()``) or a
    directive (``:::{table2}``) renders."""
    code = "\n".join(line for _, line in chapter.code)
    found = {f"{m.group(1)}{m.group(2)}" for m in re.finditer(r"\b(table|figure)(\d+)\s*\(", code)}
    found |= {f"{m.group(1)}{m.group(2)}" for line in chapter.lines
              if (m := re.match(r"^\s*:{3,}\{(table|figure)(\d+)\}", line))}
    return found


def _is_rendered(row: CsvRow, rendered: set[str]) -> bool:
    m = RENDERED.match(row.get("block"))
    if not m:
        return False
    kind = "table" if m.group("kind") == "t" else "figure"
    return f"{kind}{m.group('num')}" in rendered


def _unused(book: Book) -> list[Finding]:
    by_section: dict[str, set[str]] = {}
    rendered: dict[str, set[str]] = {}
    for chapter in book.chapters:
        section = chapter_section(chapter)
        if section:
            by_section.setdefault(section, set()).update(_glued(chapter))
            rendered.setdefault(section, set()).update(_rendered(chapter))
    findings = []
    for row in book.claims or []:
        cid, section = row.get("claim_id"), row.get("section")
        glued = by_section.get(section)
        if glued is None:
            findings.append(Finding(CLAIMS, row.line, "claim-unused", f"{cid}: no chapter for section {section!r}"))
            continue
        if _is_rendered(row, rendered[section]):
            continue
        missing = [k for k in (cid, cid + KO_SUFFIX) if k not in glued]
        if missing:
            findings.append(Finding(CLAIMS, row.line, "claim-unused",
                                    f"{cid}: never glued as {' or '.join(missing)} in section {section}"))
    return findings


# --- verdict drift ---------------------------------------------------------------------------

def check_drift(book: Book, pkg=None, data_sound: bool = True) -> list[Finding]:
    """Compare each claim's judged verdict with the one recorded (edition.verdicts.claims.evaluate).

    Not run on a data package with errors (they are reported where they are); a data error met
    while judging is filed at its own file, row and line, never at the claims file's first line.
    """
    if not data_sound:
        return [_drift_warning("the data package has errors (reported at their files)")]
    try:
        from ..verdicts.claims import evaluate  # type: ignore[attr-defined]
        from ..data.datapackage import DataError
    except Exception as exc:  # noqa: BLE001 - any import failure is reported, never raised
        return [_drift_warning("edition.verdicts.claims.evaluate cannot be imported "
                               f"({type(exc).__name__}: {exc})")]
    if pkg is None:
        pkg = _book_package(book.root)
    if pkg is None:
        return [_drift_warning(f"no data package under {book.root}")]
    try:
        results = list(evaluate(pkg))
    except DataError as exc:
        from .data_package import finding

        return [finding(book, exc)]
    except Exception as exc:  # noqa: BLE001
        return [Finding(CLAIMS, 1, "verdict-drift",
                        f"edition.verdicts.claims.evaluate() failed: {type(exc).__name__}: {exc}")]
    lines = {row.get("claim_id"): row.line for row in book.claims or []}
    return [Finding(CLAIMS, lines.get(r.claim_id, 1), "verdict-drift",
                    f"{r.claim_id}: judged {r.verdict!r}, recorded {r.recorded_verdict!r}")
            for r in results if str(r.verdict) != str(r.recorded_verdict)]


def _drift_warning(why: str) -> Finding:
    return Finding(CLAIMS, 1, "verdict-drift", f"verdict drift not checked: {why}", WARNING)


def _book_package(root: Path):
    """The data package of the book at ``root`` (the repository's own one for the repository)."""
    from .. import ROOT
    from ..data.datapackage import Package, package

    if root.resolve() == ROOT.resolve():
        return package()
    if (root / "data" / "datapackage.json").exists():
        return Package(root)
    return None

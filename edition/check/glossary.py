"""Glossary terms in the Korean text: a form the glossary says to avoid is reported where it stands.

``data/glossary.csv`` is binding for the Korean text (EDITING.md). Its column ``avoid_ko`` lists,
separated by ";", the Korean forms that a term must not take (노동자 파견 for 인력송출, 5·24 제재
for 5·24 조치, 일화적 for "anecdotal", 출처만 있음 for the verdict …). Every Korean block (pairs,
note definitions, Korean headings) is searched, and so are the Korean columns of the registers
that reach the pages (the ledger's descriptions and notes, the relations, the editorial notes);
text inside 〔 〕 and 「 」 (the edition's glosses of titles, and titles, which keep their own
words) and, in the registers, inside “ ” (a quoted form) is left out. Rule: glossary-avoid.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from .model import Book, Finding

GLOSSARY = Path("data") / "glossary.csv"
#: Titles and the edition's glosses of titles keep their own wording.
_QUOTED = re.compile(r"〔[^〕]*〕|「[^」]*」")
_KO_HEADING = re.compile(r"\[([^\]]*)\]\{\.lang-ko\}")
_QUOTED_DATA = re.compile(r"〔[^〕]*〕|「[^」]*」|“[^”]*”")
#: Korean columns of the registers whose text reaches the pages.
KOREAN_COLUMNS = {
    Path("data") / "claims.csv": ("what_ko", "editor_note_ko", "printed_ko"),
    Path("data") / "relations.csv": ("what_ko", "note_ko"),
    Path("data") / "editorial_notes.csv": ("explanation_ko", "evidence_ko"),
}


@dataclass(frozen=True)
class Avoid:
    form: str
    term_en: str
    term_ko: str
    row: int


class GlossaryError(ValueError):
    """The glossary cannot be read (named file and row)."""


def load_avoid(root: Path) -> list[Avoid]:
    """The forms to avoid, from data/glossary.csv; none when the file or its column is absent."""
    path = root / GLOSSARY
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames or "avoid_ko" not in reader.fieldnames:
            return []
        missing = {"term_en", "term_ko"} - set(reader.fieldnames)
        if missing:
            raise GlossaryError(f"{path}: missing column(s) {sorted(missing)}")
        out = []
        for row_no, rec in enumerate(reader, start=2):
            for form in (rec.get("avoid_ko") or "").split(";"):
                form = form.strip()
                if form:
                    out.append(Avoid(form, (rec.get("term_en") or "").strip(),
                                     (rec.get("term_ko") or "").strip(), row_no))
        return out


def _korean_lines(chapter) -> list[tuple[int, str]]:
    """(line, text) of every Korean line of a chapter: Korean blocks and Korean heading spans."""
    out: list[tuple[int, str]] = []
    for block in chapter.blocks:
        for div in block.divs:
            if div.lang == "ko":
                out.extend(div.lines)
    for number, line in enumerate(chapter.lines, start=1):
        for span in _KO_HEADING.findall(line):
            out.append((number, span))
    return out


def check_glossary(book: Book) -> list[Finding]:
    try:
        avoid = load_avoid(book.root)
    except (GlossaryError, csv.Error, UnicodeDecodeError) as exc:
        return [Finding(GLOSSARY.as_posix(), 1, "glossary-avoid", f"glossary unreadable: {exc}")]
    if not avoid:
        return []
    findings = []
    for chapter in book.chapters:
        for number, text in _korean_lines(chapter):
            plain = _QUOTED.sub(" ", text)
            for a in avoid:
                if a.form in plain:
                    findings.append(Finding(
                        chapter.rel, number, "glossary-avoid",
                        f"{a.form!r} in Korean text: the glossary ({GLOSSARY.as_posix()} row {a.row}) "
                        f"gives {a.term_ko!r} for {a.term_en!r}"))
    return findings + _check_registers(book.root, avoid)


def _check_registers(root: Path, avoid: list[Avoid]) -> list[Finding]:
    """The forms to avoid in the Korean columns of the registers (file, line and column named)."""
    findings = []
    for rel, columns in KOREAN_COLUMNS.items():
        path = root / rel
        if not path.is_file():
            continue
        try:
            with path.open(encoding="utf-8", newline="") as fh:
                reader = csv.DictReader(fh)
                for rec in reader:
                    for column in columns:
                        plain = _QUOTED_DATA.sub(" ", rec.get(column) or "")
                        for a in avoid:
                            if a.form in plain:
                                findings.append(Finding(
                                    rel.as_posix(), reader.line_num, "glossary-avoid",
                                    f"{a.form!r} in column {column}: the glossary ({GLOSSARY.as_posix()} row "
                                    f"{a.row}) gives {a.term_ko!r} for {a.term_en!r}"))
        except (csv.Error, UnicodeDecodeError) as exc:
            findings.append(Finding(rel.as_posix(), 1, "glossary-avoid", f"unreadable: {exc}"))
    return findings

"""Editorial notes and their marks: every ``{sic}`` mark names a note that exists and stands in
the note's own block, every note belongs to a block (or bibliography entry) that exists, and each
note is marked in exactly the languages its ``marked`` column says, and the words a slip, typo
or query note says were printed stand in its block.

Why a rule of its own: the English and Korean blocks no longer carry the same [sic] marks (a
Korean block is marked only where the slip also stands in the Korean text), so the pair-parity
rule cannot check them; this rule checks them against the register instead.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from ..data.blocks import Block, ChapterSource as Chapter
from .model import Book, CsvRow, Finding, duplicate_ids, read_csv

NOTES = "data/editorial_notes.csv"
MARK_ROLE = "sic"
LANGS_FOR = {"en": {"en"}, "ko": {"ko"}, "both": {"en", "ko"}, "none": set()}
#: Blocks whose marks the table renderer places, from the published words found in a data column.
TABLE_BLOCKS = {"s4-t2": ("data/table2.csv", "measure_en")}
#: A published part that is an author–date citation (rendered from a {cite} role, not in the source).
CITATION = re.compile(r"^\(?[A-Z][^()]* \d{4}[a-z]?(?:, [\d–-]+)?\)?$")
_GLUE = re.compile(r"\{glue:text\}`([a-z0-9_]+)`")
_ROLE = re.compile(r"\{[\w:]+\}`[^`]*`")


@dataclass(frozen=True)
class Mark:
    """One ``{sic}`` role: where it stands and which note it names."""

    note_id: str
    path: str
    line: int
    section: str | None
    block: str | None
    lang: str | None


def check_editorial(book: Book, bib_keys: set[str]) -> list[Finding]:
    path = book.root / NOTES
    if not path.exists():
        return []
    rows = read_csv(path)
    marks = [m for chapter in book.chapters for m in _marks(chapter)]
    blocks = {(sec, ident) for chapter in book.chapters for sec in [section_of(chapter)]
              for ident in (block_id(b) for b in chapter.blocks)}
    findings = duplicate_ids(rows, "note_id", NOTES, "editorial-duplicate")
    by_id = {row.get("note_id"): row for row in rows}
    findings += _stray(marks, by_id)
    texts = _texts(book)
    for row in rows:
        findings += _block(book, row, blocks, bib_keys)
        findings += _marked(book, row, [m for m in marks if m.note_id == row.get("note_id")])
        findings += _words(row, texts)
    return findings


def _normal(text: str, printed: dict[str, str]) -> str:
    """A block's text as a reader sees it: glued numbers as printed, roles and emphasis dropped,
    typographic quotation marks as straight ones, whitespace collapsed."""
    text = _GLUE.sub(lambda m: printed.get(m.group(1), ""), text)
    text = _ROLE.sub("", text)
    text = re.sub(r"[*_\\]", "", text)
    for curly, straight in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"')):
        text = text.replace(curly, straight)
    return " ".join(text.split())


def _texts(book: Book) -> dict[tuple[str | None, str, str], str]:
    printed = {row.get("claim_id"): row.get("printed") for row in book.claims or []}
    return {(section_of(chapter), block_id(block), div.lang): _normal(div.text, printed)
            for chapter in book.chapters for block in chapter.blocks for div in block.divs}


def _words(row: CsvRow, texts: dict[tuple[str | None, str, str], str]) -> list[Finding]:
    """The printed words of a slip, typo, style note or query (parts joined by " … ") stand in its
    block (a repair or regularisation quotes the transcription, which the edition changed)."""
    section, block = row.get("section"), row.get("block")
    if row.get("kind") in ("repair", "regularisation") or section in ("ref", "gen") or block in TABLE_BLOCKS:
        return []
    lang = "ko" if row.get("marked") == "ko" else "en"
    text = texts.get((section, block, lang))
    if text is None:
        return []  # reported by editorial-block
    missing = []
    for part in _normal(row.get("published"), {}).split(" … "):
        part = part.strip().rstrip("…").strip()
        if part and not CITATION.match(part) and part not in text:
            missing.append(part)
    return [Finding(NOTES, row.line, "editorial-words",
                    f"{row.get('note_id')}: the published words {part!r} are not in the {lang} text of {block}")
            for part in missing]


def section_of(chapter: Chapter) -> str | None:
    """'front' for 00-*.md, 's3' for 03-*.md; None for the apparatus pages (edition.data.layout)."""
    from ..data.layout import section_of_file

    return section_of_file(chapter.rel)


def block_id(block: Block) -> str:
    """The id a note row gives for a block: the pair id, or ``note-N`` for note N's definition."""
    return f"note-{block.ident}" if block.kind == "note-def" else block.ident


def _marks(chapter: Chapter) -> list[Mark]:
    section = section_of(chapter)
    found, inside = [], set()
    for block in chapter.blocks:
        for div in block.divs:
            for role in div.roles():
                if role.name == MARK_ROLE:
                    inside.add(role.line)
                    found.append(Mark(role.body.strip(), chapter.rel, role.line, section,
                                      block_id(block), div.lang))
    for role in chapter.roles():
        if role.name == MARK_ROLE and role.line not in inside:
            found.append(Mark(role.body.strip(), chapter.rel, role.line, section, None, None))
    return found



def _stray(marks: list[Mark], by_id: dict[str, CsvRow]) -> list[Finding]:
    """Marks naming no note, standing outside a language block, or in another block than the note's."""
    findings = []
    for m in marks:
        row = by_id.get(m.note_id)
        if row is None:
            findings.append(Finding(m.path, m.line, "editorial-unknown",
                                    f"{{sic}} mark names {m.note_id!r}, which is not in {NOTES}"))
        elif m.block is None:
            findings.append(Finding(m.path, m.line, "editorial-misplaced",
                                    f"{{sic}} mark {m.note_id} stands outside a language block"))
        elif (m.section, m.block) != (row.get("section"), row.get("block")):
            findings.append(Finding(m.path, m.line, "editorial-misplaced",
                                    f"{{sic}} mark {m.note_id} stands in {m.block}, but {NOTES}:{row.line} "
                                    f"places the note in {row.get('section')} {row.get('block')}"))
    return findings


def _block(book: Book, row: CsvRow, blocks: set[tuple[str | None, str]], bib_keys: set[str]) -> list[Finding]:
    """The note's place exists: a block of its section's chapter, a bibliography key, or 'all'."""
    nid, section, block = row.get("note_id"), row.get("section"), row.get("block")
    if section == "ref":
        ok = block in bib_keys or block == "all"
        want = "a references.bib key or 'all'"
    elif section == "gen":
        ok, want = block == "all", "'all'"
    else:
        ok, want = (section, block) in blocks, f"a pair or note-def of section {section}'s chapter"
    if ok:
        return []
    return [Finding(NOTES, row.line, "editorial-block", f"{nid}: block {block!r} is not {want}")]


def _marked(book: Book, row: CsvRow, marks: list[Mark]) -> list[Finding]:
    """Marked in exactly the languages the row says (Table 2's marks: the published words in the data)."""
    nid, marked, block = row.get("note_id"), row.get("marked"), row.get("block")
    want = LANGS_FOR.get(marked)
    if want is None:
        return [Finding(NOTES, row.line, "editorial-marked", f"{nid}: marked {marked!r} is not en, ko, both or none")]
    if block in TABLE_BLOCKS and want:
        return _table(book, row)
    have = {m.lang for m in marks if m.block is not None}
    findings = []
    for lang in sorted(want - have):
        findings.append(Finding(NOTES, row.line, "editorial-unmarked",
                                f"{nid}: marked {marked!r} but the {lang} block of {block} has no {{sic}}`{nid}`"))
    for m in marks:
        if m.lang is not None and m.lang not in want:
            findings.append(Finding(m.path, m.line, "editorial-marked",
                                    f"{nid} is marked {marked!r} in {NOTES}:{row.line}, but the {m.lang} "
                                    f"block carries its mark"))
    return findings


def _table(book: Book, row: CsvRow) -> list[Finding]:
    rel, column = TABLE_BLOCKS[row.get("block")]
    path = book.root / rel
    cells = [r.get(column, "") for r in csv.DictReader(path.open(encoding="utf-8"))] if path.exists() else []
    if any(row.get("published") in cell for cell in cells):
        return []
    return [Finding(NOTES, row.line, "editorial-unmarked",
                    f"{row.get('note_id')}: the published words are in no {column} cell of {rel}, "
                    f"so the table cannot carry the mark")]

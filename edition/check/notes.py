"""The paper's notes: every reference defined in its chapter, every definition referenced, and
numbers 1..NOTE_COUNT first referenced in order across the book (toc order), each defined once."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..data.blocks import ChapterSource
from .model import Book, Finding

NOTE_COUNT = 32
#: A note number: ASCII digits ("１２" passes str.isdigit and int(), but not the build).
NUMBER = re.compile(r"[0-9]+")


def is_number(text: str) -> bool:
    return NUMBER.fullmatch(text.strip()) is not None


@dataclass(frozen=True)
class NoteRef:
    number: int
    path: str
    line: int


def note_refs(chapter: ChapterSource) -> list[NoteRef]:
    refs = []
    for role in chapter.roles():
        if role.name == "note" and is_number(role.body):
            refs.append(NoteRef(int(role.body.strip()), chapter.rel, role.line))
    return refs


def note_defs(chapter: ChapterSource) -> list[NoteRef]:
    return [NoteRef(int(b.ident), chapter.rel, b.line) for b in chapter.blocks
            if b.kind == "note-def" and is_number(b.ident)]


def defined_numbers(book: Book) -> set[int]:
    return {d.number for ch in book.chapters for d in note_defs(ch)}


def check_notes(book: Book) -> list[Finding]:
    findings: list[Finding] = []
    for chapter in book.chapters:
        findings += _bad_roles(chapter)
        findings += _chapter_links(chapter)
    findings += _numbering(book)
    return findings


def _bad_roles(chapter: ChapterSource) -> list[Finding]:
    bad = [Finding(chapter.rel, r.line, "note-numbering", f"{{note}} takes a number (ASCII digits), got {r.body!r}")
           for r in chapter.roles() if r.name == "note" and not is_number(r.body)]
    bad += [Finding(chapter.rel, b.line, "note-numbering", f"note-def takes a number (ASCII digits), got {b.ident!r}")
            for b in chapter.blocks if b.kind == "note-def" and not is_number(b.ident)]
    return bad


def _chapter_links(chapter: ChapterSource) -> list[Finding]:
    """Note markers link to ``#note-N`` on the same page: definitions must be in the chapter."""
    refs, defs = note_refs(chapter), note_defs(chapter)
    ref_numbers, def_numbers = {r.number for r in refs}, {d.number for d in defs}
    findings = [Finding(r.path, r.line, "note-undefined", f"note {r.number} has no note-def in this chapter")
                for r in refs if r.number not in def_numbers]
    findings += [Finding(d.path, d.line, "note-unreferenced", f"note-def {d.number} is never referenced "
                         "by {note} in this chapter") for d in defs if d.number not in ref_numbers]
    return findings


def _numbering(book: Book) -> list[Finding]:
    findings: list[Finding] = []
    first: dict[int, NoteRef] = {}
    for chapter in book.chapters:
        for ref in note_refs(chapter):
            if ref.number in first:
                continue
            expected = max(first, default=0) + 1
            if ref.number != expected:
                findings.append(Finding(ref.path, ref.line, "note-numbering",
                                        f"note {ref.number} is first referenced where note {expected} "
                                        "is expected (order of first reference, _toc.yml order)"))
            first[ref.number] = ref
    findings += _definitions(book)
    findings += _range(book, first)
    return findings


def _definitions(book: Book) -> list[Finding]:
    seen: dict[int, NoteRef] = {}
    findings = []
    for chapter in book.chapters:
        for d in note_defs(chapter):
            if d.number in seen:
                prior = seen[d.number]
                findings.append(Finding(d.path, d.line, "note-numbering", f"note {d.number} defined again "
                                        f"(first at {prior.path}:{prior.line})"))
            seen.setdefault(d.number, d)
    return findings


def _range(book: Book, first: dict[int, NoteRef]) -> list[Finding]:
    findings = [Finding(r.path, r.line, "note-numbering", f"note {n} is outside 1..{NOTE_COUNT}")
                for n, r in first.items() if not 1 <= n <= NOTE_COUNT]
    missing = [n for n in range(1, NOTE_COUNT + 1) if n not in first]
    if missing:
        where = book.chapters[-1].rel if book.chapters else "chapters"
        line = len(book.chapters[-1].lines) if book.chapters else 0
        findings.append(Finding(where, line, "note-numbering",
                                f"notes never referenced: {_ranges(missing)} (the paper has 1..{NOTE_COUNT})"))
    return findings


def _ranges(numbers: list[int]) -> str:
    parts, start = [], None
    for i, n in enumerate(numbers):
        start = n if start is None else start
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            parts.append(str(start) if start == n else f"{start}-{n}")
            start = None
    return ", ".join(parts)

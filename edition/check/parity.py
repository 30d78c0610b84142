"""Pairs and note definitions: one English and one Korean block each, Korean text present, the
same notes, citations and claims on both sides, and fingerprints up to date.

[sic] marks are not compared here (editorial.py checks them against the register): an author's slip is marked where it stands, and the Korean
translation follows the intended sense, so a Korean block carries a mark only where the Korean
itself keeps the slip (a misspelt name, a wrong province) or has one of its own (the authors' 요약)."""
from __future__ import annotations

import re

from ..data.blocks import Block, ChapterSource, LangDiv
from ..data.layout import pair_id_pattern
from .model import WARNING, Book, Finding
from .roles import KO_SUFFIX, base_claim, cite_items, glue_key, is_cite, is_glue

HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
# Section blocks, plus the apparatus pages' own prefixes (ledger, editorial notes, references, …).
PAIR_ID = pair_id_pattern()


def marks(div: LangDiv) -> dict[str, set[str]]:
    """What a language block refers to, in comparable form."""
    found: dict[str, set[str]] = {"notes": set(), "citations": set(), "claims": set(),
                                  "verdict marks": set()}
    for role in div.roles():
        if role.name == "note":
            found["notes"].add(role.body.strip())
        elif is_cite(role):
            found["citations"].update(k + (f"{{{loc}}}" if loc else "") for k, loc in cite_items(role))
        elif is_glue(role):
            found["claims"].add(base_claim(glue_key(role)))
        elif role.name == "v":
            found["verdict marks"].add(role.body.strip())
    return found


def check_parity(book: Book) -> list[Finding]:
    findings = []
    for chapter in book.chapters:
        for block in chapter.blocks:
            findings += _structure(chapter, block) or _compare(chapter, block)
            findings += _suffixes(chapter, block)
            findings += _stale(chapter, block)
    findings += _ids(book)
    return findings


def _name(block: Block) -> str:
    return f"{block.kind} {block.ident}"


def _structure(chapter: ChapterSource, block: Block) -> list[Finding]:
    langs = [d.lang for d in block.divs]
    if langs != ["en", "ko"]:
        return [Finding(chapter.rel, block.line, "pair-parity",
                        f"{_name(block)} must hold one lang-en then one lang-ko block (found {langs or 'none'})")]
    korean = block.divs[1]
    if not korean.text.strip():
        return [Finding(chapter.rel, korean.line, "pair-parity", f"{_name(block)}: the Korean block is empty")]
    if not HANGUL.search(korean.text):
        return [Finding(chapter.rel, korean.line, "pair-parity", f"{_name(block)}: the Korean block has no Hangul")]
    return []


def _compare(chapter: ChapterSource, block: Block) -> list[Finding]:
    english, korean = block.divs
    en, ko = marks(english), marks(korean)
    findings = []
    for what in en:
        if en[what] - ko[what]:
            findings.append(Finding(chapter.rel, korean.line, "pair-parity",
                                    f"{_name(block)}: Korean block lacks {what} {_fmt(en[what] - ko[what])}"))
        if ko[what] - en[what]:
            findings.append(Finding(chapter.rel, english.line, "pair-parity",
                                    f"{_name(block)}: English block lacks {what} {_fmt(ko[what] - en[what])}"))
    return findings


def _suffixes(chapter: ChapterSource, block: Block) -> list[Finding]:
    """English glue keys are plain claim ids; Korean ones end in ``__ko``."""
    findings = []
    for div in block.divs:
        for role in div.roles():
            if not is_glue(role):
                continue
            key = glue_key(role)
            if (div.lang == "ko") != key.endswith(KO_SUFFIX):
                want = "with" if div.lang == "ko" else "without"
                findings.append(Finding(chapter.rel, role.line, "pair-parity",
                                        f"{_name(block)}: {div.lang} glue {key!r} should be {want} {KO_SUFFIX}"))
    return findings


def _stale(chapter: ChapterSource, block: Block) -> list[Finding]:
    stored = block.stored_fp
    if stored is None:
        return [Finding(chapter.rel, block.line, "pair-stale", f"{_name(block)} has no :fp: "
                        "(run python -m edition fingerprint --write)")]
    line, value = stored
    if value != block.fingerprint:
        return [Finding(chapter.rel, line, "pair-stale", f"{_name(block)}: English text changed since the "
                        f"Korean was checked (:fp: {value}, now {block.fingerprint})")]
    return []


def _ids(book: Book) -> list[Finding]:
    seen: dict[str, str] = {}
    findings = []
    for chapter in book.chapters:
        for block in [b for b in chapter.blocks if b.kind == "pair"]:
            where = f"{chapter.rel}:{block.line}"
            if block.ident in seen:
                findings.append(Finding(chapter.rel, block.line, "pair-id",
                                        f"pair id {block.ident!r} already used at {seen[block.ident]}"))
            elif not PAIR_ID.match(block.ident):
                findings.append(Finding(chapter.rel, block.line, "pair-id",
                                        f"pair id {block.ident!r} does not follow EDITING.md", WARNING))
            seen.setdefault(block.ident, where)
    return findings


def _fmt(items: set[str]) -> str:
    return ", ".join(sorted(items))

"""Identifiers that cannot impersonate, and text that hides nothing.

- ``id-ascii``: every bib key, and every key cited in the chapters, is ASCII by pattern
  (:data:`BIB_KEY`, ``[0-9]``/``[A-Za-z]``, never ``\\d``/``\\w``, which also match fullwidth
  digits and Cyrillic letters). Note numbers are held to ``[0-9]+`` by the note rules, data ids
  by the patterns in data/datapackage.json.
- ``id-confusable``: two bib keys, or two ids of one data register, that differ only by
  characters a reader cannot tell apart (Cyrillic і for Latin i, 0 for O, rn for m, a zero-width
  space, a change of case) are refused; so is a cited key that is missing but looks like one
  that exists. Look-alikes come from Unicode's confusables data (UTS #39) through the
  ``confusable_homoglyphs`` package, after NFKC (fullwidth and mathematical letters) and case
  folding.
- ``hidden-char``: bidirectional controls (U+202A–202E, U+2066–2069, U+200E/F, U+061C) and
  invisible characters (zero-width space, non-joiner and joiner, word joiner, soft hyphen,
  U+2028/2029, a byte-order mark inside the text, Hangul fillers) in the chapters, every CSV of
  data/ and references.bib, each with its file, line and column. None is meant anywhere in these
  files; each can make what a reader sees differ from what the machine reads.

The checker's own output never carries these characters: :func:`visible` shows them as
``<U+202E>``.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from .model import Book, Finding, read_text

BIB_FILE = "references.bib"
#: A bib key as the edition writes them: ASCII letters, digits and ``_:.-``.
BIB_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_:.\-]*")

BIDI = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
INVISIBLE = {0x00AD, 0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x200B, 0x200C, 0x200D,
             0x2028, 0x2029, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x3164, 0xFEFF, 0xFFA0}
HIDDEN = BIDI | INVISIBLE
HIDDEN_RE = _HIDDEN = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(HIDDEN)) + "]")
#: At most this many hidden-character findings per file (then one summary finding).
MAX_PER_FILE = 20


def describe(ch: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``."""
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed character')}"


def visible(text: str) -> str:
    """The text with every hidden character shown as ``<U+XXXX>``: what the checker prints."""
    return _HIDDEN.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def hidden_chars(text: str) -> list[tuple[int, int, str]]:
    """(line, column, character) of each hidden character; lines split at ``\\n`` only, columns
    counted in characters from 1."""
    found = []
    for number, line in enumerate(text.split("\n"), 1):
        for m in _HIDDEN.finditer(line):
            found.append((number, m.start() + 1, m.group()))
    return found


def check_hidden(book: Book) -> list[Finding]:
    findings: list[Finding] = []
    for rel in _text_files(book.root):
        text, _ = read_text(book.root / rel, rel)
        text = text.removeprefix("\ufeff")  # a leading BOM is the encoding rule's finding
        hits = hidden_chars(text)
        for line, column, ch in hits[:MAX_PER_FILE]:
            kind = "a bidirectional control: it reorders what the reader sees" if ord(ch) in BIDI \
                else "an invisible character"
            findings.append(Finding(rel, line, "hidden-char", f"column {column}: {describe(ch)} ({kind}); "
                                    "remove it (nothing in the edition needs it)"))
        if len(hits) > MAX_PER_FILE:
            findings.append(Finding(rel, hits[MAX_PER_FILE][0], "hidden-char",
                                    f"… and {len(hits) - MAX_PER_FILE} more hidden characters"))
    return findings


def _text_files(root: Path) -> list[str]:
    rels = [f"chapters/{p.name}" for p in sorted((root / "chapters").glob("*.md"))]
    rels += [f"data/{p.name}" for p in sorted((root / "data").glob("*.csv"))]
    if (root / BIB_FILE).is_file():
        rels.append(BIB_FILE)
    return [r for r in rels if (root / r).is_file()]


# --- keys and ids -------------------------------------------------------------------------------

def non_ascii(key: str) -> str:
    """Why ``key`` is not a plain ASCII key (empty when it is one)."""
    if BIB_KEY.fullmatch(key):
        return ""
    bad = next(((i, ch) for i, ch in enumerate(key, 1) if not re.fullmatch(r"[A-Za-z0-9_:.\-]", ch)), None)
    if bad is None:
        return "does not start with a letter or digit"
    return f"has {describe(bad[1])} at character {bad[0]}; keys are ASCII letters, digits and _:.-"


@lru_cache(maxsize=4096)
def skeleton(text: str) -> str:
    """What a reader sees of ``text``, so that look-alikes compare equal: hidden characters
    dropped, NFKC (fullwidth ｋ → k), case folded, each character replaced by its ASCII
    look-alike from Unicode's confusables (Cyrillic і → i), then the confusable ASCII shapes
    merged (1, I → l; 0 → o; rn → m; vv → w)."""
    text = unicodedata.normalize("NFKC", "".join(ch for ch in text if ord(ch) not in HIDDEN
                                                 and unicodedata.category(ch) != "Cf"))
    out = "".join(_ascii_lookalike(ch) for ch in text)
    out = out.replace("1", "l").replace("I", "l").casefold().replace("0", "o")
    return out.replace("rn", "m").replace("vv", "w").replace("|", "l")


@lru_cache(maxsize=4096)
def _ascii_lookalike(ch: str) -> str:
    if ord(ch) < 128:
        return ch
    from confusable_homoglyphs import confusables

    found = confusables.is_confusable(ch, greedy=True, preferred_aliases=[]) or []
    for item in found:
        for glyph in item.get("homoglyphs", []):
            candidate = glyph["c"].replace("\u200e", "")
            if candidate and all(ord(c) < 128 for c in candidate):
                return candidate
    return ch  # no ASCII look-alike (é keeps its visible accent; Hangul is Hangul)


def confusable_groups(keys: dict[str, int]) -> list[list[tuple[str, int]]]:
    """Groups of two or more distinct keys with one skeleton, each key with its line, in order."""
    by_skeleton: dict[str, list[tuple[str, int]]] = {}
    for key, line in keys.items():
        by_skeleton.setdefault(skeleton(key), []).append((key, line))
    return [sorted(group, key=lambda kv: kv[1]) for group in by_skeleton.values() if len(group) > 1]


def check_keys(bib_entries: dict[str, int], cited: list[tuple[str, str, int]]) -> list[Finding]:
    """Bib keys and cited keys: ASCII, and none a look-alike of another. ``cited`` is
    (key, chapter, line) for every citation."""
    findings = [Finding(BIB_FILE, line, "id-ascii", f"bib key {visible(key)!r} {why}")
                for key, line in bib_entries.items() if (why := non_ascii(key))]
    for group in confusable_groups(bib_entries):
        (first, first_line), *rest = group
        for key, line in rest:
            findings.append(Finding(BIB_FILE, line, "id-confusable",
                                    f"bib key {visible(key)!r} looks like {visible(first)!r} (line {first_line}): "
                                    f"a citation of one would read as the other{_why(key)}"))
    skeletons = {skeleton(k): k for k in bib_entries}
    reported: set[tuple[str, str, int]] = set()
    for key, rel, line in cited:
        if (key, rel, line) in reported:
            continue
        reported.add((key, rel, line))
        why = non_ascii(key)
        if why:
            findings.append(Finding(rel, line, "id-ascii", f"cited key {visible(key)!r} {why}"))
        twin = skeletons.get(skeleton(key))
        if key not in bib_entries and twin is not None and twin != key:
            findings.append(Finding(rel, line, "id-confusable",
                                    f"cited key {visible(key)!r} is not in {BIB_FILE} but looks like "
                                    f"{visible(twin)!r}, which is{_why(key)}"))
    return findings


def _why(key: str) -> str:
    """What makes a look-alike differ, when it is a character outside ASCII."""
    bad = [f"{describe(ch)} at character {i}" for i, ch in enumerate(key, 1) if ord(ch) > 127]
    return f" ({', '.join(bad)})" if bad else ""


def check_data_ids(registers: dict[str, dict[str, int]]) -> list[Finding]:
    """``registers``: {data file: {id: line}} for each register's id column."""
    findings = []
    for rel, ids in registers.items():
        for group in confusable_groups(ids):
            (first, first_line), *rest = group
            findings += [Finding(rel, line, "id-confusable", f"id {visible(key)!r} looks like "
                                 f"{visible(first)!r} (line {first_line}){_why(key)}") for key, line in rest]
    return findings


def register_ids(root: Path) -> dict[str, dict[str, int]]:
    """Each data register's id column (a single-column primary key in data/datapackage.json):
    {data/file.csv: {id: line}}. An unreadable package gives {} (the data rule reports it)."""
    from ..data.datapackage import DataError, load_descriptor
    from .model import read_csv

    try:
        desc = load_descriptor(root / "data" / "datapackage.json")
    except DataError:
        return {}
    out: dict[str, dict[str, int]] = {}
    for spec in desc["resources"]:
        key = spec["schema"].get("primaryKey")
        column = key[0] if isinstance(key, list) and len(key) == 1 else key if isinstance(key, str) else None
        path = root / "data" / spec["path"]
        if column is None or not path.is_file() or ".." in spec["path"]:
            continue
        ids: dict[str, int] = {}
        for row in read_csv(path):
            ids.setdefault(row.get(column), row.line)
        out[f"data/{spec['path']}"] = {k: v for k, v in ids.items() if k}
    return out

"""CITATION.cff's preferred citation against the article's parsed entry in references.bib.

Both files describe the original article; pages take the title, authors, journal, volume,
issue, pages and year from the parsed entry (:func:`edition.data.bib.article_record`), GitHub and
Zenodo from CITATION.cff. Rule ``cff-article``: every disagreement, at its line in CITATION.cff,
naming the entry's line; and a missing or unreadable article record.
"""
from __future__ import annotations


import yaml

from ..render import citing
from ..data.bib import ARTICLE_KEY, BibError, article_record
from .model import Book, Finding, read_text

CFF_FILE = "CITATION.cff"
BIB_FILE = "references.bib"


def check_citation(book: Book, bib_parsed: bool) -> list[Finding]:
    """``bib_parsed`` false: references.bib has parse problems (reported by the bib rules); its
    record is not compared then, as any entry's extent is a guess."""
    cff_path, bib_path = book.root / CFF_FILE, book.root / BIB_FILE
    if not cff_path.exists() or not bib_path.exists() or not bib_parsed:
        return []
    text, _ = read_text(cff_path, CFF_FILE)
    try:
        cff = yaml.safe_load(text)
        node = yaml.compose(text)
    except yaml.YAMLError:
        return []  # CITATION.cff that is not YAML: its own rule's business (issue 23a)
    try:
        record = article_record(bib_path, ARTICLE_KEY)
    except KeyError:
        return [Finding(BIB_FILE, 1, "cff-article", f"no entry {ARTICLE_KEY!r}: the article's own "
                        "record, which pages, tags and downloads are made from")]
    except BibError as exc:
        return [Finding(BIB_FILE, 1, "cff-article", f"the article's record cannot be read: {exc}")]
    if not isinstance(cff, dict):
        return [Finding(CFF_FILE, 1, "cff-article", "is not a mapping")]
    lines = _lines(node)
    findings = []
    for name, cff_value, bib_value in citing.cff_differences(cff, record):
        bib_line = record.lines.get({"issue": "number", "start": "pages", "end": "pages",
                                     "authors": "author", "type": ""}.get(name, name), record.line)
        findings.append(Finding(CFF_FILE, lines.get(name, lines.get("", 1)), "cff-article",
                                f"preferred-citation {name} {cff_value!r} differs from {BIB_FILE} "
                                f"{ARTICLE_KEY} (line {bib_line}): {bib_value!r}"))
    return findings


def _lines(node: yaml.Node | None) -> dict[str, int]:
    """The 1-based line of each key of ``preferred-citation`` ('' for the key itself)."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "preferred-citation":
            found = {"": key.start_mark.line + 1}
            if isinstance(value, yaml.MappingNode):
                found.update({k.value: k.start_mark.line + 1 for k, _ in value.value
                              if isinstance(k, yaml.ScalarNode)})
            return found
    return {}


__all__ = ["check_citation"]

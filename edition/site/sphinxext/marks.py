"""Marks in the prose: what they show (read time, from the data) and where they link (per builder).

* A verdict mark shows the verdict computed *now* from the bundled data. The page therefore
  depends on every data file (and the bibliography the data is checked against): each is
  registered with ``env.note_dependency``, so editing a CSV re-reads the pages that show marks.
* Links are resolved after reading, in a post-transform, through the builder
  (``builder.get_relative_uri``), so ``html``, ``dirhtml``, ``singlehtml`` and LaTeX each get
  their own form of the same link. Targets are the labels the ledger and editorial-notes pages
  register (``claim-<id>``, ``<editorial id>``); a mark whose target is missing is a warning.
* Note markers must point at a note defined on the same page: the paper numbers its notes
  through the whole article, but each chapter shows its own, so a marker whose note is
  elsewhere (or nowhere) is a dead link and a warning naming the chapter and the note.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from ... import ROOT
from .nodes import note_block, note_ref, sic_mark, verdict_mark

logger = logging.getLogger(__name__)

CLAIM_TARGET = "claim-{claim_id}"
_PACKAGES: dict[Path, Any] = {}


def book_root(env: BuildEnvironment) -> Path:
    """The book whose data the marks show: the source folder if it has a data package."""
    src = Path(env.srcdir)
    return src if (src / "data" / "datapackage.json").is_file() else ROOT


def book_package(env: BuildEnvironment):
    """The data package of the book being built, loaded once per process."""
    from ...data.datapackage import Package, package

    root = book_root(env).resolve()
    if root == ROOT.resolve():
        return package()
    if root not in _PACKAGES:
        _PACKAGES[root] = Package(root)
    return _PACKAGES[root]


def note_data_dependencies(env: BuildEnvironment) -> None:
    """The current page shows values computed from the data: re-read it when any input changes."""
    pkg = book_package(env)
    env.note_dependency(str(pkg.base / "datapackage.json"))
    for spec in pkg.descriptor.get("resources", []):
        env.note_dependency(str(pkg.base / spec["path"]))
    bib = pkg.root / "references.bib"
    if bib.is_file():
        env.note_dependency(str(bib))


def judgements_by_id(env: BuildEnvironment) -> dict:
    from ...verdicts.claims import by_id

    return by_id(book_package(env))


def fill_verdict_mark(env: BuildEnvironment, mark: verdict_mark) -> None:
    """The symbol, the hidden labels in both languages and the hover title of a verdict mark."""
    note_data_dependencies(env)
    cid = mark["claim_id"]
    judgement = judgements_by_id(env).get(cid)
    if judgement is None:
        logger.warning("unknown claim id %r in {v} role", cid, location=mark,
                       type="edition", subtype="claim")
        mark += nodes.Text(f"[{cid}?]")
        return
    fill_mark(mark, judgement.verdict, CLAIM_TARGET.format(claim_id=cid), "verdict mark {v}`%s`" % cid)


def fill_relation_mark(env: BuildEnvironment, mark: verdict_mark) -> None:
    """Like a verdict mark, for a relation of ``data/relations.csv``: its verdict now."""
    from ...verdicts.relations import evaluate

    note_data_dependencies(env)
    rid = mark["relation_id"]
    verdicts = {c.relation.relation_id: c.verdict for c in evaluate(book_package(env))}
    if rid not in verdicts:
        logger.warning("unknown relation id %r in {rel} role", rid, location=mark,
                       type="edition", subtype="relation")
        mark += nodes.Text(f"[{rid}?]")
        return
    fill_mark(mark, verdicts[rid], rid, "relation mark {rel}`%s`" % rid)


def fill_mark(mark: verdict_mark, verdict: str, target: str, what: str) -> None:
    """Verdict, class and hover title of ``verdict``; the link to ``target`` comes later.

    The mark holds no text (see :class:`edition.verdicts.judge.Mark`): :class:`PlaceMarks` gives it its symbol
    and its label in the language of its block, once the mark is in the document.
    """
    from ...verdicts.judge import mark_for

    shown = mark_for(verdict)
    mark["classes"].append("verdict-" + shown.slug)
    mark["verdict"] = verdict
    mark["reftitle"] = shown.title
    mark["target_label"] = target
    mark["what"] = what


def _labels(env: BuildEnvironment) -> dict[str, tuple[str, str]]:
    return env.get_domain("std").anonlabels  # type: ignore[attr-defined]


def _link(transform: SphinxPostTransform, node: nodes.Element, todoc: str, anchor: str) -> None:
    fromdoc = transform.env.docname
    node["internal"] = True
    if fromdoc == todoc:
        node["refid"] = anchor
    else:
        node["refuri"] = transform.app.builder.get_relative_uri(fromdoc, todoc) + "#" + anchor


class ResolveMarks(SphinxPostTransform):
    """Link verdict and [sic] marks to their targets, for the builder at hand."""

    default_priority = 20

    def run(self, **kwargs: Any) -> None:
        labels = _labels(self.env)
        for mark in list(self.document.findall(verdict_mark)):
            if "target_label" in mark:
                self._resolve(mark, mark["target_label"], labels, mark["what"], "the claims ledger")
        for mark in list(self.document.findall(sic_mark)):
            self._resolve(mark, mark["editorial_id"], labels, "[sic] mark {sic}`%s`" % mark["editorial_id"],
                          "the editorial notes")

    def _resolve(self, mark: nodes.Element, label: str, labels: dict, what: str, where: str) -> None:
        found = labels.get(label)
        if found is None:
            logger.warning("%s links to %r, which %s do not define", what, label, where,
                           location=mark, type="edition", subtype="mark")
            return
        _link(self, mark, *found)


class CheckNoteRefs(SphinxPostTransform):
    """A note marker whose note is not on the same page is a dead link: warn, naming both."""

    default_priority = 20

    def run(self, **kwargs: Any) -> None:
        docname = self.env.docname
        here = {n["note_number"] for n in self.document.findall(note_block)}
        labels = _labels(self.env)
        for marker in self.document.findall(note_ref):
            num = marker["note_number"]
            if num in here:
                continue
            found = labels.get(f"note-{num}")
            if found is not None:
                why = f"note {num} is defined in {found[0]}, not in this chapter"
            else:
                why = f"note {num} is not defined in this chapter (nor anywhere in the book)"
            logger.warning("dead note marker {note}`%s` in %s: %s", num, docname, why,
                           location=marker, type="edition", subtype="note")

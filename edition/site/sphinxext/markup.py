"""The chapter markup: ``{pair}``, ``{note-def}``, ``{note}``, ``{v}``, ``{sic}`` (see EDITING.md).

Every block and mark becomes one of the edition's own nodes (:mod:`.nodes`). Pairs and notes are
also *explicit targets* (labels in Sphinx's standard domain), so a link to ``s2-p04`` or
``note-28`` from any page resolves through the builder, and a link to one that does not exist
is a warning like any other broken cross-reference.
"""
from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from .nodes import as_lang_node, lang_block, lang_of, note_block, note_ref, pair_block, sic_mark, verdict_mark

logger = logging.getLogger(__name__)

#: What a note's own marker links back to, and what a note marker's paragraph is called.
#: The paper's note numbers: ASCII digits only (str.isdigit also takes "１２").
NOTE_NUMBER = re.compile(r"[0-9]+")
NOTE_ID = "note-{num}"
NOTEREF_ID = "noteref-{num}"


def register_target(directive: SphinxDirective, node: nodes.Element, name: str) -> None:
    """Make ``node`` the explicit target ``name``: a label other pages (and -n) can see."""
    node["ids"] = [name] + [i for i in node["ids"] if i != name]
    node["names"].append(name)
    directive.state.document.note_explicit_target(node, node)


def _lang_children(node: nodes.Element) -> list[str | None]:
    for child in list(node.children):
        if isinstance(child, nodes.container):
            as_lang_node(child)
    return [lang_of(c["classes"]) for c in node.children if isinstance(c, lang_block)]


def _check_children(directive: SphinxDirective, node: nodes.Element, what: str) -> None:
    """A pair or note must hold one English and one Korean block, in that order."""
    langs = _lang_children(node)
    if langs != ["en", "ko"]:
        logger.warning(
            "%s %r must contain exactly one lang-en block followed by one lang-ko block "
            "(found %s)", what, directive.arguments[0], langs or "none",
            location=directive.get_location(), type="edition", subtype="pair",
        )


class PairDirective(SphinxDirective):
    """An English block and its Korean partner, sharing one id."""

    required_arguments = 1
    has_content = True
    option_spec = {"fp": directives.unchanged, "class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        pid = self.arguments[0]
        if nodes.make_id(pid) != pid:
            raise self.error(f"pair id {pid!r} must be lowercase letters, digits and hyphens")
        node = pair_block(classes=["pair", *self.options.get("class", [])])
        node["pair_id"] = pid
        self.set_source_info(node)
        register_target(self, node, pid)
        self.state.nested_parse(self.content, self.content_offset, node)
        _check_children(self, node, "pair")
        return [node]


class NoteDefDirective(SphinxDirective):
    """One of the paper's numbered notes, shown in the margin beside its reference."""

    required_arguments = 1
    has_content = True
    option_spec = {"fp": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        num = self.arguments[0]
        if not NOTE_NUMBER.fullmatch(num):
            raise self.error(f"note-def takes the paper's note number, got {num!r}")
        node = note_block(classes=["margin", "paper-note"])
        node["note_number"] = int(num)
        self.set_source_info(node)
        register_target(self, node, NOTE_ID.format(num=int(num)))
        label = nodes.paragraph(classes=["paper-note-num"])
        back = nodes.reference("", f"{num})", refid=NOTEREF_ID.format(num=int(num)),
                               internal=True, classes=["note-backref"])
        label += back
        node += label
        self.state.nested_parse(self.content, self.content_offset, node)
        _check_children(self, node, "note-def")
        return [node]


class NoteRole(SphinxRole):
    """A superscript marker "28)" linking to note 28, as the paper prints its markers."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        num = self.text.strip()
        if not NOTE_NUMBER.fullmatch(num):
            msg = self.inliner.reporter.error(f"note role takes a number, got {num!r}", line=self.lineno)
            return [], [msg]
        ref = nodes.reference("", f"{int(num)})", refid=NOTE_ID.format(num=int(num)),
                              internal=True, classes=["note-ref"])
        marker = note_ref("", "", ref, classes=["note-ref-sup"])
        marker["note_number"] = int(num)
        marker.source, marker.line = self.get_source_info()
        return [marker], []


class VerdictRole(SphinxRole):
    """The verdict mark beside a number: the verdict now, linking to the claim's ledger row."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        from .marks import fill_verdict_mark  # late import: loads data only when marks exist

        mark = verdict_mark("", "", classes=["verdict"])
        mark["claim_id"] = self.text.strip()
        mark.source, mark.line = self.get_source_info()
        fill_verdict_mark(self.env, mark)
        return [mark], []


class RelationRole(SphinxRole):
    """The mark beside a figure that another figure of the paper contradicts (``{rel}`rel_…```):
    the relation's verdict now, linking to its row in the ledger."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        from .marks import fill_relation_mark

        mark = verdict_mark("", "", classes=["verdict", "relation-mark"])
        mark["relation_id"] = self.text.strip()
        mark.source, mark.line = self.get_source_info()
        fill_relation_mark(self.env, mark)
        return [nodes.superscript("", "", mark, classes=["relation-sup"])], []


class SicRole(SphinxRole):
    """'[sic]' marker beside an author's slip, linking to its editorial note."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        from ...render.editorial import mark_label

        nid = self.text.strip()
        # "[?]" for a query; an id that is not a marked note keeps "[sic]" and fails to resolve
        mark = sic_mark("", mark_label(nid) or "[sic]", classes=["sic"])
        mark["editorial_id"] = nid
        mark["reftitle"] = "Editorial note / 편집자 주"
        mark.source, mark.line = self.get_source_info()
        return [nodes.superscript("", "", mark, classes=["sic-sup"])], []


class LanguageNodes(SphinxTransform):
    """Every ``container``/``inline`` with a ``lang-xx`` class becomes a language node.

    Covers blocks and spans outside pairs and notes (headings, lists, apparatus pages).
    """

    default_priority = 650

    def apply(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(nodes.Element)):
            if type(node) in (nodes.container, nodes.inline):
                as_lang_node(node)


class NoteRefIds(SphinxTransform):
    """Give each note marker's paragraph an id the note's back-link can point at.

    The first marker of note N is ``noteref-N``; a later one (the Korean block's) gets
    ``noteref-N-ko`` (or ``-2``, ``-3`` … outside a language block).
    """

    default_priority = 700

    def apply(self, **kwargs: Any) -> None:
        seen: dict[int, int] = {}
        for marker in self.document.findall(note_ref):
            num = marker["note_number"]
            n = seen[num] = seen.get(num, 0) + 1
            lang = next((lang_of(a["classes"]) for a in _ancestors(marker)
                         if isinstance(a, lang_block)), None)
            base = NOTEREF_ID.format(num=num)
            marker.parent["ids"].append(base if n == 1 else f"{base}-{lang or n}")


def _ancestors(node: nodes.Node):
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


class UnescapeUrls(SphinxTransform):
    """Undo MyST's double escaping of '&' in link targets (myst-parser issue #760).

    Without this, a URL with a query string such as the SBS article in note 27 is written as
    ``&amp;amp;`` and the link is broken.
    """

    default_priority = 690

    def apply(self, **kwargs: Any) -> None:
        for ref in self.document.findall(nodes.reference):
            uri = ref.get("refuri", "")
            if "&amp;" in uri:
                ref["refuri"] = uri.replace("&amp;", "&")

"""The edition's own doctree nodes, and how HTML shows them.

Each node subclasses the docutils node it is closest to (``container``, ``inline``,
``superscript``, ``reference``), so every builder that has no visitor of its own (LaTeX, text,
man, …) renders it as that node: Sphinx's translators look visitors up along the class's MRO.
HTML gets what the reader and the site's CSS/JS rely on: ``lang`` on every language block and
span, ``<aside role="note">`` for the paper's notes, and the classes in ``_static/edition.css``.

Owning these nodes (instead of overriding docutils' ``container``/``inline`` visitors) leaves
every other extension's containers alone: sphinx-design's ``{div}`` keeps its own classes.
"""
from __future__ import annotations

from docutils import nodes

from ..bilingual import LANGS


def lang_of(classes: list[str]) -> str | None:
    """The language a block or span declares through its ``lang-xx`` class."""
    for cls in classes:
        if cls.startswith("lang-") and cls[5:] in LANGS:
            return cls[5:]
    return None


class pair_block(nodes.container):
    """An English block and its Korean partner (``{pair}``); its id is the pair id."""


class styled_block(nodes.container):
    """A plain ``<div>`` with the edition's classes (no docutils ``container`` class)."""


class lang_block(nodes.container):
    """A block of text in one language (``{div} lang-en`` / ``{div} lang-ko``)."""


class lang_span(nodes.inline):
    """A span of text in one language (``[…]{.lang-en}``)."""


class note_block(nodes.container):
    """One of the paper's numbered notes (``{note-def}``), shown in the margin."""


class note_ref(nodes.superscript):
    """The superscript marker "28)" of a note (``{note}``), holding the link to the note."""


class verdict_mark(nodes.reference):
    """The verdict mark beside a number (``{v}``): a link to the claim's ledger row.

    ``claim_id`` names the claim; the link is filled in by a post-transform, per builder.
    """


class sic_mark(nodes.reference):
    """The "[sic]" beside an author's slip (``{sic}``): a link to its editorial note."""


# --- HTML -------------------------------------------------------------------------------------

def _lang_attrs(node: nodes.Element) -> dict[str, str]:
    lang = lang_of(node["classes"])
    return {"lang": lang} if lang else {}


def visit_div(self, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "div", **_lang_attrs(node)))


def depart_div(self, node: nodes.Element) -> None:
    self.body.append("</div>\n")


def visit_lang_span(self, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "span", "", **_lang_attrs(node)))


def depart_lang_span(self, node: nodes.Element) -> None:
    self.body.append("</span>")


def visit_note_block(self, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "aside", role="note"))


def depart_note_block(self, node: nodes.Element) -> None:
    self.body.append("</aside>\n")


def visit_note_ref(self, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "sup", ""))


def depart_note_ref(self, node: nodes.Element) -> None:
    self.body.append("</sup>")


def visit_mark(self, node: nodes.Element) -> None:
    """A resolved mark is a link; an unresolved one (already warned about) a plain span."""
    if "refuri" in node or "refid" in node:
        self.visit_reference(node)
    else:
        self.body.append(self.starttag(node, "span", ""))


def depart_mark(self, node: nodes.Element) -> None:
    if "refuri" in node or "refid" in node:
        self.depart_reference(node)
    else:
        self.body.append("</span>")


HTML_VISITORS = {
    pair_block: (visit_div, depart_div),
    styled_block: (visit_div, depart_div),
    lang_block: (visit_div, depart_div),
    lang_span: (visit_lang_span, depart_lang_span),
    note_block: (visit_note_block, depart_note_block),
    note_ref: (visit_note_ref, depart_note_ref),
    verdict_mark: (visit_mark, depart_mark),
    sic_mark: (visit_mark, depart_mark),
}


def as_lang_node(node: nodes.Element) -> nodes.Element:
    """The language node for a ``container``/``inline`` that declares a language, else ``node``.

    The new node keeps the classes, ids and children; sphinx-design's bookkeeping attributes
    (``is_div``, ``design_component``) go, since the node is no longer its component.
    """
    if node.parent is None or isinstance(node, (lang_block, lang_span)) or not lang_of(node["classes"]):
        return node
    if type(node) is nodes.container:
        cls = lang_block
    elif type(node) is nodes.inline:
        cls = lang_span
    else:
        return node
    new = cls(node.rawsource, *node.children)
    for key in ("ids", "classes", "names", "dupnames"):
        new[key] = list(node[key])
    new.source, new.line = node.source, node.line
    node.replace_self(new)
    return new

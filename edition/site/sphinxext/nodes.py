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

from ...core.bilingual import LANGS


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


class page_break(nodes.inline):
    """Where a page of the published article begins (``data/pagebreaks.csv``): an empty
    milestone ``<a id="p381">`` whose page number the stylesheet draws in the margin."""


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


def visit_verdict_mark(self, node: nodes.Element) -> None:
    """A verdict mark: an empty link whose symbol the stylesheet draws (``data-symbol``).

    Nothing of the mark is text: a copied sentence, the search index and its snippets keep the
    paper's words; the label is the link's accessible name and its hover title.
    """
    if "verdict" not in node:  # an unknown claim, already warned about: its "[id?]" as text
        visit_mark(self, node)
        return
    from ...verdicts.judge import html_attrs, mark_for

    attrs = html_attrs(mark_for(node["verdict"]), node.get("lang"), node.get("symbol"))
    if node.get("relations"):
        attrs["data-relations"] = " ".join(node["relations"])
    if "refuri" in node or "refid" in node:
        href = node["refuri"] if "refuri" in node else "#" + node["refid"]
        self.body.append(self.starttag(node, "a", "", CLASS="reference internal", href=href, **attrs))
    else:
        self.body.append(self.starttag(node, "span", "", **attrs))


def depart_verdict_mark(self, node: nodes.Element) -> None:
    if "verdict" not in node:
        depart_mark(self, node)
    else:
        self.body.append("</a>" if ("refuri" in node or "refid" in node) else "</span>")


PAGE_BREAK_TITLE = {
    "en": "p. {page} of the original article begins here",
    "ko": "원문 {page}쪽이 여기서 시작됨",
    "paragraph": {"en": "p. {page} of the original article begins at or near the start of this paragraph",
                  "ko": "원문 {page}쪽은 이 문단 또는 그 부근에서 시작됨(쪽 경계의 정확한 위치는 확인되지 않음)"},
    "within": {"ko": "원문 {page}쪽은 이 문단 안에서 시작됨(영문의 해당 위치 참조)",
               "en": "p. {page} of the original article begins within this paragraph (see the Korean text)"},
}


def page_break_title(page: int, lang: str, precision: str) -> str:
    """What the milestone says on hover and to a screen reader, in its block's language."""
    if precision == "paragraph":
        return PAGE_BREAK_TITLE["paragraph"][lang].format(page=page)
    if precision == "within":
        return PAGE_BREAK_TITLE["within"][lang].format(page=page)
    return PAGE_BREAK_TITLE[lang].format(page=page)


def visit_page_break(self, node: nodes.Element) -> None:
    lang = node.get("lang") or "en"
    anchor = node["ids"][0]
    self.body.append(self.starttag(node, "a", "", CLASS="pb", href="#" + anchor,
                                   **{"data-page": str(node["page"]), "data-precision": node["precision"],
                                      "aria-label": page_break_title(node["page"], lang, node["precision"]),
                                      "title": page_break_title(node["page"], lang, node["precision"])}))


def depart_page_break(self, node: nodes.Element) -> None:
    self.body.append("</a>")


HTML_VISITORS = {
    page_break: (visit_page_break, depart_page_break),
    pair_block: (visit_div, depart_div),
    styled_block: (visit_div, depart_div),
    lang_block: (visit_div, depart_div),
    lang_span: (visit_lang_span, depart_lang_span),
    note_block: (visit_note_block, depart_note_block),
    note_ref: (visit_note_ref, depart_note_ref),
    verdict_mark: (visit_verdict_mark, depart_verdict_mark),
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

"""Sphinx extension: the edition's markup for bilingual text, the paper's notes and claim marks.

Markup (in the MyST chapters)::

    :::::{pair} s1-p03
    :fp: 1a2b3c4d
    ::::{div} lang-en
    English paragraph with a note{note}`1` and a number {glue:text}`s1_x` {v}`s1_x`.
    ::::
    ::::{div} lang-ko
    같은 문단 …{note}`1` … {glue:text}`s1_x__ko` {v}`s1_x`.
    ::::
    :::::

    :::::{note-def} 1
    :fp: 9f8e7d6c
    ::::{div} lang-en
    On 11 September 2017, …
    ::::
    ::::{div} lang-ko
    2017년 9월 11일 …
    ::::
    :::::

Why an extension rather than footnotes: MyST renumbers footnotes 1..n per page, but readers
citing "note 28" must find note 28; and screen readers need ``lang`` on every block, which plain
``div`` containers do not carry.
"""
from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from . import __name__ as _pkg  # noqa: F401  (keeps the import graph explicit)

logger = logging.getLogger(__name__)

LANGS = ("en", "ko")
LEDGER_DOC = "chapters/ledger"
EDITORIAL_DOC = "chapters/editorial-notes"


def lang_of(classes: list[str]) -> str | None:
    """The language a block or span declares through its ``lang-xx`` class."""
    for cls in classes:
        if cls.startswith("lang-") and cls[5:] in LANGS:
            return cls[5:]
    return None


# --- HTML: lang attributes on every language block and span --------------------------------

def visit_container(self, node: nodes.Element) -> None:
    attrs: dict[str, str] = {}
    lang = lang_of(node["classes"])
    if lang:
        attrs["lang"] = lang
    tag = "aside" if "paper-note" in node["classes"] else "div"
    if tag == "aside":
        attrs["role"] = "note"
    self.body.append(self.starttag(node, tag, CLASS="docutils container", **attrs))
    node["_edition_tag"] = tag


def depart_container(self, node: nodes.Element) -> None:
    self.body.append(f"</{node.get('_edition_tag', 'div')}>\n")


def visit_inline(self, node: nodes.Element) -> None:
    lang = lang_of(node["classes"])
    attrs = {"lang": lang} if lang else {}
    self.body.append(self.starttag(node, "span", "", **attrs))


def depart_inline(self, node: nodes.Element) -> None:
    self.body.append("</span>")


# --- directives ------------------------------------------------------------------------------

def _check_children(directive: SphinxDirective, node: nodes.Element, what: str) -> None:
    """A pair or note must hold one English and one Korean block, in that order."""
    langs = [lang_of(c["classes"]) for c in node.children if isinstance(c, nodes.container)]
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
        node = nodes.container(classes=["pair", *self.options.get("class", [])])
        node["ids"].append(nodes.make_id(pid) if pid != nodes.make_id(pid) else pid)
        node["pair_id"] = pid
        self.set_source_info(node)
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
        if not num.isdigit():
            raise self.error(f"note-def takes the paper's note number, got {num!r}")
        node = nodes.container(classes=["margin", "paper-note"])
        node["ids"].append(f"note-{num}")
        node["note_number"] = int(num)
        self.set_source_info(node)
        label = nodes.paragraph(classes=["paper-note-num"])
        back = nodes.reference("", f"{num})", refuri=f"#noteref-{num}", classes=["note-backref"])
        back["note_number"] = int(num)
        label += back
        node += label
        self.state.nested_parse(self.content, self.content_offset, node)
        _check_children(self, node, "note-def")
        return [node]


class DataSourcesDirective(SphinxDirective):
    """The publications behind ``data/sourced_figures.csv``, each cited, with what it reports.

    Generated from the data so that a new row or source appears here (and in the bibliography)
    without anyone typing it, and so that every data source is really cited.
    """

    has_content = False

    def run(self) -> list[nodes.Node]:
        from docutils.statemachine import StringList

        from .data import package
        from .sources import source_lines

        self.env.note_dependency(str(package().base / "sourced_figures.csv"))
        lines = source_lines(package())
        node = nodes.container(classes=["data-sources"])
        self.state.nested_parse(StringList(lines, source=self.get_source_info()[0]),
                                self.content_offset, node)
        return [node]


# --- roles -----------------------------------------------------------------------------------

class NoteRole(SphinxRole):
    """A superscript marker "28)" linking to note 28, as the paper prints its markers."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        num = self.text.strip()
        if not num.isdigit():
            msg = self.inliner.reporter.error(f"note role takes a number, got {num!r}", line=self.lineno)
            return [], [msg]
        ref = nodes.reference("", f"{num})", refuri=f"#note-{num}", classes=["note-ref"])
        ref["note_ref"] = int(num)
        sup = nodes.superscript("", "", ref, classes=["note-ref-sup"])
        return [sup], []


class VerdictRole(SphinxRole):
    """The verdict mark beside a number: links to the claim's entry in the ledger."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        ref = nodes.reference("", "", classes=["verdict"])
        ref["claim_id"] = self.text.strip()
        return [ref], []


class SicRole(SphinxRole):
    """'[sic]' marker beside an author's slip, linking to its editorial note."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        ref = nodes.reference("", "[sic]", classes=["sic"])
        ref["editorial_id"] = self.text.strip()
        sup = nodes.superscript("", "", ref, classes=["sic-sup"])
        return [sup], []


# --- transforms ------------------------------------------------------------------------------

class NoteIds(SphinxTransform):
    """Give each note marker a unique id and point each note's back-link at its paragraph."""

    default_priority = 700

    def apply(self, **kwargs: Any) -> None:
        seen: dict[int, int] = {}
        first_pair: dict[int, str] = {}
        for ref in self.document.findall(nodes.reference):
            num = ref.get("note_ref")
            if num is None:
                continue
            n = seen[num] = seen.get(num, 0) + 1
            parent = ref.parent
            lang = None
            anc = parent
            while anc is not None:
                if isinstance(anc, nodes.container):
                    lang = lang or lang_of(anc["classes"])
                    if "pair" in anc["classes"] and num not in first_pair:
                        first_pair[num] = anc["ids"][0]
                anc = anc.parent
            parent["ids"].append(f"noteref-{num}" + ("" if n == 1 else f"-{lang or n}"))
        for back in self.document.findall(nodes.reference):
            num = back.get("note_number")
            if num is not None and "note-backref" in back["classes"]:
                back["refuri"] = f"#noteref-{num}"


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


class ResolveMarks(SphinxTransform):
    """Turn verdict and [sic] marks into links with the verdict read from the claims register."""

    default_priority = 800

    def apply(self, **kwargs: Any) -> None:
        from .marks import verdict_mark  # late import: loads data only when marks exist

        env = self.env
        docname = env.docname
        for ref in list(self.document.findall(nodes.reference)):
            if "claim_id" in ref.attributes:
                cid = ref["claim_id"]
                try:
                    mark = verdict_mark(cid)
                except KeyError:
                    logger.warning("unknown claim id %r in {v} role", cid, location=ref,
                                   type="edition", subtype="claim")
                    continue
                ref["refuri"] = _relative(env, docname, LEDGER_DOC) + f"#claim-{cid}"
                ref["classes"] += ["verdict-" + mark.slug]
                ref["reftitle"] = mark.title
                ref += nodes.inline("", mark.symbol, classes=["verdict-symbol"])
                ref += nodes.inline("", mark.label_en, classes=["visually-hidden", "lang-en"])
                ref += nodes.inline("", mark.label_ko, classes=["visually-hidden", "lang-ko"])
            elif "editorial_id" in ref.attributes:
                ref["refuri"] = _relative(env, docname, EDITORIAL_DOC) + f"#{ref['editorial_id']}"
                ref["reftitle"] = "Editorial note / 편집자 주"


def _relative(env, fromdoc: str, todoc: str) -> str:
    """Relative URL from one page to another, as the HTML builder lays them out."""
    from_parts = fromdoc.split("/")[:-1]
    to_parts = todoc.split("/")
    i = 0
    while i < len(from_parts) and i < len(to_parts) - 1 and from_parts[i] == to_parts[i]:
        i += 1
    return "/".join([".."] * (len(from_parts) - i) + to_parts[i:]) + ".html"


# --- set-up ----------------------------------------------------------------------------------

def _register_bib_style() -> None:
    from sphinxcontrib.bibtex.plugin import register_plugin

    from .bibstyle import PaperReferenceStyle

    register_plugin(
        "sphinxcontrib.bibtex.style.referencing", "paper", PaperReferenceStyle, force=True
    )


def setup(app: Sphinx) -> dict[str, Any]:
    _register_bib_style()
    app.add_node(nodes.container, override=True, html=(visit_container, depart_container))
    app.add_node(nodes.inline, override=True, html=(visit_inline, depart_inline))
    app.add_directive("pair", PairDirective)
    app.add_directive("note-def", NoteDefDirective)
    app.add_directive("data-sources", DataSourcesDirective)
    app.add_role("note", NoteRole())
    app.add_role("v", VerdictRole())
    app.add_role("sic", SicRole())
    app.add_transform(NoteIds)
    app.add_transform(UnescapeUrls)
    app.add_transform(ResolveMarks)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}


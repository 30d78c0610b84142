"""Korean connectors in citations that stand inside Korean text.

A ``{cite:p}`` renders the same in both languages (edition/site/bibstyle.py), so a Korean paragraph
showed "(Hufbauer, Schott, and Elliott 1990, 92–93)", "Choi et al. 2015", "n.d.", "Interview" and
"but see". Korean academic style keeps the authors' names and years and changes only the words
between them: A·B·C for "A, B, and C", "외" for "et al.", "연도 미상" for "n.d.", "인터뷰" for an
interview, "반론:" for "but see", and the Korean name of an outlet the notes give in Korean.

How: after references are resolved (``doctree-resolved``), every citation (``span.bibtex-citation``)
inside a Korean block (``lang-ko``) has its text nodes rewritten; the links, their targets and the
hover text (the bibliography entry, in the language it was published in) are untouched. English
blocks and the bibliography page are not touched.
"""
from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

#: Whole words of the author slot and the year, as the English style prints them.
WORDS_KO = {
    "n.d.": "연도 미상",
    "Interview": "인터뷰",
    "Korea International Trade Association (KITA.NET)": "한국무역협회(KITA.NET)",
}
#: Text before a reference ("but see Drezner 2000").
PRE_KO = {"but see": "반론:"}
_AND3 = re.compile(r",\s+and\s+")
_AND = re.compile(r"\s+and\s+")
_COMMA_NAMES = re.compile(r"(?<=[A-Za-z]),\s+(?=[A-Z][A-Za-z’'\-]+(?:·|\s+\d|\s+연도|$))")


def korean_text(text: str) -> str:
    """The Korean form of one text node of a citation."""
    out = text
    for en, ko in WORDS_KO.items():
        out = out.replace(en, ko)
    for en, ko in PRE_KO.items():
        out = re.sub(rf"(^|[(;]\s*){re.escape(en)}(?=\s|$)", lambda m: m.group(1) + ko, out)
    out = _AND3.sub("·", out)
    out = _AND.sub("·", out)
    return _COMMA_NAMES.sub("·", out)


def _korean_citation(node: nodes.Element) -> None:
    for em in list(node.findall(nodes.emphasis)):
        if em.astext().strip() == "et al.":
            em.replace_self(nodes.Text("외"))
    for text in list(node.findall(nodes.Text)):
        new = korean_text(str(text))
        if new != str(text):
            text.parent.replace(text, nodes.Text(new))


def _in_korean(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.Element) and "lang-ko" in parent.get("classes", []):
            return True
        if isinstance(parent, nodes.Element) and "lang-en" in parent.get("classes", []):
            return False
        parent = parent.parent
    return False


def korean_citations(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Rewrite the connectors of every citation inside a Korean block of *doctree*."""
    for node in list(doctree.findall(nodes.inline)):
        if "bibtex-citation" in node.get("classes", []) and _in_korean(node):
            _korean_citation(node)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-resolved", korean_citations)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}

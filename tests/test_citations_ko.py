"""Citations inside Korean blocks read with Korean connectors; English blocks are untouched."""
from __future__ import annotations

from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from edition.site.citations_ko import korean_citations, korean_text


def _citation(*children: nodes.Node) -> nodes.inline:
    return nodes.inline("", "", *children, classes=["bibtex-citation"])


def _ref(*children: nodes.Node) -> nodes.reference:
    return nodes.reference("", "", *children, refuri="references.html#id8", reftitle="J. Choi, …")


def _doc(lang: str) -> tuple[nodes.document, nodes.paragraph]:
    doc = new_document("test", get_default_settings(Parser))
    para = nodes.paragraph("", "")
    para += _citation(nodes.Text("(but see "), _ref(nodes.Text("Drezner 2000")), nodes.Text("; "),
                      _ref(nodes.Text("Choi "), nodes.emphasis("", "et al."), nodes.Text(" 2015")),
                      nodes.Text("; "), _ref(nodes.Text("Hufbauer, Schott, and Elliott 1990")),
                      nodes.Text(", 92–93; "), _ref(nodes.emphasis("", "Interview"), nodes.Text(" 2018")),
                      nodes.Text("; "),
                      _ref(nodes.emphasis("", "Korea International Trade Association (KITA.NET)"),
                           nodes.Text(" n.d.")), nodes.Text(")"))
    doc += nodes.container("", para, classes=[f"lang-{lang}"])
    return doc, para


def test_korean_block_gets_korean_connectors():
    doc, para = _doc("ko")
    korean_citations(None, doc, "x")
    assert para.astext() == ("(반론: Drezner 2000; Choi 외 2015; Hufbauer·Schott·Elliott 1990, 92–93; "
                             "인터뷰 2018; 한국무역협회(KITA.NET) 연도 미상)")
    # links and their hover text survive
    refs = list(para.findall(nodes.reference))
    assert len(refs) == 5 and all(r["refuri"] == "references.html#id8" for r in refs)


def test_english_block_is_untouched():
    doc, para = _doc("en")
    before = para.astext()
    korean_citations(None, doc, "x")
    assert para.astext() == before
    assert "but see" in before and "et al." in before


def test_text_rules():
    assert korean_text("Lee, Lee, and Kim 2019") == "Lee·Lee·Kim 2019"
    assert korean_text("Bae and Yoon") == "Bae·Yoon"
    assert korean_text(", 639; ") == ", 639; "
    assert korean_text("Kim 2020, 13–19") == "Kim 2020, 13–19"

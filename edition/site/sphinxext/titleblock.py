"""``{edition-title}``: the front page says at once what the reader has before them.

Under the article's title: that this is an edition of the article (the original's citation,
from ``references.bib`` through :func:`edition.render.citing.article_reference`), which version of the
edition (``CITATION.cff``), and under what terms the reproduced text stands (``LICENSE``).
Short enough to sit on a phone's first screen with the title.
"""
from __future__ import annotations

import datetime as dt

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from .nodes import lang_block, styled_block

WHAT = {"en": "An executable, bilingual (English / Korean) edition of the article",
        "ko": "다음 논문의 실행 가능한 영한 이중언어 편집본"}
VERSION = {"en": "Edition version {version}, released {date}.",
           "ko": "편집본 버전 {version}, {date} 공개."}
RIGHTS = {"en": "The article's text is the authors', reproduced for scholarly study; it is not covered "
                "by the edition's licences. The edition's translation, data and apparatus: CC BY 4.0; its code: MIT.",
          "ko": "논문 본문은 저자들의 것으로, 학술 연구를 위해 재수록하였으며 편집본의 이용 허락 대상이 아니다. "
                "편집본의 번역·자료·편집 장치는 CC BY 4.0, 코드는 MIT를 따른다."}
CITE = {"en": "How to cite", "ko": "인용 방법"}


def _doc_link(target: str, text: str) -> addnodes.pending_xref:
    return addnodes.pending_xref("", nodes.inline("", text), refdomain="std", reftype="doc",
                                 reftarget=target, refexplicit=True, refwarn=True)


class EditionTitleDirective(SphinxDirective):
    """The title block: what this is, the original's citation, the version, the rights."""

    has_content = False
    optional_arguments = 0

    def run(self) -> list[nodes.Node]:
        from ...render.citing import CFF, article_reference, citation_cff
        from ...core.fmt import en_date, ko_date

        self.env.note_dependency(str(CFF))
        cff = citation_cff()
        released = cff.get("date-released")
        day = released if isinstance(released, dt.date) else dt.date.fromisoformat(str(released))
        ref = article_reference()
        box = styled_block(classes=["edition-title-block"])
        for lang in ("en", "ko"):
            block = lang_block(classes=[f"lang-{lang}"], support_smartquotes=False)
            what = nodes.paragraph(classes=["etb-what"])
            what += nodes.Text(WHAT[lang] + ":")
            block += what
            block += nodes.paragraph("", ref, classes=["etb-original"])
            date = en_date(day) if lang == "en" else ko_date(day)
            version = nodes.paragraph(classes=["etb-version"])
            version += nodes.Text(VERSION[lang].format(version=cff["version"], date=date) + " ")
            version += _doc_link("/chapters/how-to-cite", CITE[lang])
            version += nodes.Text(".")
            block += version
            block += nodes.paragraph("", RIGHTS[lang], classes=["etb-rights"])
            box += block
        return [box]

"""Where a mark sits in the line: one mark per figure, glued to its word, after a Korean particle.

Post-transform over the marks the roles made (:mod:`.markup`), once the glued numbers are in
place:

* a ``{v}`` mark followed by ``{rel}`` marks becomes one mark: the claim's verdict, with "⇄≠"
  added when one of the paper's own figures contradicts it; the relations ride along as data
  for the preview (``data-relations``);
* the space before a mark goes, so a line can never begin with one (the stylesheet starts the
  mark with a word joiner and a small margin);
* in Korean, a particle written after the mark ("10억 달러{v}`x`에서") moves before it
  ("10억 달러에서" + mark): the mark follows the word as read, never splits it.
"""
from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from .nodes import lang_of, sic_mark, verdict_mark

#: Hangul syllables written straight after a mark: a particle or ending of the word before it.
_PARTICLE = re.compile(r"^[\uac00-\ud7a3]+")


def block_lang(node: nodes.Node) -> str | None:
    """The language of the nearest block or span around ``node`` that declares one."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.Element):
            lang = lang_of(parent.get("classes", []))
            if lang:
                return lang
        parent = parent.parent
    return None


def position(parent: nodes.Element, node: nodes.Node) -> int:
    """Where ``node`` is among ``parent``'s children, by identity: ``Element.index`` compares, and
    two Text nodes with the same words (a space) are equal."""
    return next(i for i, c in enumerate(parent.children) if c is node)


def attached(node: nodes.Node) -> bool:
    """Still in the document: docutils leaves ``parent`` set on a node it removed."""
    parent = node.parent
    return parent is not None and any(c is node for c in parent.children)


def _is_relation_sup(node: nodes.Node) -> bool:
    return isinstance(node, nodes.superscript) and "relation-sup" in node["classes"]


def _relation_after(parent: nodes.Element, i: int) -> tuple[int, list[verdict_mark]] | None:
    """The relation marks right after child ``i`` (a ``{rel}`` superscript, or a bare relation
    mark as Table 2 writes them, spaces between allowed): how many children they take."""
    from ...verdicts import judge

    j = i + 1
    while j < len(parent) and isinstance(parent[j], nodes.Text) and not parent[j].astext().strip():
        j += 1
    if j >= len(parent):
        return None
    nxt = parent[j]
    if _is_relation_sup(nxt):
        return j - i, [r for r in nxt.findall(verdict_mark) if "verdict" in r]
    if isinstance(nxt, verdict_mark) and nxt.get("verdict") in judge.RELATION_VERDICTS:
        return j - i, [nxt]
    return None


def merge_relations(mark: verdict_mark) -> None:
    """Fold the relation marks written right after a claim's mark into it."""
    from ...verdicts import judge

    if mark.get("verdict") in judge.RELATION_VERDICTS:
        return
    parent = mark.parent
    rels: list[tuple[str, str]] = []
    while True:
        i = position(parent, mark)
        found = _relation_after(parent, i)
        if found is None:
            break
        span, marks = found
        for rel in marks:
            rels.append((rel.get("relation_id") or rel.get("target_label", ""), rel["verdict"]))
        for _ in range(span):
            del parent[i + 1]
    if rels:
        from ...verdicts.judge import combined_symbol

        mark["relations"] = [r for r, _ in rels]
        mark["symbol"] = combined_symbol(mark["verdict"], [v for _, v in rels])
        if judge.INTERNAL_BAD in [v for _, v in rels]:
            mark["classes"].append("has-inconsistent")


def glue_to_word(unit: nodes.Node) -> None:
    """Drop the whitespace before ``unit``: no line break can fall between a word and its mark."""
    parent = unit.parent
    i = position(parent, unit)
    prev = parent[i - 1] if i > 0 else None
    if isinstance(prev, nodes.Text) and prev.astext() != prev.astext().rstrip():
        kept = prev.astext().rstrip()
        if kept:
            parent[i - 1] = nodes.Text(kept)
        else:
            del parent[i - 1]


def particle_first(unit: nodes.Node) -> None:
    """Move a Korean particle written after ``unit`` to before it."""
    parent = unit.parent
    i = position(parent, unit)
    nxt = parent[i + 1] if i + 1 < len(parent) else None
    if not isinstance(nxt, nodes.Text):
        return
    m = _PARTICLE.match(nxt.astext())
    if not m:
        return
    rest = nxt.astext()[m.end():]
    if rest:
        parent[i + 1] = nodes.Text(rest)
    else:
        del parent[i + 1]
    parent.insert(i, nodes.Text(m.group(0)))


class PlaceMarks(SphinxPostTransform):
    """One mark per figure, glued to its word, after the Korean particle (see module doc).

    A post-transform (priority 10): it must see the glued numbers in place, which myst-nb puts
    in after reading, and it must run before the marks are linked (:class:`.marks.ResolveMarks`).
    """

    default_priority = 10

    def run(self, **kwargs: Any) -> None:
        for mark in list(self.document.findall(verdict_mark)):
            if mark.parent is None or "verdict" not in mark:
                continue
            lang = block_lang(mark)
            mark["lang"] = lang
            unit = mark.parent if _is_relation_sup(mark.parent) else mark
            if unit is mark:
                merge_relations(mark)
            self._place(unit, lang)
        for sic in list(self.document.findall(sic_mark)):
            unit = sic.parent if isinstance(sic.parent, nodes.superscript) else sic
            self._place(unit, block_lang(sic))

    @staticmethod
    def _place(unit: nodes.Node, lang: str | None) -> None:
        if not attached(unit):
            return
        glue_to_word(unit)
        if lang == "ko":
            particle_first(unit)


class marks_key(nodes.General, nodes.Element):
    """The key to the marks at the head of a section page; its HTML is drawn by the visitor, so
    none of its words enter the search index or the page's text (they are not the paper's)."""


KEY_TITLE = {"en": "Key to the marks", "ko": "표시 안내"}
KEY_INTRO = {
    "en": "Beside a figure, one mark gives the edition's check of it; point at it, focus it or tap it "
          "for the sources. [sic] and [?] mark the authors' slips and open questions; a bar with a "
          "number in the margin is where a page of the original article begins.",
    "ko": "수치 옆의 표시 하나가 편집본의 검증 결과를 알려 준다. 표시에 마우스를 올리거나 초점을 두거나 "
          "누르면 출처가 보인다. [sic]·[?] 표시는 저자의 실수와 확인되지 않은 점을, 여백의 세로줄과 숫자는 "
          "원문 논문의 쪽이 시작되는 곳을 나타낸다.",
}


def key_html() -> str:
    """Both languages' key: every verdict's symbol and label, as the marks show them."""
    from ...core import escape
    from ...verdicts import judge
    from ...verdicts.judge import mark_for

    def one(lang: str) -> str:
        items = []
        for verdict in judge.VERDICTS + judge.RELATION_VERDICTS:
            m = mark_for(verdict)
            items.append(f'<li><span class="verdict verdict-{escape.attr(m.slug)}" aria-hidden="true">'
                         f'{escape.text(m.symbol)}</span> {escape.text(m.label_en if lang == "en" else m.label_ko)}</li>')
        return (f'<div class="lang-{lang}" lang="{lang}"><p>{escape.text(KEY_INTRO[lang])}</p>'
                f'<ul class="marks-key-list">{"".join(items)}</ul></div>')

    summary = (f'<summary><span class="lang-en" lang="en">{KEY_TITLE["en"]}</span> '
               f'<span class="lang-ko" lang="ko">{KEY_TITLE["ko"]}</span></summary>')
    # In a <template>: the page's text (what search snippets and a copied page read) holds the
    # paper's words only; _static/edition.js puts the key in place with the marks control.
    return (f'<div class="marks-key-box" data-marks-key><template>'
            f'<div class="marks-control" data-marks-control></div>'
            f'<details class="marks-key">{summary}{one("en")}{one("ko")}</details></template></div>\n')


def visit_marks_key(self, node: nodes.Element) -> None:
    self.body.append(key_html())
    raise nodes.SkipNode


class MarksKey(SphinxTransform):
    """A key to the marks under the title of every page whose text carries verdict marks."""

    default_priority = 665

    def apply(self, **kwargs: Any) -> None:
        if not any("verdict" in m for m in self.document.findall(verdict_mark)):
            return
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is None or not section.children or not isinstance(section[0], nodes.title):
            return
        section.insert(1, marks_key())

"""The paper's author–date style for sphinxcontrib-bibtex.

The journal prints "(Hufbauer, Schott, and Elliott 1990, 92–93)": round brackets, every author
up to three, "et al." from four, no comma between author and year, a comma before the page
locator and a semicolon between works. sphinxcontrib-bibtex's author_year style differs on each
point, so the edition registers its own referencing style.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, List

from pybtex.richtext import Tag, Text
from pybtex.style.template import FieldIsMissing, field as bib_field, first_of, optional, tag
from sphinxcontrib.bibtex.style.referencing import BracketStyle, GroupReferenceStyle
from sphinxcontrib.bibtex.style.referencing import BaseReferenceStyle
from sphinxcontrib.bibtex.style.template import join, join2, node, post_text, pre_text, reference, year

MAX_NAMED_AUTHORS = 3


@node
def paper_names(children, data, role: str):
    """Surnames as the paper prints them: all up to three, then 'First et al.'."""
    assert not children
    try:
        persons = data["entry"].persons[role]
    except KeyError:
        raise FieldIsMissing(role, data["entry"])
    surnames = [Text(" ").join([*p.rich_prelast_names, *p.rich_last_names]) for p in persons]
    if len(surnames) > MAX_NAMED_AUTHORS:
        return Text(surnames[0], " ", Tag("em", "et al."))
    if len(surnames) == 1:
        return surnames[0]
    if len(surnames) == 2:
        return Text(surnames[0], " and ", surnames[1])
    return Text(Text(", ").join(surnames[:-1]), ", and ", surnames[-1])


@node
def paper_author(children, data):
    """Author, else editor, else the outlet (howpublished) for news items, else the title."""
    assert not children
    return first_of[
        optional[paper_names(role="author")],
        optional[paper_names(role="editor")],
        optional[tag("em")[bib_field("howpublished")]],
        tag("em")[bib_field("title")],
    ].format_data(data)


@dataclass
class _Parenthetical(BaseReferenceStyle):
    bracket: BracketStyle = field(default_factory=BracketStyle)

    def role_names(self) -> Iterable[str]:
        return ["p", "ps", "alp", "alps"]

    def outer(self, role_name: str, children: List) -> "Node":
        return self.bracket.outer(children, brackets="al" not in role_name, capfirst=False)

    def inner(self, role_name: str):
        return join2(sep1=" ", sep2=", ")[
            pre_text, reference[join(sep=" ")[paper_author, year]], post_text
        ]


@dataclass
class _Textual(BaseReferenceStyle):
    """'Kim (2020, 13–19)': the textual form used where the paper names the author in prose."""

    bracket: BracketStyle = field(default_factory=BracketStyle)

    def role_names(self) -> Iterable[str]:
        return ["t", "ts"]

    def outer(self, role_name: str, children: List) -> "Node":
        return self.bracket.outer(children, brackets=False, capfirst=False)

    def inner(self, role_name: str):
        return join[
            reference[paper_author],
            " ",
            self.bracket.left,
            join2(sep1=" ", sep2=", ")[pre_text, reference[year], post_text],
            self.bracket.right,
        ]


@dataclass
class _YearOnly(BaseReferenceStyle):
    """'(2020)' after an author named in prose: "Seung-Jae Kim's (2020) research"."""

    bracket: BracketStyle = field(default_factory=BracketStyle)

    def role_names(self) -> Iterable[str]:
        return ["year", "yearpar"]

    def outer(self, role_name: str, children: List) -> "Node":
        return self.bracket.outer(children, brackets="par" in role_name, capfirst=False)

    def inner(self, role_name: str):
        return join2(sep1=" ", sep2=", ")[pre_text, reference[year], post_text]


def _round() -> BracketStyle:
    return BracketStyle(left="(", right=")", sep="; ", sep2="; ", last_sep="; ")


@dataclass
class PaperReferenceStyle(GroupReferenceStyle):
    """Group of the three forms the paper uses, all with round brackets."""

    def __post_init__(self):
        self.styles.extend([
            _Parenthetical(bracket=_round()),
            _Textual(bracket=_round()),
            _YearOnly(bracket=_round()),
        ])
        super().__post_init__()


# --- the bibliography's formatting style: only http, https and mailto URLs become links ----------

def _safe_formatting_style():
    """pybtex's ``plain`` style, except that a ``url`` field whose scheme is not http, https or
    mailto (``javascript:``, ``data:``, …) is printed as inert text, never as a link, and a
    warning names the entry (so the strict build refuses it)."""
    from pybtex.style.formatting.plain import Style as Plain
    from pybtex.style.template import field as raw_field, words
    from sphinx.util import logging

    from ..core.escape import safe_url

    logger = logging.getLogger(__name__)

    class SafeLinkStyle(Plain):
        default_name_style = Plain.default_name_style

        def format_url(self, e):
            url = e.fields.get("url")
            if url is not None and safe_url(url) is None:
                logger.warning("references.bib entry %r: url %r is not an http, https or mailto URL; "
                               "shown as text, not as a link", e.key, url,
                               type="edition", subtype="url")
                return words["URL:", raw_field("url")]
            return super().format_url(e)

    return SafeLinkStyle


def register_formatting_style() -> None:
    """Register the style as ``edition`` (``bibtex_default_style: edition`` in _config.yml)."""
    from pybtex.plugin import register_plugin

    register_plugin("pybtex.style.formatting", "edition", _safe_formatting_style(), force=True)

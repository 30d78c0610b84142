"""Verdict marks: the symbol and labels a reader sees beside each number in the prose.

The words and symbols live in :data:`edition.verdicts.judge.VOCABULARY`; this module only shapes them
into the mark a page shows.

A mark carries no text of its own. Its symbol is drawn by the stylesheet from ``data-symbol``
(``a.verdict::before``), so selecting and copying a sentence, the search index and its snippets
(which read the page's text) get the paper's words only; the label is the link's accessible name
(``aria-label``, in the language of the block the mark stands in) and its hover title, and the
full account is in the mark's preview and the ledger.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import judge


@dataclass(frozen=True)
class Mark:
    slug: str
    symbol: str
    label_en: str
    label_ko: str
    short_en: str = ""
    short_ko: str = ""

    @property
    def title(self) -> str:
        """The hover text: both languages, since the mark sits in either."""
        return f"{self.label_en} / {self.label_ko}"

    def label(self, lang: str | None) -> str:
        """The short name in the block's language (both when the block has none): the link's
        accessible name and the words "in full" mode shows."""
        en, ko = self.short_en or self.label_en, self.short_ko or self.label_ko
        if lang == "en":
            return en
        if lang == "ko":
            return ko
        return f"{en} / {ko}"


def mark_for(verdict: str) -> Mark:
    v = judge.vocabulary(verdict)
    return Mark(v.slug, v.symbol, v.label_en, v.label_ko, v.name, v.name_ko)


def combined_symbol(verdict: str, relation_verdicts: list[str]) -> str:
    """One mark per figure: the claim's symbol, plus "⇄≠" when one of the paper's own figures
    contradicts it (relations that agree are told in the preview, not drawn)."""
    symbol = mark_for(verdict).symbol
    if judge.INTERNAL_BAD in relation_verdicts:
        symbol += mark_for(judge.INTERNAL_BAD).symbol
    return symbol


def html_attrs(mark: Mark, lang: str | None, symbol: str | None = None) -> dict[str, str]:
    """The attributes that make an empty ``<a class="verdict">`` a mark (values unescaped)."""
    return {"data-symbol": symbol or mark.symbol, "title": mark.title, "aria-label": mark.label(lang)}

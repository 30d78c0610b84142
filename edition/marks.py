"""Verdict marks: the symbol and labels a reader sees beside each number in the prose.

The words and symbols live in :data:`edition.judge.VOCABULARY`; this module only shapes them
into the mark a page shows.
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

    @property
    def title(self) -> str:
        """The hover text: both languages, since the mark sits in either."""
        return f"{self.label_en} / {self.label_ko}"


def mark_for(verdict: str) -> Mark:
    v = judge.vocabulary(verdict)
    return Mark(v.slug, v.symbol, v.label_en, v.label_ko)

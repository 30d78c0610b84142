"""Verdict marks: the symbol and labels a reader sees beside each number."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mark:
    slug: str
    symbol: str
    label_en: str
    label_ko: str
    title: str


def verdict_mark(claim_id: str) -> Mark:
    raise KeyError(claim_id)

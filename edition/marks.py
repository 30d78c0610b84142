"""Verdict marks: the symbol and labels a reader sees beside each number in the prose."""
from __future__ import annotations

from dataclasses import dataclass

from . import judge

SYMBOLS = {
    judge.MATCHES: ("✓", "recomputed: matches", "재계산: 일치"),
    judge.TRUNCATED: ("✓↓", "recomputed: matches only if truncated", "재계산: 버림 시에만 일치"),
    judge.DIFFERS: ("≠", "recomputed: differs", "재계산: 불일치"),
    judge.CONSISTENT: ("≈", "consistent with independent sources", "독립 출처와 부합"),
    judge.CONFLICTS: ("⚠", "conflicts with independent sources", "독립 출처와 상충"),
    judge.SOURCED: ("○", "sourced only: nothing independent to check against", "출처만 있음: 독립 검증 자료 없음"),
    judge.DISAGREE: ("⇋", "sources disagree: the best-ranked sources on the same basis differ",
                     "출처 간 불일치: 같은 기준의 최상위 출처끼리 서로 다름"),
    judge.ROUGH: ("≈?", "agrees only with a rougher source: the printed precision is not confirmed",
                  "정밀도가 낮은 출처와만 부합: 표기 정밀도는 확인되지 않음"),
    judge.INTERNAL_OK: ("⇄", "consistent with the paper's own figures", "논문의 다른 수치와 부합"),
    judge.INTERNAL_BAD: ("⇄≠", "inconsistent with the paper's own figures", "논문의 다른 수치와 어긋남"),
}


@dataclass(frozen=True)
class Mark:
    slug: str
    symbol: str
    label_en: str
    label_ko: str
    title: str


def mark_for(verdict: str) -> Mark:
    symbol, en, ko = SYMBOLS[verdict]
    return Mark(judge.SLUGS[verdict], symbol, en, ko, f"{en} / {ko}")


def verdict_mark(claim_id: str) -> Mark:
    """The mark for a claim, from the verdict computed now (KeyError for an unknown id)."""
    from .claims import by_id

    return mark_for(by_id()[claim_id].verdict)

"""Rounding-aware judgement of a printed number against a recomputed one (statcheck/GRIM style).

The printed precision sets the tolerance: "$5.63 billion" claims a value in [5.625, 5.635) billion.
A printed figure that only the truncated recomputation reproduces (Table 1's "88.31" for 88.3195)
is reported as such rather than as a match or a mismatch, because it tells the reader how the
authors' tables were made.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

MATCHES = "matches"
TRUNCATED = "matches only if truncated"
DIFFERS = "differs"
CONSISTENT = "consistent with independent sources"
CONFLICTS = "conflicts with independent sources"
SOURCED = "sourced only"
# Outcomes of the authority- and basis-aware policy (edition.policy): the best-ranked sources on
# the claim's basis disagree among themselves; or only a source rougher than the printed figure
# is on the claim's basis, so it can be compatible but cannot confirm the printed precision.
DISAGREE = "sources disagree"
ROUGH = "agrees only with a rougher source"
# Verdicts of the paper checked against itself (edition.relations).
INTERNAL_OK = "consistent with the paper's own figures"
INTERNAL_BAD = "inconsistent with the paper's own figures"
VERDICTS = (MATCHES, TRUNCATED, DIFFERS, CONSISTENT, DISAGREE, ROUGH, CONFLICTS, SOURCED)
RELATION_VERDICTS = (INTERNAL_OK, INTERNAL_BAD)
SLUGS = {MATCHES: "matches", TRUNCATED: "truncated", DIFFERS: "differs",
         CONSISTENT: "consistent", CONFLICTS: "conflicts", SOURCED: "sourced",
         DISAGREE: "disagree", ROUGH: "rough",
         INTERNAL_OK: "internal", INTERNAL_BAD: "inconsistent"}
COMPARATORS = ("=", ">", "<", "<=")
# The verdicts' names in Korean, for the ledger and every other bilingual listing.
VERDICT_KO = {MATCHES: "일치", TRUNCATED: "버림 시에만 일치", DIFFERS: "불일치",
              CONSISTENT: "독립 출처와 부합", CONFLICTS: "독립 출처와 상충", SOURCED: "출처만 있음",
              DISAGREE: "출처 간 불일치", ROUGH: "정밀도가 낮은 출처와만 부합",
              INTERNAL_OK: "논문의 다른 수치와 부합", INTERNAL_BAD: "논문의 다른 수치와 어긋남"}


@dataclass(frozen=True)
class Comparison:
    verdict: str          # MATCHES, TRUNCATED or DIFFERS
    rounded: Decimal      # the recomputed value rounded to the printed precision
    truncated: Decimal    # … and truncated to it


def _d(x) -> Decimal:
    return x if isinstance(x, Decimal) else Decimal(str(x))


def to_step(x: Decimal, step: Decimal, rounding: str) -> Decimal:
    """x expressed to the precision `step`, using the given rounding rule."""
    return (x / step).quantize(Decimal(1), rounding=rounding) * step


def compare(printed, step, recomputed, comparator: str = "=") -> Comparison:
    """Does the printed value follow from the recomputed one at the printed precision?"""
    if comparator not in COMPARATORS:
        raise ValueError(f"unknown comparator {comparator!r}; expected one of {COMPARATORS}")
    printed, step, recomputed = _d(printed), _d(step), _d(recomputed)
    if step <= 0:
        raise ValueError(f"precision step must be positive, got {step}")
    rounded = to_step(recomputed, step, ROUND_HALF_UP)
    truncated = to_step(recomputed, step, ROUND_DOWN)
    if comparator == ">":
        verdict = MATCHES if recomputed > printed else DIFFERS
    elif comparator == "<":
        verdict = MATCHES if recomputed < printed else DIFFERS
    elif comparator == "<=":
        verdict = MATCHES if recomputed <= printed or rounded == printed else DIFFERS
    elif rounded == printed or to_step(recomputed, step, ROUND_HALF_EVEN) == printed:
        verdict = MATCHES
    elif truncated == printed:
        verdict = TRUNCATED
    else:
        verdict = DIFFERS
    return Comparison(verdict, rounded, truncated)


PRINTED_AS = {MATCHES: "rounded", TRUNCATED: "truncated", DIFFERS: "neither"}


def printed_as(printed, step, recomputed) -> str:
    """How a printed figure was obtained from the recomputed one: 'rounded', 'truncated' or 'neither'."""
    return PRINTED_AS[compare(printed, step, recomputed).verdict]


def agrees(printed, step, source_value, source_step, comparator: str = "=") -> bool:
    """An independent figure agrees when either number, at its own precision, gives the other.

    A source printing "about 800" (step 100 or 1) and a paper printing "$799 million" agree;
    so do a source at 2,440.3 and a paper at "$2.44 billion". Truncation counts as agreement
    here, because the verdict is about the figure, not the authors' rounding.
    """
    forward = compare(printed, step, source_value, comparator).verdict
    if forward in (MATCHES, TRUNCATED):
        return True
    if comparator != "=":
        return False
    backward = compare(source_value, source_step, printed, "=").verdict
    return backward in (MATCHES, TRUNCATED)

"""Rounding-aware judgement of a printed number against a recomputed one (statcheck/GRIM style),
and the verdicts' vocabulary and marks.

The printed precision sets the tolerance: "$5.63 billion" claims a value in [5.625, 5.635) billion.
A printed figure that only the truncated recomputation reproduces (Table 1's "88.31" for 88.3195)
is reported as such rather than as a match or a mismatch, because it tells the reader how the
authors' tables were made.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from ..core.decimals import to_decimal

MATCHES = "matches"
TRUNCATED = "matches only if truncated"
DIFFERS = "differs"
CONSISTENT = "consistent with independent sources"
CONFLICTS = "conflicts with independent sources"
SOURCED = "sourced only"
# Outcomes of the authority- and basis-aware policy (edition.verdicts.policy): the best-ranked sources on
# the claim's basis disagree among themselves; or only a source rougher than the printed figure
# is on the claim's basis, so it can be compatible but cannot confirm the printed precision.
DISAGREE = "sources disagree"
ROUGH = "agrees only with a rougher source"
# Verdicts of the paper checked against itself (edition.verdicts.relations).
INTERNAL_OK = "consistent with the paper's own figures"
INTERNAL_BAD = "inconsistent with the paper's own figures"
# A relation that some readings of the printed precision satisfy and others do not (a year set
# against a day of that year): neither consistent nor inconsistent, and never marked as an error.
UNDETERMINED = "undetermined at the printed precision"
# A claim whose only disagreeing evidence cannot decide it: the difference lies within the known
# spread between releases (vintages) of the best-ranked statistics, or the only contrary figure is
# a single low-ranked secondary report (edition.verdicts.policy).
UNDECIDED = "not decided by the sources"
COMPARATORS = ("=", ">", "<", "<=")


@dataclass(frozen=True)
class Verdict:
    """One verdict's vocabulary: what the register, the ledger and the marks call it."""

    name: str        # the English name, as recorded in data/claims.csv (relations.csv)
    slug: str        # CSS class suffix (``verdict-<slug>``), file-safe, no hyphen
    symbol: str      # the mark beside the number in the text
    label_en: str    # the mark's spoken/hover label
    name_ko: str     # the Korean name (ledger, lists)
    label_ko: str    # the mark's Korean label
    of: str = "claim"  # "claim" (claims.csv) or "relation" (relations.csv)


#: The one table of verdicts, in the order the ledger lists them. A new verdict is a new row here
#: (plus a colour for its slug in _static/edition.css).
VOCABULARY = (
    Verdict(MATCHES, "matches", "✓", "recomputed: matches", "일치", "재계산: 일치"),
    Verdict(TRUNCATED, "truncated", "✓↓", "recomputed: matches only if truncated",
            "버림 시에만 일치", "재계산: 버림 시에만 일치"),
    Verdict(DIFFERS, "differs", "≠", "recomputed: differs", "불일치", "재계산: 불일치"),
    Verdict(CONSISTENT, "consistent", "≈", "consistent with independent sources",
            "독립 출처와 부합", "독립 출처와 부합"),
    Verdict(DISAGREE, "disagree", "⇋", "sources disagree: the best-ranked sources on the same basis differ",
            "출처 간 불일치", "출처 간 불일치: 같은 기준의 최상위 출처끼리 서로 다름"),
    Verdict(ROUGH, "rough", "≈?", "agrees only with a rougher source: the printed precision is not confirmed",
            "정밀도가 낮은 출처와만 부합", "정밀도가 낮은 출처와만 부합: 표기 정밀도는 확인되지 않음"),
    Verdict(CONFLICTS, "conflicts", "⚠", "conflicts with independent sources",
            "독립 출처와 상충", "독립 출처와 상충"),
    Verdict(UNDECIDED, "undecided", "≈|",
            "not decided by the sources: the difference is within the spread between releases of the "
            "same statistics, or rests on one low-ranked secondary report",
            "출처로 판정할 수 없음", "출처로 판정할 수 없음: 차이가 같은 통계의 발표 시점 간 편차 안에 있거나 "
            "하위 순위 2차 보도 하나에만 근거함"),
    Verdict(SOURCED, "sourced", "○", "sourced only: nothing independent to check against",
            "대조 자료 없음", "대조 자료 없음: 논문 외에 검증할 독립 자료가 없음"),
    Verdict(INTERNAL_OK, "internal", "⇄", "consistent with the paper's own figures",
            "논문의 다른 수치와 부합", "논문의 다른 수치와 부합", of="relation"),
    Verdict(UNDETERMINED, "undetermined", "⇄?",
            "undetermined at the printed precision: some readings of the printed figures or dates satisfy "
            "the relation and others do not",
            "표기 정밀도로는 판정할 수 없음", "표기 정밀도로는 판정할 수 없음: 인쇄된 수치나 날짜를 읽는 방법에 따라 "
            "관계가 성립하기도 하고 성립하지 않기도 함", of="relation"),
    Verdict(INTERNAL_BAD, "inconsistent", "⇄≠", "inconsistent with the paper's own figures",
            "논문의 다른 수치와 어긋남", "논문의 다른 수치와 어긋남", of="relation"),
)
BY_NAME = {v.name: v for v in VOCABULARY}
VERDICTS = tuple(v.name for v in VOCABULARY if v.of == "claim")
RELATION_VERDICTS = tuple(v.name for v in VOCABULARY if v.of == "relation")
SLUGS = {v.name: v.slug for v in VOCABULARY}
VERDICT_KO = {v.name: v.name_ko for v in VOCABULARY}


def vocabulary(name: str) -> Verdict:
    """The vocabulary row of a verdict (KeyError naming the known verdicts otherwise)."""
    try:
        return BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown verdict {name!r}; known: {', '.join(BY_NAME)}") from None


@dataclass(frozen=True)
class Comparison:
    verdict: str          # MATCHES, TRUNCATED or DIFFERS
    rounded: Decimal      # the recomputed value rounded to the printed precision
    truncated: Decimal    # … and truncated to it


def to_step(x: Decimal, step: Decimal, rounding: str) -> Decimal:
    """x expressed to the precision `step`, using the given rounding rule."""
    return (x / step).quantize(Decimal(1), rounding=rounding) * step


def compare(printed, step, recomputed, comparator: str = "=") -> Comparison:
    """Does the printed value follow from the recomputed one at the printed precision?"""
    if comparator not in COMPARATORS:
        raise ValueError(f"unknown comparator {comparator!r}; expected one of {COMPARATORS}")
    printed, step, recomputed = to_decimal(printed), to_decimal(step), to_decimal(recomputed)
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


def interval(value: Decimal, step: Decimal, comparator: str = "=", near: bool = False,
             floor: Decimal = Decimal(0)) -> tuple[Decimal, Decimal]:
    """The interval a printed figure stands for: half its step either side ("$5.63 billion" →
    5.625 to 5.635 billion), or what its bound in words leaves open: "more than X" → X to ∞,
    "less than X" / "up to X" → *floor* to X. The floor is 0 where the figures are amounts,
    counts and shares (the paper's own figures, :mod:`edition.verdicts.relations`); the policy
    sets a bound against any published figure, negative balances included, and passes -∞.
    The one home of this reading (issue 24); the step is :func:`edition.core.fmt.printed_step`'s.

    ``near=True`` reads a bound as the bound approached from its side, within half its step
    ("more than 1,500" at step 100 → 1,500 to 1,550): the words do not let "more than 1,500" mean
    5,000, so an order that must hold for *every* reading is tested on this interval
    (:mod:`edition.verdicts.relations`).
    """
    half = step / 2
    if comparator == ">":
        return value, value + half if near else Decimal("Infinity")
    if comparator in ("<", "<="):
        return value - half if near else floor, value
    return value - half, value + half
# --- marks -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Mark:
    """The mark a page shows beside a number, shaped from :data:`VOCABULARY`'s words and symbols.

    A mark carries no text of its own. Its symbol is drawn by the stylesheet from ``data-symbol``
    (``a.verdict::before``), so selecting and copying a sentence, the search index and its snippets
    (which read the page's text) get the paper's words only; the label is the link's accessible name
    (``aria-label``, in the language of the block the mark stands in) and its hover title, and the
    full account is in the mark's preview and the ledger.
    """

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
    v = vocabulary(verdict)
    return Mark(v.slug, v.symbol, v.label_en, v.label_ko, v.name, v.name_ko)


def combined_symbol(verdict: str, relation_verdicts: list[str]) -> str:
    """One mark per figure: the claim's symbol, plus "⇄≠" when one of the paper's own figures
    contradicts it (relations that agree are told in the preview, not drawn)."""
    symbol = mark_for(verdict).symbol
    if INTERNAL_BAD in relation_verdicts:
        symbol += mark_for(INTERNAL_BAD).symbol
    return symbol


def html_attrs(mark: Mark, lang: str | None, symbol: str | None = None) -> dict[str, str]:
    """The attributes that make an empty ``<a class="verdict">`` a mark (values unescaped)."""
    return {"data-symbol": symbol or mark.symbol, "title": mark.title, "aria-label": mark.label(lang)}

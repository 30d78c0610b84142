"""The authority- and basis-aware verdict policy: which independent figures may decide a claim.

A claim is compared first with the best-ranked published figures *on its own basis*; a figure on
another basis is context and can neither confirm nor contradict it on its own. Written out for
readers on the ledger page (``chapters/ledger.md``, pair ``ledger-p02``); applied here, so that the
verdict does not depend on which figures an editor happened to list.

1. **Same basis.** A figure can decide only if it has the claim's flow (``claims.csv`` column
   ``flow``), its goods definition (column ``goods``, alternatives separated by ``|``), its year
   and period (annual, or the same part-year), the claim's unit, and is not flagged low quality.
   KOTRA's and Statistics Korea's China totals, China exports and deficits from 2014 add an
   estimate of unreported crude oil, so they are on another basis than the China Customs figures
   the paper uses. Every same-basis figure in ``sourced_figures.csv`` is collected automatically;
   the figures the claim lists in ``ids=`` that are not on its basis are shown as context.
2. **Best rank decides.** Ranks come from the data-sources README. China Customs quoted directly
   (rank 1) and KITA's compilations of the same customs data (rank 2) are one tier; UN Comtrade,
   KOTRA, Statistics Korea/ITC/MOFCOM and secondary reports are the next tiers in that order.
3. **Printed precision.** Only a figure at least as precise as the printed claim can confirm it.
   A rougher figure on the same basis is compatible at best.

4. **Both ways.** The basis rule decides whether a figure may confirm *or* contradict: a figure on
   another partner (all partners against "to China"), another HS level, another subset of
   provinces, another period or another vintage's basis is context in both directions.
   Averages of China's provincial minimum-wage rises are one such case: each bundled average runs
   over its own set of provinces (30 in 2010; the 24 that raised wages in 2011), and the paper's
   cited source (Jin, Lee and Lim 2012) is not bundled, so its set is unknown.
5. **The spread between releases.** Customs totals are revised between releases: the bundled
   data notes put China–DPRK trade totals at "about 1–2% for most years and about 3% for 2012
   and 2016–2017 depending on the release vintage" (``source/data-sources/README.md``, Audit).
   A difference smaller than that spread (its lower end, 1%, for most years; 3% for 2012, 2016
   and 2017), measured between the printed figure's rounding interval and the source's, cannot
   contradict a trade total or its split: such a source neither confirms nor contradicts.
6. **No conflict on one low-ranked report.** A single secondary report (rank 6) that disagrees
   cannot make a "conflicts" on its own.

Outcomes per period: *consistent* when every precise figure of the best tier agrees; *sources
disagree* when some agree and some do not; *conflicts* when none agrees and at least one
disagrees beyond the spread between releases, on more than one low-ranked report; *not decided
by the sources* when the only disagreement lies within that spread or rests on one low-ranked
report; *agrees only with a rougher source* when no precise figure exists and the rough ones are
compatible; *sourced only* when nothing is on the claim's basis.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Iterable

from . import judge
from ..core.fmt import ko_period
from ..core.josa import attach

TIER = {1: 1, 2: 1, 3: 2, 4: 3, 5: 4, 6: 5}
CRUDE_FLOWS = ("total", "china_exports_to_dprk", "dprk_deficit_with_china")
CRUDE_BASES = ("KOTRA", "Statistics Korea")
PART_YEAR = {"H1": "Jan-Jun"}
#: China–DPRK trade totals and their splits (series A of source/data-sources/README.md, all goods):
#: the figures whose spread between release vintages the bundled notes state.
VINTAGE_FLOWS = ("total", "china_imports_from_dprk", "china_exports_to_dprk", "dprk_deficit_with_china")
#: "The totals are good to about 1–2% for most years and about 3% for 2012 and 2016–2017 depending
#: on the release vintage" (source/data-sources/README.md, Audit): the lower end for most years.
VINTAGE_SPREAD = {2012: Decimal(3), 2016: Decimal(3), 2017: Decimal(3)}
VINTAGE_SPREAD_DEFAULT = Decimal(1)
VINTAGE_SOURCE = "source/data-sources/README.md"
#: The lowest rank (secondary reporting): one such report cannot make a conflict on its own.
LOW_RANK = 6
#: Flows whose figures are averages over a set of provinces the figure itself chooses: a figure
#: can decide only a claim that names the same set; the paper names none (reason in EN, KO).
PROVINCE_AVERAGES = {
    "avg_minimum_wage_increase": (
        "an average over its own set of provinces; the paper does not say over which provinces its "
        "average runs (its source, Jin, Lee and Lim 2012, is not bundled)",
        "자체적으로 고른 성(省)들의 평균이며, 논문은 어느 성들의 평균인지 밝히지 않음"
        "(논문의 출처 Jin, Lee and Lim 2012는 편집본에 없음)"),
}

@dataclass(frozen=True)
class Figure:
    """One published figure as the policy sees it."""

    figure_id: str
    value: Decimal
    step: Decimal
    year: int
    period: str
    flow: str
    goods: str
    unit: str
    basis: str
    rank: int
    status: str
    source_key: str
    label: str
    series: str = ""

    @property
    def tier(self) -> int:
        return TIER.get(self.rank, max(TIER.values()) + 1)


@dataclass(frozen=True)
class Check:
    """One figure's part in a verdict: its role and, if it can speak, whether it agrees."""

    figure: Figure
    role: str              # "decisive", "supporting", "rougher", "context"
    agrees: bool | None    # None for context
    reason: str            # why a context figure is context (or cannot contradict), in English
    reason_ko: str


@dataclass(frozen=True)
class Margin:
    """How far a printed figure lies from a deciding source: the gap between the printed figure's
    rounding interval and the source's own, absolute and as a percentage of the source's value."""

    figure: "Figure"
    gap: Decimal
    percent: Decimal
    spread: Decimal | None   # the known spread between releases that applies, or None


@dataclass(frozen=True)
class Decision:
    verdict: str
    checks: tuple[Check, ...]
    decided_by: tuple[str, ...]   # figure ids (or input refs) that decided the verdict
    margins: tuple[Margin, ...] = ()  # for each deciding figure that disagrees


def claim_periods(period: str) -> list[tuple[int, str]]:
    """'2013' → [(2013, 'annual')]; '2020-H1' → [(2020, 'Jan-Jun')]; '2013-2014' → both years."""
    period = (period or "").strip()
    if not period:
        return []
    head, _, tail = period.partition("-")
    if tail in PART_YEAR:
        return [(int(head), PART_YEAR[tail])]
    if tail.isdigit() and len(tail) == 4:
        return [(y, "annual") for y in range(int(head), int(tail) + 1)]
    if head.isdigit() and not tail:
        return [(int(head), "annual")]
    return []


def basis_mismatch(claim, fig: Figure) -> tuple[str, str] | None:
    """Every reason a figure is not on the claim's basis (English, Korean), or None if it is."""
    goods = [g.strip() for g in (claim.goods or "").split("|")]
    why: list[tuple[str, str]] = []
    if fig.status != "ok":
        why.append(("flagged low quality in the data", "자료에서 품질이 낮다고 표시됨"))
    if claim.flow and fig.flow != claim.flow:
        why.append((f"another flow ({fig.flow})", f"다른 교역 흐름(자료 코드 {fig.flow})"))
    if fig.goods not in goods:
        why.append((f"another goods definition ({fig.goods or 'all goods'})",
                    f"다른 품목 정의({_goods_ko(fig.goods)})"))
    if (fig.year, fig.period) not in claim_periods(claim.period):
        why.append((f"another period ({fig.year} {fig.period})", f"다른 기간({ko_period(fig.period, fig.year)})"))
    if fig.unit != _unit_family(claim.unit):
        why.append((f"another unit ({fig.unit})", f"다른 단위(자료 코드 {fig.unit})"))
    if fig.flow in PROVINCE_AVERAGES:
        why.append(PROVINCE_AVERAGES[fig.flow])
    if fig.basis in CRUDE_BASES and fig.flow in CRUDE_FLOWS and fig.year >= 2014:
        why.append(("includes an estimate of crude oil that China Customs omits",
                    "중국 해관이 누락한 원유 추정치를 포함"))
    if not why:
        return None
    return "; ".join(w[0] for w in why), "; ".join(w[1] for w in why)


def _goods_ko(goods: str) -> str:
    """A goods definition in Korean: its HS code ("HS 9102"), or 전체 품목 when none is given."""
    return f"HS {goods.split()[0]}" if goods else "전체 품목"


def _unit_family(unit: str) -> str:
    return {"USD": "USD", "percent": "percent", "CNY": "CNY", "tonnes": "tonnes", "count": "count"}.get(unit, unit)


def collect(claim, figures: Iterable[Figure], listed: Iterable[str]) -> tuple[list[Figure], list[tuple[Figure, str, str]]]:
    """Same-basis figures (all of them, listed or not) and the listed figures that are context."""
    listed = set(listed)
    same, context = [], []
    for fig in figures:
        why = basis_mismatch(claim, fig)
        if why is None:
            same.append(fig)
        elif fig.figure_id in listed:
            context.append((fig, *why))
    return same, context


def margin(claim, fig: Figure) -> Margin:
    """The gap between the printed figure's interval (half its precision either side, or its bound)
    and the source's, and the spread between releases that applies to the source's figure."""
    c_lo, c_hi = judge.interval(claim.value, claim.agree_step, claim.comparator, floor=Decimal("-Infinity"))
    f_lo, f_hi = judge.interval(fig.value, fig.step)
    gap = max(Decimal(0), f_lo - c_hi, c_lo - f_hi)
    percent = gap / abs(fig.value) * 100 if fig.value else Decimal(0)
    return Margin(fig, gap, percent, vintage_spread(fig))


def vintage_spread(fig: Figure) -> Decimal | None:
    """The known spread (percent) between releases of the same statistics, where the notes state one."""
    if fig.flow in VINTAGE_FLOWS and not fig.goods and fig.unit == "USD" and fig.rank <= 3:
        return VINTAGE_SPREAD.get(fig.year, VINTAGE_SPREAD_DEFAULT)
    return None


def percent_text(p: Decimal) -> str:
    """A margin in percent as the ledger prints it: two decimals, "under 0.01%" for a sliver."""
    return "under 0.01%" if 0 < p < Decimal("0.01") else f"{p:.2f}%"


def within_spread(claim, fig: Figure) -> bool:
    m = margin(claim, fig)
    return m.spread is not None and m.percent < m.spread


def _outcome(claim, top: list[Figure], votes: dict[str, bool], precise: bool) -> str:
    """One period's verdict from the best tier's votes (rules 4–6 of the module docstring)."""
    n_ok = sum(votes.values())
    if n_ok == len(top):
        return judge.CONSISTENT if precise else judge.ROUGH
    if n_ok:
        return judge.DISAGREE
    against = [f for f in top if not votes[f.figure_id] and not within_spread(claim, f)]
    if not against:
        return judge.UNDECIDED
    if all(f.rank >= LOW_RANK for f in against) and len({f.source_key for f in against}) == 1:
        return judge.UNDECIDED
    return judge.CONFLICTS


def decide(claim, same: list[Figure], context: list[tuple[Figure, str, str]],
           agrees: Callable[[Figure], bool]) -> Decision:
    """The verdict from the same-basis figures, period by period (see the module docstring)."""
    checks: list[Check] = [Check(f, "context", None, en, ko) for f, en, ko in context]
    outcomes: list[str] = []
    decided: list[str] = []
    margins: list[Margin] = []
    for period in claim_periods(claim.period):
        group = [f for f in same if (f.year, f.period) == period]
        if not group:
            continue
        precise = [f for f in group if f.step <= claim.agree_step]
        pool = precise or group
        best = min(f.tier for f in pool)
        top = [f for f in pool if f.tier == best]
        votes = {f.figure_id: agrees(f) for f in top}
        outcomes.append(_outcome(claim, top, votes, bool(precise)))
        decided += [f.figure_id for f in top]
        margins += [margin(claim, f) for f in top if not votes[f.figure_id]]
        for f in group:
            if f in top:
                en, ko = _spread_reason(claim, f) if not votes[f.figure_id] else ("", "")
                checks.append(Check(f, "decisive", votes[f.figure_id], en, ko))
            elif f in precise:
                checks.append(Check(f, "supporting", agrees(f), "", ""))
            else:
                checks.append(Check(f, "rougher", agrees(f), "", ""))
    if not outcomes:
        return Decision(judge.SOURCED, tuple(checks), ())
    for verdict in (judge.CONFLICTS, judge.DISAGREE, judge.UNDECIDED, judge.ROUGH, judge.CONSISTENT):
        if verdict in outcomes:
            return Decision(verdict, tuple(checks), tuple(decided), tuple(margins))
    raise AssertionError(outcomes)  # pragma: no cover


def _spread_reason(claim, fig: Figure) -> tuple[str, str]:
    """Why a disagreeing deciding figure cannot contradict (within the spread between releases;
    a single low-ranked report), or ("", "")."""
    m = margin(claim, fig)
    if m.spread is not None and m.percent < m.spread:
        pct = percent_text(m.percent)
        pct_ko = "0.01% 미만" if pct.startswith("under") else pct
        return (f"{pct} apart, within the {m.spread}% spread between releases ({VINTAGE_SOURCE}): "
                f"cannot contradict",
                f"차이 {attach(pct_ko, '로')} 발표 시점 간 편차 {m.spread}% 안에 있어 반박 근거가 되지 못함")
    if fig.rank >= LOW_RANK:
        return ("a secondary report (rank 6): cannot make a conflict on its own",
                "2차 보도(6순위)로, 단독으로는 상충 판정의 근거가 되지 못함")
    return "", ""


def interval(fn: Callable[[dict[str, Decimal]], Decimal], values: dict[str, tuple[Decimal, Decimal]]) -> tuple[Decimal, Decimal]:
    """Range of a derived value when each input may lie anywhere in its printed precision.

    The edition's derivations (shares, ratios, differences) are monotonic in each input, so the
    extremes are reached at the corners of the inputs' ranges.
    """
    names = list(values)
    results = [fn(dict(zip(names, corner)))
               for corner in itertools.product(*(values[n] for n in names))]
    return min(results), max(results)


def derived_verdict(claim, low: Decimal, high: Decimal, central_agrees: bool) -> str:
    """A claim recomputed from independent inputs: confirmed only if the inputs are precise enough."""
    lo_p, hi_p = judge.interval(claim.value, claim.agree_step)  # "up to X" reads X + half its step
    if claim.comparator == ">":
        ok_all, ok_none = low > claim.value, high <= claim.value
    elif claim.comparator == "<":
        ok_all, ok_none = high < claim.value, low >= claim.value
    elif claim.comparator == "<=":
        ok_all, ok_none = high <= hi_p, low > hi_p
    else:
        ok_all = lo_p <= low and high < hi_p
        ok_none = high < lo_p or low >= hi_p
    if ok_all or (central_agrees and high - low <= claim.agree_step):
        return judge.CONSISTENT
    if ok_none:
        return judge.CONFLICTS
    return judge.ROUGH  # the inputs' range covers the printed figure but is too wide to confirm it

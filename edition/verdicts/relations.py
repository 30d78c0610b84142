"""The paper checked against itself: relations between its own figures (``data/relations.csv``).

Many of the paper's numbers imply each other: a share and its part and whole, the cells of
Table 1 and the totals in the text, a decline and its end points, a resolution's date plus its
period and the deadline the text states, the same figure repeated in two sections. Each relation
names one function here (``function`` column) and its inputs (``args``); the function returns a
verdict and the arithmetic in English and Korean, evaluated at the printed precision.

Precision decides, as in statcheck and GRIM. A printed figure stands for an interval (half its
last digit either side); a printed date stands for an interval too: a year is 1 January to
31 December, a month its first to its last day. A relation of *equality* (the same figure twice,
a share, a sum) is *consistent* when some reading of the intervals satisfies it and *inconsistent*
when none does. A relation of *order or containment* (one date before another, a part within its
whole, a peak above the rest) is *consistent* when every reading satisfies it, *inconsistent* when
none does, and *undetermined at the printed precision* when some readings do and others do not:
a year set against a day of that same year cannot be ordered, and the edition says so instead of
marking an error. A difference of *wording* (one figure named two ways) is a terminology note in
the arithmetic, never a figure verdict. A relation compares like with like: the same event, the
same basis (the register, ``data/relations.csv``, is where that is decided).

Input references in ``args`` (``key=ref;key=ref``; several refs separated by ``,``; the grammar is
:mod:`edition.verdicts.refs`'s):

- ``claim:<claim_id>``: a number (or a date) the paper prints, from ``claims.csv``;
- ``t1:<year>:<region>``, ``t1total:<year>``: Table 1's cells and column sums;
- ``t2:<resolution>``: the adoption date Table 2 prints; ``t2m:<resolution>:<measure_no>``: one
  of its measures;
- ``date:<YYYY-MM-DD | YYYY-MM | YYYY>``: a date the text prints in words ("in June that year");
- ``res:<number>``: a resolution the text names.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable
from weakref import WeakKeyDictionary

from ..core import dates, fmt
from . import judge
from ..core.josa import attach
from ..data.datapackage import DataError, Package, package
from . import refs
from .refs import Ref

OK, BAD, UNDETERMINED = judge.INTERNAL_OK, judge.INTERNAL_BAD, judge.UNDETERMINED


class RelationError(ValueError):
    """A relation names a function or an input that does not exist or does not fit."""


@dataclass(frozen=True)
class Value:
    """One of the paper's figures as a relation uses it."""

    ref: str
    value: Decimal | None = None      # numbers
    step: Decimal = Decimal(1)        # printed precision, round zeros given the benefit of the doubt
    comparator: str = "="
    unit: str = ""
    day: dt.date | None = None        # dates
    precision: str = "day"            # "day", "month" or "year" for dates
    text: str = ""                    # as printed (English)
    text_ko: str = ""
    exact: Decimal | None = None      # the precision of the printed digits as they stand ("90" → 1)
    ko_suffix: str = ""               # the Korean counter of a number (명, 개월, …)


@dataclass(frozen=True)
class Outcome:
    verdict: str
    arithmetic_en: str
    arithmetic_ko: str


@dataclass(frozen=True)
class Relation:
    relation_id: str
    section: str
    kind: str
    function: str
    args: str
    blocks: tuple[str, ...]
    what_en: str
    what_ko: str
    recorded_verdict: str
    note_en: str
    note_ko: str
    editorial_note: str
    line: int = 0


@dataclass(frozen=True)
class Checked:
    relation: Relation
    outcome: Outcome

    @property
    def verdict(self) -> str:
        return self.outcome.verdict

    @property
    def drifted(self) -> bool:
        return self.outcome.verdict != self.relation.recorded_verdict


# --- inputs ----------------------------------------------------------------------------------

def _date_ref(text: str) -> Value:
    """A ``date:`` reference as the last day of what it states (its precision: fmt.date_precision)."""
    try:
        prec = fmt.date_precision(text)
        parts = [int(p) for p in text.split("-")]
        if prec == "year":
            day = dt.date(parts[0], 12, 31)
        elif prec == "month":
            day = dt.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
        else:
            day = dt.date.fromisoformat(text)
    except ValueError:
        raise RelationError(f"date:{text} is not YYYY, YYYY-MM or YYYY-MM-DD") from None
    return Value(f"date:{text}", day=day, precision=prec, text=fmt.en_date_at(day, prec), text_ko=fmt.ko_date_at(day, prec))


def resolve(given: Ref, pkg: Package, claims: dict) -> Value:
    """One input reference as a Value (RelationError naming the reference if it does not exist);
    ``Value.ref`` keeps its text."""
    from .recompute import RecomputeError
    from .recompute import resolve as resolve_number

    kind, rest, ref = given.kind, given.key, str(given)
    if kind == "claim":
        c = claims.get(rest)
        if c is None:
            raise RelationError(f"no claim {rest!r}")
        if c.unit == "date":
            day = dates.of_value(c.value)
            return Value(ref, day=day, precision=fmt.date_precision(c.printed), text=c.text_en, text_ko=c.text_ko)
        pre = {">": "more than ", "<": "less than ", "<=": "up to "}.get(c.comparator, "")
        return Value(ref, c.value, c.agree_step, c.comparator, c.unit, exact=c.step, text=pre + c.text_en,
                     text_ko=c.shown("ko"), ko_suffix=c.ko_suffix)
    if kind in ("t1", "t1total"):
        try:
            i = resolve_number(given, pkg, claims)
        except RecomputeError as exc:
            raise RelationError(str(exc)) from None
        kusd = f"{int(i.value / 1000):,}"
        return Value(ref, i.value, i.step, "=", "USD", text=f"{kusd} (US$ 1,000)",
                     text_ko=f"{fmt.figure(i.value, 'USD', 'ko')}(표 1)")
    if kind == "t2":
        t2 = pkg.table("table2")
        rows = t2[t2["resolution"] == int(rest)] if rest.isdigit() else t2.iloc[0:0]
        if rows.empty:
            raise RelationError(f"Table 2 has no resolution {rest!r}")
        day = rows.iloc[0]["adopted"]
        return Value(ref, day=day, precision="day", text=f"UNSCR {rest} ({day:%B} {day.day}, {day.year})",
                     text_ko=f"결의 {rest}호({fmt.ko_date(day)})")
    if kind == "t2m":
        res, no = refs.table2_measure(rest)
        t2 = pkg.table("table2")
        rows = t2[(t2["resolution"].astype(str) == res) & (t2["measure_no"].astype(str) == no)]
        if rows.empty:
            raise RelationError(f"Table 2 has no measure {rest!r}")
        r = rows.iloc[0]
        return Value(ref, Decimal(int(res)), text=f"UNSCR {res}: {r['measure_en']}", text_ko=f"결의 {res}호: {r['measure_ko']}")
    if kind == "date":
        return _date_ref(rest)
    if kind == "num":  # a number the words imply ("the remainder" of 100 percent)
        try:
            n = Decimal(rest)
        except ArithmeticError:
            raise RelationError(f"num:{rest} is not a number") from None
        return Value(ref, n, Decimal(0), text=f"{rest}", text_ko=f"{rest}")
    if kind == "res":
        if not rest.isdigit():
            raise RelationError(f"res:{rest} is not a resolution number")
        return Value(ref, Decimal(int(rest)), text=f"Resolution {rest}", text_ko=f"결의 {rest}호")
    raise RelationError(f"unknown input kind in {ref!r} (use claim:, t1:, t1total:, t2:, t2m:, date:, num: or res:)")


def parse_args(args: str) -> dict[str, list[Ref]]:
    """A relation's ``args`` in the one grammar (:func:`edition.verdicts.refs.parse_args`): each
    argument a list of refs (``a=claim:x,claim:y;b=t1:2011:Dandong``)."""
    try:
        return refs.parse_args(args)
    except refs.RefError as exc:
        raise RelationError(str(exc).replace("key=value", "key=ref")) from None


# --- the named functions ---------------------------------------------------------------------

FUNCTIONS: dict[str, Callable[..., Outcome]] = {}


def function(fn: Callable[..., Outcome]) -> Callable[..., Outcome]:
    FUNCTIONS[fn.__name__] = fn
    return fn


def _n(x: Decimal) -> str:
    x = Decimal(x)
    if x == x.to_integral_value():
        return f"{int(x):,}"
    return f"{x.quantize(Decimal('0.0001')).normalize():,f}"


def _fig(x: Decimal, like: Value, lang: str) -> str:
    """A computed figure in the unit of the figure it stands for, through edition.core.fmt (no bare
    amounts, no raw ratios): $741,019,000, 24 months; 20억 2,000만 달러, 3만 3,500명, 1.5년."""
    unit = like.unit or ""
    if unit in ("", "ratio", "qualitative"):
        return fmt.figure(x, "", lang, decimals=4)
    if lang == "en":
        digits = fmt.figure(x, unit, "en", decimals=4)
        return f"{digits} {unit}" if unit in ("days", "months", "years") else digits
    return fmt.figure(x, unit, "ko", like.ko_suffix, decimals=4)


def _ko(x: Decimal, like: Value) -> str:
    return _fig(x, like, "ko")


def _en(x: Decimal, like: Value) -> str:
    return _fig(x, like, "en")


def _mark(ok: bool | None) -> str:
    """✓ where every reading holds, ✗ where none does, ? where the printed precision cannot tell."""
    return "?" if ok is None else ("✓" if ok else "✗")


def _verdict(ok: bool | None) -> str:
    return UNDETERMINED if ok is None else (OK if ok else BAD)


def _three(every: bool, some: bool) -> bool | None:
    """An order or containment at the printed precision: True when every reading satisfies it,
    False when none does, None (undetermined) when some do and some do not."""
    if every:
        return True
    return None if some else False


def _one(a: dict[str, list[Value]], key: str) -> Value:
    vals = a.get(key)
    if not vals or len(vals) != 1:
        raise RelationError(f"argument {key!r} must name exactly one input")
    return vals[0]


def _many(a: dict[str, list[Value]], key: str) -> list[Value]:
    vals = a.get(key)
    if not vals:
        raise RelationError(f"argument {key!r} must name at least one input")
    return vals


def _range(v: Value) -> tuple[Decimal, Decimal]:
    """Where a printed figure may lie: within half its precision, or above/below its bound
    (:func:`edition.verdicts.judge.interval`); this open interval decides *inconsistent*."""
    return judge.interval(v.value, v.step, v.comparator)


def _near(v: Value) -> tuple[Decimal, Decimal]:
    """The interval a figure stands for when *every* reading must satisfy an order: a bound in
    words approached from its side, within half its printed digits' precision."""
    return judge.interval(v.value, v.step if v.exact is None else v.exact, v.comparator, near=True)


@function
def same_value(a: dict[str, list[Value]]) -> Outcome:
    """The same figure printed twice (e.g. in sections 2 and 4): equal at the coarser precision;
    if the two places name it (``name_a``/``name_b`` in the relation's text), the names must agree too."""
    x, y = _one(a, "a"), _one(a, "b")
    fx = {"years": 12, "months": 1}.get(x.unit, 1)
    fy = {"years": 12, "months": 1}.get(y.unit, 1)
    vx, vy = x.value * fx, y.value * fy
    lo, hi = judge.interval(vy, max(x.step * fx, y.step * fy))  # y's interval at the coarser step
    ok = lo <= vx <= hi
    allowed = hi - vy
    like = x if fx == 1 else Value("", unit="months", ko_suffix="개월")
    en = (f"{x.text} and {y.text}: {_en(vx, like)} vs {_en(vy, like)}, difference {_en(abs(vx - vy), like)} "
          f"(the printed precision allows ±{_en(allowed, like)}) {_mark(ok)}")
    compared = f"{_ko(vx, like)} 대 {_ko(vy, like)}"
    # The printed forms are named only when they differ from the compared values ("2년과 24개월").
    same = (x.text_ko, y.text_ko) == (_ko(vx, like), _ko(vy, like))
    head = "" if same else f"{attach(x.text_ko, '와')} {y.text_ko}: "
    ko = f"{head}{compared}, 차이 {_ko(abs(vx - vy), like)}(표기 정밀도가 허용하는 차이 ±{_ko(allowed, like)}) {_mark(ok)}"
    return Outcome(_verdict(ok), en, ko)


@function
def same_name(a: dict[str, list[Value]], names: tuple[str, str] = ("", "")) -> Outcome:
    """The same figure printed twice, possibly under two names. The verdict is the figures' alone
    (:func:`same_value`); a difference of names is reported as a terminology note beside the
    arithmetic, never as a figure inconsistency (a naming question is not a wrong number)."""
    value = same_value(a)
    x, y = names
    if x == y:
        return value
    en = f"{value.arithmetic_en}; terminology note: named “{x}” and “{y}” (wording, not a figure verdict)"
    ko = f"{value.arithmetic_ko}; 용어 참고: 명칭 “{x}” 대 “{y}”(표현의 차이이며 수치 판정이 아님)"
    return Outcome(value.verdict, en, ko)


@function
def sum_equals(a: dict[str, list[Value]]) -> Outcome:
    """Table 1's cells add up to the total the text states, at the text's precision."""
    parts, total = _many(a, "parts"), _one(a, "total")
    s = sum((p.value for p in parts), Decimal(0))
    ok = judge.compare(total.value, total.step, s, total.comparator).verdict != judge.DIFFERS
    shown = judge.to_step(s, total.step, "ROUND_HALF_UP")
    en = (f"sum of {len(parts)} cells = {_en(s, total)} → {_en(shown, total)} at the printed precision; "
          f"printed {total.text} {_mark(ok)}")
    ko = (f"표 1의 {len(parts)}개 칸의 합 {_ko(s, total)} → 표기 정밀도로 {_ko(shown, total)}; "
          f"논문 표기 {total.text_ko} {_mark(ok)}")
    return Outcome(_verdict(ok), en, ko)


@function
def share(a: dict[str, list[Value]]) -> Outcome:
    """share = part / whole × 100, with part and whole anywhere within their printed precision
    (a whole printed as "more than X" bounds the share from above)."""
    part, whole, pct = _one(a, "part"), _one(a, "whole"), _one(a, "share")
    plo, phi = _range(part)
    wlo, whi = _range(whole)
    lo = plo / whi * 100 if whi.is_finite() else Decimal(0)
    hi = phi / wlo * 100
    slo, shi = _range(pct)
    ok = lo < shi and hi >= slo
    bound = "at most" if not whi.is_finite() else "between"
    rng = f"{_n(hi)}" if not whi.is_finite() else f"{_n(lo)} and {_n(hi)}"
    rng_ko = f"{_n(hi)}% 이하" if not whi.is_finite() else f"{_n(lo)}~{_n(hi)}%"
    en = (f"{part.text} / {whole.text} × 100 is {bound} {rng} percent; printed {pct.text} "
          f"(from {_n(slo)} to {_n(shi)}) {_mark(ok)}")
    ko = f"{part.text_ko} / {whole.text_ko} × 100 = {rng_ko}; 논문 표기 {pct.text_ko}({_n(slo)}~{_n(shi)}%) {_mark(ok)}"
    return Outcome(_verdict(ok), en, ko)


@function
def shares_sum(a: dict[str, list[Value]], pkg: Package | None = None) -> Outcome:
    """Table 1's printed shares of one year add up to 100, allowing for each share having been
    cut (or rounded) to two decimals and for the cells printed without a share."""
    year = _one(a, "year").day.year
    t1 = pkg.table("table1")
    rows = t1[t1["year"] == year]
    total = sum(Decimal(int(v)) for v in rows["value_kusd"])
    shown = [p for p in rows["share_printed"] if isinstance(p, str) and p]
    printed = [Decimal(p) for p in shown]
    unprinted = sum(Decimal(int(v)) * 100 / total for v, p in zip(rows["value_kusd"], rows["share_printed"])
                    if not (isinstance(p, str) and p))
    s = sum(printed, Decimal(0))
    cut = sum((fmt.printed_step(p) for p in shown), Decimal(0))  # each share cut by up to its step
    lo = 100 - unprinted - cut
    hi = 100 - unprinted + cut / 2                               # or rounded by up to half of it
    ok = lo <= s <= hi
    en = (f"{len(printed)} printed shares add up to {_n(s)}; with cells printed without a share ({_n(unprinted)}) "
          f"and each share cut or rounded to 0.01, the sum must lie between {_n(lo)} and {_n(hi)} {_mark(ok)}")
    ko = (f"인쇄된 비율 {len(printed)}개의 합은 {_n(s)}%이다. 비율 없이 인쇄된 칸({_n(unprinted)}%)과 "
          f"0.01 단위 버림·반올림을 감안하면 합은 {_n(lo)}~{_n(hi)}% 사이여야 한다 {_mark(ok)}")
    return Outcome(_verdict(ok), en, ko)


@function
def rank_order(a: dict[str, list[Value]], pkg: Package | None = None) -> Outcome:
    """Table 1 numbers its regions 1, 2, … by value: each year's values fall as the rank rises."""
    t1 = pkg.table("table1")
    bad, tied = [], []
    for year, rows in t1.sort_values(["year", "rank"]).groupby("year"):
        vals = [int(v) for v in rows["value_kusd"]]
        bad += [(year, i + 2) for i in range(len(vals) - 1) if vals[i + 1] > vals[i]]
        tied += [(year, i + 2) for i in range(len(vals) - 1) if vals[i + 1] == vals[i]]
    ok = False if bad else (None if tied else True)
    bad_ko = [f"{fmt.ko_year(y)} {r}위" for y, r in bad]
    tied_ko = [f"{fmt.ko_year(y)} {r}위" for y, r in tied]
    bad = [f"{y} rank {r}" for y, r in bad]
    tied = [f"{y} rank {r}" for y, r in tied]
    if ok:
        en, ko = "every year's values fall as the rank rises ✓", "모든 연도에서 순위가 내려갈수록 금액이 줄어든다 ✓"
    elif ok is None:
        en = f"equal at the printed precision (US$ 1,000), so the order cannot be told: {', '.join(tied)} ?"
        ko = f"표기 정밀도(천 달러)에서 같은 값이라 순서를 알 수 없음: {', '.join(tied_ko)} ?"
    else:
        en, ko = f"out of order: {', '.join(bad)} ✗", f"순서가 맞지 않음: {', '.join(bad_ko)} ✗"
    return Outcome(_verdict(ok), en, ko)


@function
def deficit(a: dict[str, list[Value]]) -> Outcome:
    """North Korea's deficit = imports − exports = total trade − 2 × exports, at the printed precision."""
    total, exports, d = _one(a, "total"), _one(a, "exports"), _one(a, "deficit")
    tlo, thi = _range(total)
    elo, ehi = _range(exports)
    lo, hi = tlo - 2 * ehi, thi - 2 * elo
    central = total.value - 2 * exports.value
    dlo, dhi = _range(d)
    ok = lo < dhi and hi >= dlo
    en = (f"{total.text} − 2 × {exports.text} = {_en(central, d)} (between {_en(lo, d)} and "
          f"{_en(hi, d)} at the printed precision); printed {d.text} {_mark(ok)}")
    ko = (f"{total.text_ko} − 2 × {exports.text_ko} = {_ko(central, d)}(표기 정밀도 범위 {_ko(lo, d)}~"
          f"{_ko(hi, d)}); 논문 표기 {d.text_ko} {_mark(ok)}")
    return Outcome(_verdict(ok), en, ko)


@function
def part_of(a: dict[str, list[Value]]) -> Outcome:
    """Parts cannot exceed their whole (or the stated share of it): Σ parts ≤ whole × share / 100."""
    parts, whole = _many(a, "parts"), _one(a, "whole")
    pct = a.get("share", [None])[0]
    s = sum((_range(p)[0] if p.comparator != "<=" else Decimal(0) for p in parts), Decimal(0))
    s_hi = sum((_near(p)[1] for p in parts), Decimal(0))
    cap = _range(whole)[1] * ((_range(pct)[1] / 100) if pct else 1)
    cap_lo = _near(whole)[0] * ((_near(pct)[0] / 100) if pct else 1)
    ok = _three(s_hi <= cap_lo, s <= cap)
    names = " + ".join(p.text for p in parts)
    names_ko = " + ".join(p.text_ko for p in parts)
    of = f"{pct.text} of {whole.text}" if pct else whole.text
    of_ko = f"{whole.text_ko}의 {pct.text_ko}" if pct else whole.text_ko
    en = f"{names} = at least {_en(s, parts[0])} ≤ {of} = at most {_en(cap, parts[0])} {_mark(ok)}"
    ko = f"{names_ko} = 최소 {_ko(s, parts[0])} ≤ {of_ko} = 최대 {_ko(cap, parts[0])} {_mark(ok)}"
    return Outcome(_verdict(ok), en, ko)


@function
def base_within(a: dict[str, list[Value]]) -> Outcome:
    """A value after a decline of p percent implies the earlier value = value / (1 − p/100);
    that earlier value (for part of a year) cannot exceed the whole year's figure."""
    v, p, whole = _one(a, "value"), _one(a, "decline"), _one(a, "whole")
    base = v.value / (1 - p.value / 100)
    (vlo, vhi), (plo, phi) = _range(v), _range(p)
    base_lo = vlo / (1 - plo / 100)
    (nvlo, nvhi), (nplo, nphi) = _near(v), _near(p)
    base_hi = nvhi / (1 - nphi / 100)
    ok = _three(base_hi <= _near(whole)[0], base_lo <= _range(whole)[1])
    en = (f"{v.text} after a decline of {p.text} implies {_en(base.quantize(Decimal(1)), v)} before; "
          f"≤ {whole.text} {_mark(ok)}")
    ko = (f"{p.text_ko} 감소한 값이 {v.text_ko}일 때 감소 전 값은 {_ko(base.quantize(Decimal(1)), v)}; "
          f"≤ {whole.text_ko} {_mark(ok)}")
    return Outcome(_verdict(ok), en, ko)


@function
def increasing(a: dict[str, list[Value]]) -> Outcome:
    """Figures the text says rose (or exceeded an earlier one) do so in the order given."""
    seq = _many(a, "seq")
    return _monotonic(seq, falling=False)


@function
def decreasing(a: dict[str, list[Value]]) -> Outcome:
    """Figures the text says fell do so in the order given."""
    return _monotonic(_many(a, "seq"), falling=True)


def _monotonic(seq: list[Value], falling: bool) -> Outcome:
    pairs = list(zip(seq, seq[1:]))

    def before(x: Value, y: Value, every: bool) -> bool:  # y beyond x in the stated direction
        (xlo, xhi), (ylo, yhi) = (_near(x), _near(y)) if every else (_range(x), _range(y))
        if falling:
            return yhi <= xlo if every else ylo < xhi
        return ylo >= xhi if every else yhi > xlo
    ok = _three(all(before(x, y, True) for x, y in pairs), all(before(x, y, False) for x, y in pairs))
    sign = " > " if falling else " < "
    en = sign.join(v.text for v in seq) + f" {_mark(ok)}"
    ko = sign.join(v.text_ko for v in seq) + f" {_mark(ok)}"
    return Outcome(_verdict(ok), en, ko)


@function
def greatest(a: dict[str, list[Value]]) -> Outcome:
    """A figure said to be the peak exceeds every other figure the paper gives for the series."""
    at, others = _one(a, "at"), _many(a, "others")
    ok = _three(all(_near(at)[0] >= _near(o)[1] for o in others),
                all(_range(at)[1] > _range(o)[0] for o in others))
    en = f"{at.text} > " + ", ".join(o.text for o in others) + f" {_mark(ok)}"
    ko = f"{at.text_ko} > " + ", ".join(o.text_ko for o in others) + f" {_mark(ok)}"
    return Outcome(_verdict(ok), en, ko)


@function
def comparable(a: dict[str, list[Value]]) -> Outcome:
    """Two figures the text calls comparable are within 5 percent of each other."""
    x, y = _one(a, "a"), _one(a, "b")
    diff = abs(x.value - y.value) / y.value * 100
    (xlo, xhi), (ylo, yhi) = _near(x), _near(y)
    widest = max(abs(xhi - ylo) / ylo, abs(yhi - xlo) / ylo) * 100
    (xlo, xhi), (ylo, yhi) = _range(x), _range(y)
    nearest = (max(Decimal(0), xlo - yhi, ylo - xhi) / yhi) * 100
    ok = _three(widest <= 5, nearest <= 5)
    en = f"{x.text} vs {y.text}: {_n(diff.quantize(Decimal('0.1')))} percent apart (≤ 5) {_mark(ok)}"
    ko = f"{x.text_ko} 대 {y.text_ko}: 차이 {_n(diff.quantize(Decimal('0.1')))}%(5% 이하) {_mark(ok)}"
    return Outcome(_verdict(ok), en, ko)


def _span(v: Value) -> tuple[dt.date, dt.date]:
    """A printed date as the interval it stands for: a year 1 January–31 December, a month its
    first to its last day, a day itself."""
    d = v.day
    if v.precision == "year":
        return dt.date(d.year, 1, 1), dt.date(d.year, 12, 31)
    if v.precision == "month":
        return dt.date(d.year, d.month, 1), dt.date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
    return d, d


def _overlap(x: tuple[dt.date, dt.date], y: tuple[dt.date, dt.date]) -> bool:
    return x[0] <= y[1] and y[0] <= x[1]


def _span_en(v: Value) -> str:
    first, last = _span(v)
    return v.text if first == last else f"{v.text} ({fmt.en_date_at(first, 'day')} to {fmt.en_date_at(last, 'day')})"


def _span_ko(v: Value) -> str:
    first, last = _span(v)
    return v.text_ko if first == last else f"{v.text_ko}({fmt.ko_date(first)}~{fmt.ko_date(last)})"


def _same_date(x: Value, y: Value) -> bool:
    """Equal at the coarser precision: the two intervals share a day (year, month and day intervals
    are nested or apart, so sharing a day means one lies within the other)."""
    return _overlap(_span(x), _span(y))


@function
def same_date(a: dict[str, list[Value]]) -> Outcome:
    """The same event dated in two places: equal at the coarser of the two precisions (an equality:
    consistent when the intervals share a day, inconsistent when they are apart)."""
    x, y = _one(a, "a"), _one(a, "b")
    ok = _same_date(x, y)
    return Outcome(_verdict(ok), f"{_span_en(x)} and {_span_en(y)} {_mark(ok)}",
                   f"{attach(_span_ko(x), '와')} {_span_ko(y)} {_mark(ok)}")


@function
def date_order(a: dict[str, list[Value]]) -> Outcome:
    """One date the text gives must not fall after another (e.g. a period must end before the
    report that gives its figure was published): consistent when every day of the first interval
    comes no later than every day of the second, inconsistent when none does, otherwise
    undetermined at the printed precision ("2018" against 19 August 2018)."""
    x, y = _one(a, "before"), _one(a, "after")
    (x0, x1), (y0, y1) = _span(x), _span(y)
    ok = _three(x1 <= y0, x0 <= y1)
    if ok is None:
        en = (f"{_span_en(x)} against {_span_en(y)}: some of its days come before, some after; "
              f"the order cannot be told at the printed precision {_mark(ok)}")
        ko = (f"{attach(_span_ko(x), '와')} {_span_ko(y)}: 앞서는 날도 뒤따르는 날도 있어 표기 정밀도로는 "
              f"순서를 알 수 없음 {_mark(ok)}")
    else:
        en = f"{_span_en(x)} must come before {y.text} {_mark(ok)}"
        ko = f"{attach(_span_ko(x), '은')} {y.text_ko}보다 앞서야 한다 {_mark(ok)}"
    return Outcome(_verdict(ok), en, ko)


def _add(day: dt.date, amount: Decimal, unit: str) -> dt.date:
    n = int(amount)
    if unit == "days":
        return day + dt.timedelta(days=n)
    months = n * 12 if unit == "years" else n
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _end_span(start: Value, period: Value) -> tuple[dt.date, dt.date]:
    first, last = _span(start)
    return _add(first, period.value, period.unit), _add(last, period.value, period.unit)


def _days_en(span: tuple[dt.date, dt.date]) -> str:
    a, b = span
    return fmt.en_date_at(a, "day") if a == b else f"{fmt.en_date_at(a, 'day')} to {fmt.en_date_at(b, 'day')}"


def _days_ko(span: tuple[dt.date, dt.date]) -> str:
    a, b = span
    return fmt.ko_date(a) if a == b else f"{fmt.ko_date(a)}~{fmt.ko_date(b)}"


@function
def deadline(a: dict[str, list[Value]]) -> Outcome:
    """date + period = the deadline the text states, at the deadline's printed precision
    ("the end of 2019" states a year, "December 2019" a month): consistent when every possible end
    lies within the stated interval, inconsistent when none does, otherwise undetermined."""
    start, period, by = _one(a, "start"), _one(a, "period"), _one(a, "by")
    end = _end_span(start, period)
    b0, b1 = _span(by)
    ok = _three(b0 <= end[0] and end[1] <= b1, _overlap(end, (b0, b1)))
    en = f"{start.text} + {period.text} = {_days_en(end)}; stated: {by.text} {_mark(ok)}"
    ko = f"{start.text_ko} + {_ko(period.value, period)} = {_days_ko(end)}; 본문: {by.text_ko} {_mark(ok)}"
    return Outcome(_verdict(ok), en, ko)


@function
def within(a: dict[str, list[Value]]) -> Outcome:
    """A period must end before a later event the text ties to it (date + period ≤ event):
    consistent when it does for every reading of the printed dates, inconsistent when for none,
    otherwise undetermined."""
    start, period, event = _one(a, "start"), _one(a, "period"), _one(a, "event")
    end = _end_span(start, period)
    e0, e1 = _span(event)
    ok = _three(end[1] <= e0, end[0] <= e1)
    en = f"{start.text} + {period.text} = {_days_en(end)}, before {event.text} {_mark(ok)}"
    ko = f"{start.text_ko} + {_ko(period.value, period)} = {_days_ko(end)}, {event.text_ko}보다 앞섬 {_mark(ok)}"
    return Outcome(_verdict(ok), en, ko)


@function
def same_period(a: dict[str, list[Value]]) -> Outcome:
    """The same activity dated twice: the two periods must start (and end) at the same time, each
    at the coarser precision of the two (an equality)."""
    s1, e1, s2, e2 = _one(a, "start_a"), _one(a, "end_a"), _one(a, "start_b"), _one(a, "end_b")
    ok = _same_date(s1, s2) and _same_date(e1, e2)
    en = f"{s1.text}–{e1.text} vs {s2.text}–{e2.text} {_mark(ok)}"
    ko = f"{s1.text_ko}~{e1.text_ko} 대 {s2.text_ko}~{e2.text_ko} {_mark(ok)}"
    return Outcome(_verdict(ok), en, ko)


@function
def measure(a: dict[str, list[Value]]) -> Outcome:
    """The resolution the text credits with a measure is one Table 2 lists it under."""
    said, table = _one(a, "text"), _many(a, "table")
    ok = said.value in {t.value for t in table}
    # Table 2's cells end in a full stop; it is dropped before the separator (no ".;").
    en = f"text: {said.text}; Table 2: " + "; ".join(t.text.rstrip(".") for t in table) + f" {_mark(ok)}"
    ko = f"본문: {said.text_ko}; 표 2: " + "; ".join(t.text_ko.rstrip(".") for t in table) + f" {_mark(ok)}"
    return Outcome(_verdict(ok), en, ko)


NEEDS_PACKAGE = {"shares_sum", "rank_order"}


# --- the register ----------------------------------------------------------------------------

def load(pkg: Package | None = None) -> list[Relation]:
    pkg = pkg or package()
    res = pkg.resource("relations")
    out = []
    for i, r in enumerate(res.frame.to_dict("records")):
        out.append(Relation(
            r["relation_id"], r["section"], r["kind"], r["function"], _s(r["args"]),
            tuple(_s(r["blocks"]).split()), r["what_en"], r["what_ko"], r["recorded_verdict"],
            _s(r["note_en"]), _s(r["note_ko"]), _s(r["editorial_note"]), res.lines[i]))
    return out


def _s(v) -> str:
    return "" if v is None or v != v else str(v)


def check(rel: Relation, pkg: Package, claims: dict) -> Outcome:
    """Evaluate one relation with its named function."""
    fn = FUNCTIONS.get(rel.function)
    if fn is None:
        raise RelationError(f"unknown function {rel.function!r} (known: {', '.join(sorted(FUNCTIONS))})")
    parsed = parse_args(rel.args)
    names = tuple(str(r) for r in parsed.pop("names", [Ref("", ""), Ref("", "")]))
    values = {k: [resolve(r, pkg, claims) for r in refs] for k, refs in parsed.items()}
    if fn is same_name:
        if len(names) != 2:
            raise RelationError("same_name needs names=<name a>,<name b>")
        return fn(values, names)
    if rel.function in NEEDS_PACKAGE:
        return fn(values, pkg=pkg)
    return fn(values)


def evaluate(pkg: Package | None = None) -> list[Checked]:
    """Every relation checked, in register order (DataError naming file, row and column on bad input)."""
    from .claims import load as load_claims

    pkg = pkg or package()
    if pkg in _CHECKED:
        return list(_CHECKED[pkg])
    claims = load_claims(pkg)
    out = []
    res = pkg.resource("relations")
    for i, rel in enumerate(load(pkg)):
        try:
            out.append(Checked(rel, _kept(rel, check(rel, pkg, claims), pkg)))
        except (RelationError, KeyError, ValueError) as exc:
            if isinstance(exc, DataError):
                raise
            raise DataError(res.path, f"relation {rel.relation_id}: {exc}", i + 1, "args", res.lines[i]) from None
    _CHECKED[pkg] = tuple(out)
    return out


def _kept(rel: Relation, outcome: Outcome, pkg: Package) -> Outcome:
    """An inconsistency that its second reading did not uphold is not kept as one: the relation is
    undetermined, and the arithmetic says why (:mod:`edition.verdicts.second_reading`)."""
    from .second_reading import readings, survives

    if outcome.verdict != BAD or survives(rel.relation_id, pkg):
        return outcome
    r = readings(pkg)[rel.relation_id]
    en, ko = (t.replace(" ✗", " ?") for t in (outcome.arithmetic_en, outcome.arithmetic_ko))
    return Outcome(UNDETERMINED, f"{en}; not kept as an inconsistency after a second reading ({r.outcome})",
                   f"{ko}; 재검토 후 불일치로 유지하지 않음")


#: Relations checked per package object (weakly keyed: a student's modified copy is checked afresh).
_CHECKED: WeakKeyDictionary = WeakKeyDictionary()


class RelationDrift(AssertionError):
    """A relation's verdict no longer matches the register: a figure of the paper's data changed."""


def assert_no_drift(checked: list[Checked]) -> None:
    moved = [c for c in checked if c.drifted]
    if moved:
        lines = [f"  {c.relation.relation_id} (data/relations.csv line {c.relation.line}): recorded "
                 f"{c.relation.recorded_verdict!r}, now {c.verdict!r}: {c.outcome.arithmetic_en}" for c in moved]
        raise RelationDrift(f"{len(moved)} relation verdict(s) drifted from the register:\n" + "\n".join(lines))


def record_verdicts(pkg: Package) -> list[tuple[str, str, str]]:
    """Write the relations' verdicts computed now into data/relations.csv (the editor's act).

    Like ``claims.record_verdicts``: every other resource must still match its recorded hash
    (checked before anything is written) and only the relations file is re-hashed."""
    from ..data.datapackage import record_verdicts as record

    return record(pkg, "relations", "relation_id",
                  lambda check: {c.relation.relation_id: c.verdict for c in evaluate(check)})

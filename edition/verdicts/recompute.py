"""Named recomputations of the paper's statistics from the bundled data.

A claim's ``method`` names one function here and its ``args`` name the inputs (the grammar, and
every kind of ref, are :mod:`edition.verdicts.refs`'s):

- ``fig:<figure_id>``: a published figure from ``sourced_figures.csv`` (independent of the paper);
- ``t1:<year>:<region>`` / ``t1total:<year>``: a cell or a column total of Table 1 (the paper's own data);
- ``claim:<claim_id>``: another number the paper prints (for the paper's internal arithmetic).

A result computed from any independent figure is judged against independent sources; one computed
only from the paper's own data is judged as a recomputation (matches / truncated / differs).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

from ..data.datapackage import Package
from ..core.fmt import printed_step
from . import refs
from .refs import Ref

#: The unit Table 1 prints its values in (data/datapackage.json, table1.value_kusd).
TABLE1_UNIT = "USD thousand"


class RecomputeError(ValueError):
    """A method or input the register names does not exist or does not fit."""


@dataclass(frozen=True)
class Input:
    """One number a recomputation uses, with where it comes from."""

    ref: str                 # as written in args, e.g. fig:a_2011_total_kita
    value: Decimal
    step: Decimal            # precision of the input as printed by its source
    independent: bool        # True for published figures outside the paper
    source_key: str | None   # references.bib key of the publication
    basis: str               # statistical basis (GAC, KITA, KOTRA, …) or "paper"
    label: str               # short human description
    unit: str = ""           # the figure's own unit (USD, percent, …): a ratio's inputs are amounts


@dataclass(frozen=True)
class Result:
    value: Decimal | None
    inputs: tuple[Input, ...]
    per_source: bool = False  # judge each input separately (method "figures")

    @property
    def independent(self) -> bool:
        return any(i.independent for i in self.inputs)


def resolve(given: Ref, pkg: Package, claims) -> Input:
    """Turn one input reference into a number with its provenance (``Input.ref`` keeps its text)."""
    kind, rest, ref = given.kind, given.key, str(given)
    if kind == "fig":
        figs = pkg.table("sourced_figures")
        row = figs[figs["figure_id"] == rest]
        if row.empty:
            raise RecomputeError(f"no sourced figure {rest!r}")
        r = row.iloc[0]
        if r["value"] is None or r["value"] != r["value"]:
            raise RecomputeError(f"sourced figure {rest!r} has no value")
        step = printed_step(r["value_printed"], unit=r["unit_printed"], qualifier=r["qualifier"])
        return Input(ref, Decimal(str(r["value"])), step,
                     True, r["source_key"], r["basis"], f"{r['series']} {r['year']} {r['flow']}",
                     str(r["unit"]))
    if kind in ("t1", "t1total"):
        t1 = pkg.table("table1")
        year, regions = refs.table1_cell(rest)
        rows = t1[t1["year"] == int(year)]
        if kind == "t1":  # one region, or several joined by "+" (Liaoning+Jilin)
            rows = rows[rows["region"].isin(regions)]
            if len(rows) != len(regions):
                raise RecomputeError(f"Table 1 has no cell {rest!r}")
        if rows.empty:
            raise RecomputeError(f"Table 1 has no cell {rest!r}")
        total = sum(Decimal(int(v)) for v in rows["value_kusd"]) * 1000
        step = printed_step(str(int(rows["value_kusd"].iloc[0])), unit=TABLE1_UNIT)  # whole US$ 1,000
        return Input(ref, total, step, False, None, "paper", f"Table 1 {rest}", "USD")
    if kind == "claim":
        c = claims.get(rest)
        if c is None:
            raise RecomputeError(f"no claim {rest!r}")
        return Input(ref, c.value, printed_step(c.printed, c.value), False, None, "paper", c.what, c.unit)
    raise RecomputeError(f"unknown input kind in {ref!r} (use fig:, t1:, t1total: or claim:)")


MethodFn = Callable[[dict[str, Input]], Result]
METHODS: dict[str, MethodFn] = {}


def method(name: str) -> Callable[[MethodFn], MethodFn]:
    def register(fn: MethodFn) -> MethodFn:
        METHODS[name] = fn
        return fn
    return register


def _need(inputs: dict[str, Input], *names: str) -> list[Input]:
    missing = [n for n in names if n not in inputs]
    if missing:
        raise RecomputeError(f"missing argument(s) {', '.join(missing)}")
    return [inputs[n] for n in names]


@method("figures")
def figures(inputs: dict[str, Input]) -> Result:
    """The claim restates published figures: compare with each independently."""
    return Result(None, tuple(inputs.values()), per_source=True)


@method("value")
def value(inputs: dict[str, Input]) -> Result:
    """The claim is one number of the paper's own data (a Table 1 cell, a column total)."""
    (a,) = _need(inputs, "a")
    return Result(a.value, (a,))


@method("total")
def total(inputs: dict[str, Input]) -> Result:
    """Sum of all inputs (e.g. imports + exports = total trade)."""
    return Result(sum((i.value for i in inputs.values()), Decimal(0)), tuple(inputs.values()))


@method("share")
def share(inputs: dict[str, Input]) -> Result:
    """part / whole × 100, in percent (e.g. a region's share of Table 1's column)."""
    part, whole = _need(inputs, "part", "whole")
    return Result(part.value / whole.value * 100, (part, whole))


@method("difference")
def difference(inputs: dict[str, Input]) -> Result:
    """a − b (e.g. China's exports − imports = North Korea's deficit)."""
    a, b = _need(inputs, "a", "b")
    return Result(a.value - b.value, (a, b))


@method("deficit_from_total")
def deficit_from_total(inputs: dict[str, Input]) -> Result:
    """North Korea's deficit from total trade and its exports: (total − exports) − exports."""
    tot, exp = _need(inputs, "total", "exports")
    return Result(tot.value - 2 * exp.value, (tot, exp))


@method("growth")
def growth(inputs: dict[str, Input]) -> Result:
    """Percentage change from `old` to `new`; negative for a decline."""
    new, old = _need(inputs, "new", "old")
    return Result((new.value - old.value) / old.value * 100, (new, old))


@method("decline")
def decline(inputs: dict[str, Input]) -> Result:
    """Percentage fall from `old` to `new`, as a positive number ("a decline of 67 percent")."""
    new, old = _need(inputs, "new", "old")
    return Result((old.value - new.value) / old.value * 100, (new, old))


@method("decline_of")
def decline_of(inputs: dict[str, Input]) -> Result:
    """A published negative change restated as a decline ("a decline of 67 percent" from −67%)."""
    (a,) = _need(inputs, "a")
    return Result(-a.value, (a,))


@method("ratio")
def ratio(inputs: dict[str, Input]) -> Result:
    """a / b (e.g. "less than half that of 2016")."""
    a, b = _need(inputs, "a", "b")
    return Result(a.value / b.value, (a, b))


@method("peak")
def peak(inputs: dict[str, Input]) -> Result:
    """A figure said to be the peak over every other figure of its series: at / max(others).

    Above 1 when the claimed year really is the highest of those the data hold.
    """
    (at,) = _need(inputs, "at")
    others = [i for k, i in inputs.items() if k != "at"]
    if not others:
        raise RecomputeError("method peak needs at least one other year besides at=")
    return Result(at.value / max(o.value for o in others), (at, *others))


@method("share_min")
def share_min(inputs: dict[str, Input]) -> Result:
    """The smallest of several shares part_X / whole_X × 100 ("the majority" in every year of a table)."""
    keys = sorted(k.removeprefix("part_") for k in inputs if k.startswith("part_"))
    if not keys:
        raise RecomputeError("method share_min needs part_<x>= and whole_<x>= pairs")
    pairs = [_need(inputs, f"part_{k}", f"whole_{k}") for k in keys]
    return Result(min(p.value / w.value * 100 for p, w in pairs), tuple(i for pw in pairs for i in pw))


def run(method_name: str, args: str | None, pkg: Package, claims) -> Result | None:
    """Recompute one claim; None for claims that nothing independent can check."""
    if method_name in (None, "", "none"):
        return None
    fn = METHODS.get(method_name)
    if fn is None:
        raise RecomputeError(f"unknown method {method_name!r} (known: {', '.join(sorted(METHODS))}, none)")
    if method_name == "figures":
        ids = parse_args(args).get("ids", [])
        if not ids:
            raise RecomputeError("method figures needs ids=<figure_id>,…")
        inputs = {str(r): resolve(r, pkg, claims) for r in ids}
    else:
        inputs = named_inputs(args, pkg, claims)
    return fn(inputs)


def parse_args(args: str | None) -> dict[str, list[Ref]]:
    """A claim's ``args`` in the one grammar (:func:`edition.verdicts.refs.parse_args`); a
    RecomputeError naming the argument when they do not follow it."""
    try:
        return refs.parse_args(args)
    except refs.RefError as exc:
        raise RecomputeError(str(exc)) from None


def named_inputs(args: str | None, pkg: Package, claims) -> dict[str, Input]:
    """Each argument's one ref as a number with its provenance (``a=fig:x;b=claim:y``)."""
    parsed = parse_args(args)
    try:
        return {name: resolve(refs.one(parsed, name), pkg, claims) for name in parsed}
    except refs.RefError as exc:
        raise RecomputeError(str(exc)) from None

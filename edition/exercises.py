"""What the "Run it yourself" page lets a student change, without touching a file on disk.

* :func:`variant` gives a copy of the data package in memory with some choices changed: Figure 1
  pointed at another published figure for a year and measure, or a published figure given
  another value ("what if the source had printed …?"). The files in ``data/`` are never written.
* :func:`alternatives` lists the published figures Figure 1 could use for one year and measure.
* :func:`series_changes` and :func:`verdict_changes` show what moved between two packages.
* :func:`figures_of` names the published figures a claim is checked against.
* :func:`table1_rounding` puts Table 1's printed shares beside the recomputed share rounded and
  truncated; :func:`sourced_only` lists the claims nothing independent can check.
* :func:`other_sources` and :func:`rejudge` re-judge a claim with another publication's figure
  in place of the one the edition uses (``variant(swap=...)``).
* ``variant(drop_years=...)`` takes years out of Figure 1; :func:`figure1_points` counts what is drawn.
* :func:`apparel_exports` and :func:`growth` follow North Korea's apparel exports to China across years.
* :func:`wage_split` combines the paper's own numbers on dispatched workers' wages.
* :func:`at_precisions` judges a printed number at several precisions, rounded and truncated.

Every exercise on the "Run it yourself" page says what to change, what to expect and why; the
functions here hold the logic so that the page's cells stay one or two lines.
"""
from __future__ import annotations

import dataclasses
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

import pandas as pd

from . import judge
from .claims import by_id, evaluate
from .data import DataError, Package, package
from .fmt import parse_printed
from .series import MEASURES, annual_series
from .tables import share_rounding, table1_shares

#: How a Figure 1 measure is recorded in ``sourced_figures.csv`` (series, flow).
MEASURE_FIGURES = {
    "china_exports": ("A china_dprk_trade", "china_exports_to_dprk"),
    "china_imports": ("A china_dprk_trade", "china_imports_from_dprk"),
    "total": ("A china_dprk_trade", "total"),
    "china_share": ("A china_share", "china_share_of_dprk_trade"),
}


class VariantPackage(Package):
    """The repository's data package with some choices changed in memory.

    ``figure1``: ``{(year, measure): figure_id}``, the published figure Figure 1 uses instead;
    ``figures``: ``{figure_id: value}``, a published figure's value replaced;
    ``swap``: ``{figure_id: other_figure_id}``, a published figure replaced by another publication's
    figure (its value, printed precision, basis and source), so every claim that uses the first is
    judged with the second; ``drop_years``: years taken out of Figure 1. Every resource is still
    read and validated from the repository's files; the changes are applied to the copy held in
    memory, and checked (the figure must exist, with a value, for that year).
    """

    def __init__(self, base: Package | None = None, figure1: dict | None = None,
                 figures: dict | None = None, swap: dict | None = None,
                 drop_years: set | list | tuple | None = None) -> None:
        base = base or package()
        super().__init__(base.root, base.verify_hash)
        self.base = base.base
        self.figure1_choices = {(int(y), str(m)): str(f) for (y, m), f in (figure1 or {}).items()}
        self.figure_values = {str(k): float(v) for k, v in (figures or {}).items()}
        self.figure_swaps = {str(k): str(v) for k, v in (swap or {}).items()}
        self.drop_years = {int(y) for y in (drop_years or ())}

    def resource(self, name: str):
        if name in self._cache:
            return self._cache[name]
        res = super().resource(name)
        if name == "sourced_figures" and self.figure_swaps:
            res = self._swap(res)
        if name == "sourced_figures" and self.figure_values:
            res = self._replace_values(res)
        elif name == "figure1" and self.figure1_choices:
            res = self._repoint(res)
        if name == "figure1" and self.drop_years:
            res = self._drop(res)
        self._cache[name] = res
        return res

    #: What a swap copies from the other publication's row (the figure keeps its id and place).
    SWAPPED = ("value", "unit", "value_printed", "unit_printed", "qualifier", "basis", "rank",
               "source_key", "quote", "status", "note")

    def _swap(self, res):
        frame = res.frame.copy()
        rows = frame.set_index("figure_id")
        for old, new in self.figure_swaps.items():
            for fid in (old, new):
                if fid not in rows.index:
                    raise DataError(res.path, f"no published figure {fid!r} to swap", column="figure_id")
            a, b = rows.loc[old], rows.loc[new]
            for col in ("series", "flow", "year", "period"):
                if a[col] != b[col]:
                    raise DataError(res.path, f"{new!r} is not the same quantity as {old!r}: {col} is "
                                              f"{b[col]!r}, not {a[col]!r}", column=col)
            where = frame["figure_id"] == old
            for col in self.SWAPPED:
                if col in frame.columns:
                    frame.loc[where, col] = b[col]
        return dataclasses.replace(res, frame=frame)

    def _drop(self, res):
        known = set(res.frame["year"].astype(int))
        missing = sorted(self.drop_years - known)
        if missing:
            raise DataError(res.path, f"Figure 1 has no year {missing[0]} to drop "
                                      f"(years {min(known)}–{max(known)})", column="year")
        keep = ~res.frame["year"].astype(int).isin(self.drop_years)
        lines = [ln for ln, k in zip(res.lines, keep) if k] if res.lines else res.lines
        return dataclasses.replace(res, frame=res.frame[keep].reset_index(drop=True), lines=lines)

    def _replace_values(self, res):
        frame = res.frame.copy()
        known = set(frame["figure_id"])
        for fid, value in self.figure_values.items():
            if fid not in known:
                raise DataError(res.path, f"no published figure {fid!r} to change", column="figure_id")
            frame.loc[frame["figure_id"] == fid, "value"] = value
        return dataclasses.replace(res, frame=frame)

    def _repoint(self, res):
        frame = res.frame.copy()
        figs = self.table("sourced_figures").set_index("figure_id")
        for (year, measure), fid in self.figure1_choices.items():
            if measure not in MEASURE_FIGURES:
                raise DataError(res.path, f"Figure 1 has no measure {measure!r} to re-point "
                                          f"(choose one of {', '.join(MEASURE_FIGURES)})", column="measure")
            if fid not in figs.index:
                raise DataError(res.path, f"no published figure {fid!r}", column="figure_id")
            row = figs.loc[fid]
            if int(row["year"]) != year or row["value"] is None or row["value"] != row["value"]:
                raise DataError(res.path, f"{fid!r} is not a figure with a value for {year}", column="figure_id")
            where = (frame["year"] == year) & (frame["measure"] == measure)
            notes = {"basis_note": f"{row['basis']} (chosen by you: {fid})",
                     "basis_note_ko": f"{row['basis']} (직접 고른 수치: {fid})"}
            notes = {k: v for k, v in notes.items() if k in frame.columns}
            if where.any():
                frame.loc[where, "figure_id"] = fid
                frame.loc[where, "derivation"] = None
                for k, v in notes.items():
                    frame.loc[where, k] = v
            else:
                frame = pd.concat([frame, pd.DataFrame([{"year": year, "measure": measure, "figure_id": fid,
                                                         "derivation": None, **notes}])],
                                  ignore_index=True)
                res = dataclasses.replace(res, lines=list(res.lines) + [0])
        return dataclasses.replace(res, frame=frame)


def variant(base: Package | None = None, *, figure1: dict | None = None, figures: dict | None = None,
            swap: dict | None = None, drop_years=None) -> VariantPackage:
    """A copy of the data package with Figure 1 re-pointed or thinned, or published figures changed."""
    return VariantPackage(base, figure1=figure1, figures=figures, swap=swap, drop_years=drop_years)


def alternatives(pkg: Package, year: int, measure: str) -> pd.DataFrame:
    """The annual published figures Figure 1 could use for *year* and *measure*, the one it uses marked."""
    if measure not in MEASURE_FIGURES:
        raise ValueError(f"choose a measure from {', '.join(MEASURE_FIGURES)}")
    series, flow = MEASURE_FIGURES[measure]
    figs = pkg.table("sourced_figures")
    rows = figs[(figs["series"] == series) & (figs["flow"] == flow) & (figs["year"] == year)
                & (figs["period"] == "annual") & figs["value"].notna()]
    fig1 = pkg.table("figure1")
    used = fig1[(fig1["year"] == year) & (fig1["measure"] == measure)]["figure_id"]
    used = set(used.dropna())
    out = rows[["figure_id", "value", "basis", "source_key", "status"]].copy()
    out.insert(1, "in_figure1", out["figure_id"].isin(used))
    return out.reset_index(drop=True)


def series_changes(before: Package, after: Package) -> pd.DataFrame:
    """Figure 1's points that differ between two packages (value or basis)."""
    a = annual_series(before).set_index(["year", "measure"])
    b = annual_series(after).set_index(["year", "measure"])
    both = a[["value", "basis"]].join(b[["value", "basis"]], how="outer", lsuffix="_before", rsuffix="_after")
    changed = (both["value_before"] != both["value_after"]) | (both["basis_before"] != both["basis_after"])
    return both[changed].reset_index()


def verdict_changes(before: Package, after: Package) -> pd.DataFrame:
    """Claims whose verdict differs between two packages."""
    old = {j.claim_id: j for j in evaluate(before)}
    rows = []
    for j in evaluate(after):
        o = old.get(j.claim_id)
        if o is not None and o.verdict != j.verdict:
            rows.append({"claim_id": j.claim_id, "what": j.claim.what, "printed": j.claim.printed,
                         "before": o.verdict, "after": j.verdict})
    return pd.DataFrame(rows, columns=["claim_id", "what", "printed", "before", "after"])


def figures_of(pkg: Package, claim_id: str) -> dict[str, float]:
    """The published figures (``figure_id`` → value) a claim is checked against."""
    for j in evaluate(pkg):
        if j.claim_id == claim_id:
            return {i.ref.removeprefix("fig:"): float(i.value) for i in j.inputs if i.ref.startswith("fig:")}
    raise KeyError(f"no claim {claim_id!r}")


def table1_rounding(pkg: Package, decimals: int = 2) -> pd.DataFrame:
    """Table 1's printed shares beside the recomputed share, rounded and truncated to *decimals*."""
    step = Decimal(1).scaleb(-decimals)
    rows = []
    for r in table1_shares(pkg).to_dict("records"):
        share, printed = r["share"], r["printed"]
        how = share_rounding(share, printed, step)
        rows.append({"year": int(r["year"]), "region": r["region"], "printed": printed,
                     "share": float(round(share, 4)),
                     "rounded": str(judge.to_step(share, step, ROUND_HALF_UP)),
                     "truncated": str(judge.to_step(share, step, ROUND_DOWN)),
                     "printed_as": "not printed" if how == "none" else how})
    return pd.DataFrame(rows)


def sourced_only(pkg: Package) -> pd.DataFrame:
    """Claims that nothing independent in the bundled data can check (the paper is the only source)."""
    rows = [{"claim_id": j.claim_id, "section": j.claim.section, "what": j.claim.what,
             "printed": j.claim.printed, "paper_source": j.claim.paper_source}
            for j in evaluate(pkg) if j.verdict == judge.SOURCED]
    return pd.DataFrame(rows, columns=["claim_id", "section", "what", "printed", "paper_source"])


# --- one exercise per section of the paper ---------------------------------------------------

def _same_quantity(figs: pd.DataFrame, row: pd.Series) -> pd.Series:
    mask = ((figs["series"] == row["series"]) & (figs["flow"] == row["flow"]) & (figs["year"] == row["year"])
            & (figs["period"] == row["period"]) & (figs["unit"] == row["unit"]) & figs["value"].notna())
    if pd.isna(row["hs_code"]):
        return mask & figs["hs_code"].isna()
    return mask & (figs["hs_code"] == row["hs_code"])


def other_sources(pkg: Package, claim_id: str) -> pd.DataFrame:
    """For each published figure a claim is checked against, the other publications of the same
    quantity (series, flow, year, period, unit, HS code) that could stand in for it."""
    figs = pkg.table("sourced_figures")
    rows = []
    for used in figures_of(pkg, claim_id):
        row = figs[figs["figure_id"] == used].iloc[0]
        others = figs[_same_quantity(figs, row) & (figs["figure_id"] != used)]
        for o in others.to_dict("records"):
            rows.append({"used": used, "used_value": float(row["value"]), "used_basis": row["basis"],
                         "other": o["figure_id"], "other_value": float(o["value"]), "other_basis": o["basis"],
                         "source_key": o["source_key"]})
    return pd.DataFrame(rows, columns=["used", "used_value", "used_basis", "other", "other_value",
                                       "other_basis", "source_key"])


def rejudge(pkg: Package, claim_id: str, swap: dict[str, str]) -> pd.DataFrame:
    """One claim judged with the bundled figures and with *swap* (``{used: other}``) applied."""
    mine = variant(pkg, swap=swap)
    rows = []
    for label, p in (("bundled data", pkg), ("your sources", mine)):
        j = by_id(p)[claim_id]
        rows.append({"data": label, "printed": j.claim.printed,
                     "inputs": ", ".join(f"{i.ref.removeprefix('fig:')} ({i.basis})" for i in j.inputs),
                     "recomputed": None if j.recomputed is None else float(j.recomputed),
                     "verdict": j.verdict, "verdict_ko": judge.VERDICT_KO[j.verdict]})
    return pd.DataFrame(rows).set_index("data")


def figure1_points(pkg: Package) -> pd.DataFrame:
    """How many points each measure of Figure 1 draws, and the years it has no point for."""
    series = annual_series(pkg)
    years = range(int(series["year"].min()), int(series["year"].max()) + 1)
    rows = []
    for measure in MEASURES:
        have = set(series.loc[(series["measure"] == measure) & series["value"].notna(), "year"].astype(int))
        rows.append({"measure": measure, "points": len(have),
                     "years without a point": ", ".join(str(y) for y in years if y not in have)})
    return pd.DataFrame(rows).set_index("measure")


def _hs_of(code) -> str:
    return "" if pd.isna(code) else str(code).split(" ")[0]


def apparel_exports(pkg: Package, hs: str = "62") -> pd.DataFrame:
    """North Korea's apparel exports to China (China's imports) by year, for one HS code as the
    sources print it ("62": woven garments; "61-62": all garments), best-ranked source per year."""
    figs = pkg.table("sourced_figures")
    rows = figs[figs["series"].str.startswith("B ") & (figs["flow"] == "china_imports_from_dprk")
                & (figs["period"] == "annual") & figs["value"].notna()
                & (figs["hs_code"].map(_hs_of) == hs)]
    if rows.empty:
        known = sorted({_hs_of(c) for c in figs.loc[figs["series"].str.startswith("B "), "hs_code"]} - {""})
        raise ValueError(f"no annual apparel exports to China for HS {hs!r}; try one of {', '.join(known)}")
    best = rows.sort_values(["year", "rank"]).drop_duplicates("year")
    out = pd.DataFrame({"year": best["year"].astype(int),
                        "million_usd": best["value"].map(lambda v: float(v) / 1e6),
                        "basis": best["basis"], "figure_id": best["figure_id"],
                        "source_key": best["source_key"]})
    return out.reset_index(drop=True)


def growth(exports: pd.DataFrame, start: int, end: int) -> pd.Series:
    """How many times larger the exports of *end* are than those of *start*, and on what bases."""
    by_year = exports.set_index("year")
    for year in (start, end):
        if year not in by_year.index:
            raise ValueError(f"no figure for {year}; years with one: {', '.join(map(str, by_year.index))}")
    a, b = by_year.loc[start], by_year.loc[end]
    return pd.Series({"from": f"{start}: {a['million_usd']:,.0f} million US$ ({a['basis']})",
                      "to": f"{end}: {b['million_usd']:,.0f} million US$ ({b['basis']})",
                      "times": round(float(b["million_usd"] / a["million_usd"]), 2),
                      "same basis": a["basis"] == b["basis"]})


#: The paper's numbers on dispatched workers' wages (section 5), by claim.
WAGE_CLAIMS = {"wage": "s5_wage_monthly", "finance": "s5_wage_share_finance",
               "trading": "s5_wage_share_trading", "ratio_local": "s5_wage_ratio_local"}


def wage_split(pkg: Package, wage: float | None = None, finance: float | None = None,
               trading: float | None = None, ratio_local: float | None = None) -> pd.DataFrame:
    """Where a month's wage goes, from the paper's own numbers (or the ones you give instead).

    Reads the monthly wage as the wage cost a firm pays, of which *finance* and *trading* per cent
    go to the Ministry of Finance and the trading company and the remainder to the worker (as the
    paper says); *ratio_local* is the paper's "half" of a local Chinese worker's wage.
    """
    claims = by_id(pkg)
    given = {"wage": wage, "finance": finance, "trading": trading, "ratio_local": ratio_local}
    v = {k: float(claims[cid].claim.value) if given[k] is None else float(given[k])
         for k, cid in WAGE_CLAIMS.items()}
    if not 0 <= v["finance"] + v["trading"] <= 100:
        raise ValueError(f"the shares add up to {v['finance'] + v['trading']} per cent: they must stay within 0–100")
    if v["ratio_local"] <= 0:
        raise ValueError("ratio_local must be positive")
    worker = v["wage"] * (100 - v["finance"] - v["trading"]) / 100
    rows = [("wage cost a month", "월 임금 비용", v["wage"]),
            ("to the Ministry of Finance", "재정성 몫", v["wage"] * v["finance"] / 100),
            ("to the trading company", "무역회사 몫", v["wage"] * v["trading"] / 100),
            ("left for the worker", "노동자에게 남는 몫", worker),
            ("local Chinese wage implied", "함의된 현지 중국인 임금", v["wage"] / v["ratio_local"])]
    out = pd.DataFrame(rows, columns=["what", "내용", "yuan"]).set_index("what")
    out["yuan"] = out["yuan"].round(0)
    return out


def at_precisions(pkg: Package, claim_id: str, steps=("1", "5", "10")) -> pd.DataFrame:
    """A claim's printed number against its recomputation at several precisions (steps in the
    printed unit, e.g. millions for "$410 million"): rounded, truncated, and the verdict."""
    j = by_id(pkg)[claim_id]
    if j.recomputed is None:
        raise ValueError(f"{claim_id} has no recomputation (verdict: {j.verdict})")
    scale = parse_printed(j.claim.printed, j.claim.value).scale
    printed = j.claim.value / scale
    recomputed = (j.recomputed / scale).quantize(Decimal("0.0001"))
    rows = []
    for step in steps:
        c = judge.compare(printed, Decimal(str(step)), recomputed)
        rows.append({"step": str(step), "printed": f"{printed.normalize():f}",
                     "recomputed": f"{recomputed.normalize():f}", "rounded": f"{c.rounded.normalize():f}",
                     "truncated": f"{c.truncated.normalize():f}", "verdict": c.verdict,
                     "verdict_ko": judge.VERDICT_KO[c.verdict]})
    return pd.DataFrame(rows).set_index("step")


__all__ = ["MEASURE_FIGURES", "MEASURES", "VariantPackage", "WAGE_CLAIMS", "alternatives", "apparel_exports",
           "at_precisions", "figure1_points", "figures_of", "growth", "other_sources", "rejudge",
           "series_changes", "sourced_only", "table1_rounding", "variant", "verdict_changes", "wage_split"]

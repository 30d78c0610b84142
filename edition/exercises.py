"""What the "Run it yourself" page lets a student change, without touching a file on disk.

* :func:`variant` gives a copy of the data package in memory with some choices changed: Figure 1
  pointed at another published figure for a year and measure, or a published figure given
  another value ("what if the source had printed …?"). The files in ``data/`` are never written.
* :func:`alternatives` lists the published figures Figure 1 could use for one year and measure.
* :func:`series_changes` and :func:`verdict_changes` show what moved between two packages.
* :func:`figures_of` names the published figures a claim is checked against.
* :func:`table1_rounding` puts Table 1's printed shares beside the recomputed share rounded and
  truncated; :func:`sourced_only` lists the claims nothing independent can check.
"""
from __future__ import annotations

import dataclasses
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

import pandas as pd

from . import judge
from .claims import evaluate
from .data import DataError, Package, package
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
    ``figures``: ``{figure_id: value}``, a published figure's value replaced. Every resource is
    still read and validated from the repository's files; the changes are applied to the copy
    held in memory, and checked (the figure must exist, with a value, for that year).
    """

    def __init__(self, base: Package | None = None, figure1: dict | None = None,
                 figures: dict | None = None) -> None:
        base = base or package()
        super().__init__(base.root, base.verify_hash)
        self.base = base.base
        self.figure1_choices = {(int(y), str(m)): str(f) for (y, m), f in (figure1 or {}).items()}
        self.figure_values = {str(k): float(v) for k, v in (figures or {}).items()}

    def resource(self, name: str):
        if name in self._cache:
            return self._cache[name]
        res = super().resource(name)
        if name == "sourced_figures" and self.figure_values:
            res = self._replace_values(res)
        elif name == "figure1" and self.figure1_choices:
            res = self._repoint(res)
        self._cache[name] = res
        return res

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


def variant(base: Package | None = None, *, figure1: dict | None = None,
            figures: dict | None = None) -> VariantPackage:
    """A copy of the data package with Figure 1 re-pointed and/or published figures changed."""
    return VariantPackage(base, figure1=figure1, figures=figures)


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


__all__ = ["MEASURE_FIGURES", "MEASURES", "VariantPackage", "alternatives", "figures_of", "series_changes",
           "sourced_only", "table1_rounding", "variant", "verdict_changes"]

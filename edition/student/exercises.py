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

from ..verdicts import judge
from ..verdicts.claims import by_id, evaluate
from ..verdicts.refs import parse_ref, shown
from ..data.datapackage import DataError, Package, package
from ..core.fmt import decimal_step, ko_year, parse_printed
from ..data.series import MEASURES, annual_series
from ..render.tables import share_rounding, table1_shares

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
                         "before": o.verdict, "after": j.verdict, "what_ko": j.claim.what_ko,
                         "printed_ko": j.claim.text_ko})
    return pd.DataFrame(rows, columns=["claim_id", "what", "printed", "before", "after", "what_ko", "printed_ko"])


def figures_of(pkg: Package, claim_id: str) -> dict[str, float]:
    """The published figures (``figure_id`` → value) a claim is checked against."""
    for j in evaluate(pkg):
        if j.claim_id == claim_id:
            return {r.key: float(i.value) for i in j.inputs if (r := parse_ref(i.ref)).kind == "fig"}
    raise KeyError(f"no claim {claim_id!r}")


def table1_rounding(pkg: Package, decimals: int = 2) -> pd.DataFrame:
    """Table 1's printed shares beside the recomputed share, rounded and truncated to *decimals*."""
    step = decimal_step(decimals)
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
             "printed": j.claim.printed, "paper_source": j.claim.paper_source,
             "what_ko": j.claim.what_ko, "printed_ko": j.claim.text_ko}
            for j in evaluate(pkg) if j.verdict == judge.SOURCED]
    return pd.DataFrame(rows, columns=["claim_id", "section", "what", "printed", "paper_source", "what_ko",
                                       "printed_ko"])


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
        rows.append({"data": label, "printed": j.claim.printed, "printed_ko": j.claim.text_ko,
                     "inputs": ", ".join(f"{shown(i.ref)} ({i.basis})" for i in j.inputs),
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
           "series_changes", "sourced_only", "table1_rounding", "variant", "verdict_changes", "wage_split",
           "Check", "check_answer", "check_decimals", "check_drop", "check_growth", "check_precisions",
           "check_rejudge", "check_series", "check_truncated_row", "check_wage", "localise", "say", "use_language"]


# --- the student's language ------------------------------------------------------------------

#: The language the exercises' outputs speak: None on the site (both languages: tables keep
#: ``verdict_ko``, self-checks show one block per language), "en" or "ko" in a student's notebook
#: (:mod:`edition.student.mode`).
LANG = {"lang": None}

#: Column and index names of the exercises' tables, in Korean.
COLUMNS_KO = {
    "used": "사용한 수치", "used_value": "사용한 값", "used_basis": "사용한 값의 기준", "other": "다른 수치",
    "other_value": "다른 값", "other_basis": "다른 값의 기준", "source_key": "출처 키", "data": "자료",
    "printed": "논문 수치", "inputs": "입력 수치", "recomputed": "재계산 값", "verdict": "판정",
    "figure_id": "수치 ID", "in_figure1": "그림 1에 쓰임", "value": "값", "basis": "기준", "status": "상태",
    "claim_id": "수치 ID", "what": "내용", "before": "이전 판정", "after": "이후 판정", "year": "연도",
    "region": "지역", "share": "비율", "rounded": "반올림", "truncated": "버림", "printed_as": "인쇄 방식",
    "section": "절", "paper_source": "논문이 밝힌 출처", "measure": "측정값", "points": "점 수",
    "years without a point": "점이 없는 연도", "million_usd": "백만 달러", "step": "단위", "yuan": "위안",
    "from": "시작", "to": "끝", "times": "배수", "same basis": "같은 기준", "claims": "수치 수",
    "value_before": "이전 값", "value_after": "이후 값", "basis_before": "이전 기준", "basis_after": "이후 기준",
    "count": "개수",
}
#: Values that are words of the interface, in Korean (verdicts come from judge's vocabulary).
VALUES_KO = {"bundled data": "편집본 자료", "your sources": "여러분이 고른 출처", "rounded": "반올림",
             "truncated": "버림", "both": "둘 다", "not printed": "인쇄되지 않음", "none": "해당 없음",
             "differs": "불일치", "neither": "어느 쪽도 아님", "figures changed:": "바꾼 공개 수치:",
             "vs": "대"}


def say(*parts: object) -> None:
    """``print`` in the student's language: verdicts and the interface's words in Korean in a
    Korean notebook (both lines on the site, which shows both languages)."""
    for lang in [LANG["lang"]] if LANG["lang"] else ["en", "ko"]:
        print(*(_word_ko(p) if lang == "ko" else p for p in parts))


def use_language(lang: str | None) -> None:
    """Speak *lang* from now on in this kernel (``None``: both languages, as on the site)."""
    LANG["lang"] = lang
    register_display()


def tables_html(table) -> str:
    """A table's HTML in each language shown: one ``lang-xx`` block per language (the site's switch
    shows one; a student's notebook writes only its own, :mod:`edition.core.bilingual`)."""
    from ..core.bilingual import LANGS, lang_div

    frame = table.to_frame() if isinstance(table, pd.Series) else table
    return "".join(lang_div(lang, localise(frame, lang)._repr_html_()) for lang in LANGS)


def register_display() -> None:
    """Show every DataFrame and Series of the kernel through :func:`tables_html` (data unchanged).

    Called when this module is imported in IPython (the "Run it yourself" notebook), so that the
    site's Korean mode shows Korean column names and verdicts as well.
    """
    try:
        ip = get_ipython()  # type: ignore[name-defined]  # noqa: F821
    except NameError:
        return
    html = ip.display_formatter.formatters["text/html"]
    plain = ip.display_formatter.formatters["text/plain"]
    html.for_type(pd.DataFrame, tables_html)
    html.for_type(pd.Series, tables_html)
    plain.for_type(pd.DataFrame, lambda df, p, cycle: p.text(repr(localise(df))))
    plain.for_type(pd.Series, lambda s, p, cycle: p.text(repr(localise(s))))


def _word_ko(value):
    """One cell's value in Korean: a verdict or a word of the interface (numbers stay as they are)."""
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return "예" if value else "아니요"
    if isinstance(value, str):
        return judge.VERDICT_KO.get(value, VALUES_KO.get(value, value))
    return value


def _twins(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A column X with a Korean twin X_ko (the claim's wording and its printed figure in Korean):
    in Korean the twin takes X's place, in English it is left out."""
    twins = [c for c in table.columns if isinstance(c, str) and c.endswith("_ko") and c != "verdict_ko"
             and c[:-3] in table.columns]
    out = table.copy()
    if lang == "ko":
        for twin in twins:
            out[twin[:-3]] = out[twin]
    return out.drop(columns=twins)


def localise(table, lang: str | None = None):
    """A table (DataFrame or Series) in *lang* (default: the kernel's): one verdict column, names and
    words of the interface translated. Without a language, the table as it is."""
    lang = lang or LANG["lang"]
    if lang is None:
        return table
    if isinstance(table, pd.DataFrame):
        out = _twins(table, lang)
        out = out.drop(columns=[c for c in ("verdict_ko", "내용" if lang == "en" else "") if c in out.columns])
        if lang == "ko" and "내용" in out.columns and out.index.name == "what":
            out = out.set_index("내용")
    else:
        out = table.copy()
    if lang != "ko":
        return out
    out = out.map(_word_ko)
    ko = lambda name: COLUMNS_KO.get(name, name) if isinstance(name, str) else name  # noqa: E731
    if isinstance(out, pd.DataFrame):
        out = out.rename(columns=ko)
    if out.index.nlevels == 1:
        out.index = pd.Index([ko(_word_ko(v)) for v in out.index], name=ko(out.index.name))
    if isinstance(out, pd.Series):
        out.name = ko(out.name)
    return out


# --- self-checks -------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Check:
    """A self-check's answer: right or not yet, and why, in both languages."""

    right: bool
    why_en: str
    why_ko: str

    def text(self, lang: str) -> str:
        if lang == "ko":
            return ("✓ 맞았다. " if self.right else "… 아직이다. ") + self.why_ko
        return ("✓ Right. " if self.right else "… Not yet. ") + self.why_en

    def __repr__(self) -> str:
        langs = [LANG["lang"]] if LANG["lang"] else ["en", "ko"]
        return "\n".join(self.text(lang) for lang in langs)

    def _repr_html_(self) -> str:
        from ..core import escape
        from ..core.bilingual import both

        cls = "self-check " + ("self-check-right" if self.right else "self-check-not-yet")
        def render(lang: str) -> str:
            parts = escape.text(self.text(lang)).split("`")  # `name` as code, as in the exercise's text
            return "<p><strong>" + "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts)) + \
                "</strong></p>"

        return both(render, cls)


def _changed(name_en: str, name_ko: str) -> Check:
    return Check(False, f"First change {name_en} as the exercise says, then run the cells again.",
                 f"먼저 연습이 말하는 대로 {name_ko} 바꾼 뒤 셀들을 다시 실행하라.")


def check_rejudge(base: Package, claim: str, swap: dict, want: str) -> Check:
    """Exercises 1 and 7: with *swap*, the recomputation moves and the verdict stays ("same") or
    moves to *want*."""
    if not swap:
        return _changed("`swap`", "`swap`을")
    table = rejudge(base, claim, swap)
    (old, new) = (table.iloc[0], table.iloc[-1])
    moved = old["recomputed"] != new["recomputed"]
    if want == "same":
        ok = moved and old["verdict"] == new["verdict"]
        return Check(ok, f"The recomputed value moved from {old['recomputed']:.4g} to {new['recomputed']:.4g} "
                         f"and the verdict {'stayed' if old['verdict'] == new['verdict'] else 'moved'}: "
                         f"{new['verdict']}." if moved else "Nothing moved: swap a figure the claim uses.",
                     f"재계산 값이 {old['recomputed']:.4g}에서 {new['recomputed']:.4g}(으)로 움직였고 판정은 "
                     f"{'그대로' if old['verdict'] == new['verdict'] else '바뀌어'} "
                     f"{judge.VERDICT_KO[new['verdict']]}이다." if moved else
                     "아무것도 움직이지 않았다. 이 수치가 쓰는 공개 수치를 바꾸어 보라.")
    ok = new["verdict"] == want and old["verdict"] != want
    return Check(ok, f"The verdict is now {new['verdict']} (it was {old['verdict']}).",
                 f"판정은 이제 {judge.VERDICT_KO[new['verdict']]}이다(원래는 {judge.VERDICT_KO[old['verdict']]}).")


def check_series(base: Package, mine: Package, year: int, measure: str) -> Check:
    """Exercise 2: Figure 1 moves at *year* only, and no verdict moves."""
    if (year, measure) == (2011, "china_share"):
        return _changed("`year` or `measure`", "`year`나 `measure`를")
    changes = series_changes(base, mine)
    moved = verdict_changes(base, mine)
    years = sorted(set(changes["year"].astype(int))) if len(changes) else []
    ok = years == [year] and moved.empty
    return Check(ok, f"Figure 1 changed at {years or 'no year'}; verdicts moved: {len(moved)}.",
                 f"그림 1이 바뀐 해: {years or '없음'}; 바뀐 판정: {len(moved)}개.")


def check_drop(base: Package, thinner: Package, drop) -> Check:
    """Exercise 3: each line loses the dropped years, and no verdict moves."""
    if list(drop) == [2011]:
        return _changed("the years in `drop`", "`drop`의 연도를")
    before, after = figure1_points(base), figure1_points(thinner)
    lost = int((before["points"] - after["points"]).sum())
    moved = verdict_changes(base, thinner)
    ok = lost > 0 and moved.empty
    return Check(ok, f"The lines lost {lost} points in all; verdicts moved: {len(moved)}.",
                 f"선들이 모두 {lost}개의 점을 잃었다. 바뀐 판정: {len(moved)}개.")


def check_decimals(base: Package, decimals: int) -> Check:
    """Exercise 4: at another precision the count of how the shares were printed changes."""
    if decimals == 2:
        return _changed("`decimals`", "`decimals`를")
    at2 = table1_rounding(base, 2)["printed_as"].value_counts().to_dict()
    now = table1_rounding(base, decimals)["printed_as"].value_counts().to_dict()
    return Check(now != at2, f"At {decimals} decimals: {now}; at 2: {at2}.",
                 f"소수점 {decimals}자리: {now}; 2자리: {at2}.")


def check_truncated_row(shares: pd.DataFrame, year: int, region: str) -> Check:
    """Exercise 5: the row chosen is one whose printed share follows only from truncation."""
    row = shares[(shares["year"] == year) & (shares["region"] == region)]
    if row.empty:
        return Check(False, f"Table 1 has no row {year}, {region}.", f"표 1에 {ko_year(year)} {region} 행이 없다.")
    how = row.iloc[0]["printed_as"]
    ok = how == "truncated"
    return Check(ok, f"{region} {year} is printed as: {how}.", f"{ko_year(year)} {region}의 인쇄 방식: {_ko_value(how)}.")


def _ko_value(value):
    return VALUES_KO.get(value, judge.VERDICT_KO.get(value, value))


def check_growth(hs: str, start: int, end: int, result: pd.Series) -> Check:
    """Exercise 6: another pair of years (or HS code), and the multiple read with its bases."""
    if (hs, start, end) == ("62", 2009, 2015):
        return _changed("`start`, `end` or `hs`", "`start`, `end`, `hs` 가운데 하나를")
    same = bool(result["same basis"])
    return Check(True, f"{result['times']} times; same basis: {'yes' if same else 'no, two ways of counting'}.",
                 f"{result['times']}배; 같은 기준: {'예' if same else '아니요, 두 가지 집계 방식'}.")


def check_wage(base: Package, wage, finance, trading) -> Check:
    """Exercise 8: the worker's share moves by what the shares give up; the local wage does not."""
    if (wage, finance, trading) == (None, None, None):
        return _changed("`finance`, `trading` or `wage`", "`finance`, `trading`, `wage` 가운데 하나를")
    paper = wage_split(base)["yuan"]
    mine = wage_split(base, wage=wage, finance=finance, trading=trading)["yuan"]
    local_same = paper.iloc[4] == mine.iloc[4]
    gave = mine.iloc[0] - mine.iloc[1] - mine.iloc[2]
    ok = abs(gave - mine.iloc[3]) <= 1 and (local_same or wage is not None)
    return Check(ok, f"Left for the worker: {mine.iloc[3]:,.0f} yuan (paper's numbers: {paper.iloc[3]:,.0f}); "
                     f"local wage implied {'unchanged' if local_same else 'changed with the wage'}.",
                 f"노동자에게 남는 몫: {mine.iloc[3]:,.0f}위안(논문의 수치로는 {paper.iloc[3]:,.0f}위안); 함의된 현지 "
                 f"임금은 {'그대로' if local_same else '임금과 함께 바뀜'}.")


def check_precisions(table: pd.DataFrame) -> Check:
    """Exercise 9: *differs* at the finest step and *matches* at ten (in the printed unit)."""
    steps = list(table.index)
    if "10" not in steps:
        return _changed('`steps` (add "5" and "10")', '`steps`를("5"와 "10"을 더해)')
    ok = table.loc["10", "verdict"] == judge.MATCHES and (table["verdict"] != judge.MATCHES).any()
    return Check(ok, ", ".join(f"{s}: {v}" for s, v in table["verdict"].items()) + ".",
                 ", ".join(f"{s}: {judge.VERDICT_KO[v]}" for s, v in table["verdict"].items()) + ".")


def check_answer(answer, right, question_en: str, question_ko: str) -> Check:
    """An exercise whose check is a question about what the output shows."""
    if answer is None:
        return Check(False, f"Put your answer in `answer`: {question_en}", f"`answer`에 답을 넣어라: {question_ko}")
    ok = str(answer).strip().lower() == str(right).lower()
    return Check(ok, f"Your answer: {answer!r}." + ("" if ok else " Look at the counts again."),
                 f"여러분의 답: {answer!r}." + ("" if ok else " 집계를 다시 보라."))


register_display()

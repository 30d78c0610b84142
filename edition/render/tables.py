"""Tables 1 and 2 rendered from data in both languages, and the per-chapter discrepancy box."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pandas as pd

from ..core import escape, fmt
from ..verdicts import judge
from . import labels
from ..core.bilingual import both
from ..data.datapackage import Package
from ..verdicts.refs import cells_in, parse_args, shown

T1 = {
    "en": {"region": "Region", "value": "Value (US$ 1,000)", "printed": "% (paper)", "recomputed": "% recomputed",
           "how": "printed as", "rounded": "rounded", "truncated": "truncated", "neither": "neither",
           "none": "—", "total": "Total (recomputed)",
           "caption": "Table 1 rebuilt from data: the paper's values and percentages, with each share recomputed "
                      "from the column total to four decimals and the way the printed figure was obtained."},
    "ko": {"region": "지역", "value": "금액(천 달러)", "printed": "%(논문)", "recomputed": "%(재계산)",
           "how": "산출 방식", "rounded": "반올림", "truncated": "버림", "neither": "반올림·버림 모두 아님",
           "none": "—", "total": "합계(재계산)",
           "caption": "자료로 재구성한 표 1: 논문의 금액과 비율, 그리고 열 합계로 다시 계산한 비율(소수점 넷째 자리)과 "
                      "논문 수치의 산출 방식."},
}


def table1_shares(pkg: Package) -> pd.DataFrame:
    """Table 1 with each region's share recomputed from its column total (in percent, exact)."""
    t1 = pkg.table("table1").sort_values(["year", "rank"]).copy()
    totals = t1.groupby("year")["value_kusd"].transform("sum")
    t1["share"] = [Decimal(int(v)) * 100 / Decimal(int(t)) for v, t in zip(t1["value_kusd"], totals)]
    t1["printed"] = pd.Series([p if isinstance(p, str) and p else None for p in t1["share_printed"]],
                              index=t1.index, dtype=object)
    return t1


def share_rounding(share: Decimal, printed: str | None, step: Decimal | None = None) -> str:
    """Whether a printed share was rounded or truncated from the recomputed one ('none' if not
    printed), at the printed share's own precision unless a *step* is given (a student's knob)."""
    if not (isinstance(printed, str) and printed):
        return "none"
    return judge.printed_as(printed, fmt.printed_step(printed) if step is None else step, share)


def table1_frame(pkg: Package, lang: str = "en") -> pd.DataFrame:
    lab = T1[lang]
    pieces = []
    for year, rows in table1_shares(pkg).groupby("year"):
        total = int(rows["value_kusd"].sum())
        out = []
        for r in rows.to_dict("records"):
            how = share_rounding(r["share"], r["printed"])
            out.append({
                lab["region"]: r["region"] if lang == "en" else r["region_ko"],
                lab["value"]: f"{int(r['value_kusd']):,}",
                lab["printed"]: r["printed"] or lab["none"],
                lab["recomputed"]: f"{r['share']:.4f}",
                lab["how"]: lab[how] if how != "none" else lab["none"],
            })
        out.append({lab["region"]: lab["total"], lab["value"]: f"{total:,}", lab["printed"]: "",
                    lab["recomputed"]: "100.0000", lab["how"]: ""})
        frame = pd.DataFrame(out)
        frame.index = range(1, len(frame) + 1)
        frame.columns = pd.MultiIndex.from_product([[str(year)], frame.columns])
        pieces.append(frame)
    return pd.concat(pieces, axis=1).fillna("")


def _bilingual(render) -> str:
    return both(render, "table-block")


UNIT_LABELS = {"USD thousand": {"en": "(Value unit: US$ 1,000)", "ko": "(금액 단위: 천 달러)"}}


def unit_line(pkg: Package, resource: str, field: str, lang: str) -> str:
    """The table's unit line, as the paper prints it, from the unit the data package records."""
    spec = next(f for f in pkg.spec(resource)["schema"]["fields"] if f["name"] == field)
    return UNIT_LABELS[spec["unit"]][lang]


T1_PAPER = {
    "en": {"rank": "Rank", "pct": "%", "value": "Value", "total": "Total*", "recheck": "Shares recomputed from the column totals",
           "star": "* Totals are the edition's, summed from the column; the paper prints none.",
           "year": "Year"},
    "ko": {"rank": "순위", "pct": "%", "value": "금액", "total": "합계*", "recheck": "열 합계로 다시 계산한 비율",
           "star": "* 합계는 편집본이 열을 더해 구한 값이며, 논문에는 합계가 없다.", "year": "연도"},
}


def _table1_paper(pkg: Package, lang: str) -> str:
    """Table 1 as the paper sets it: one row per rank, each year's region, value and printed
    share side by side, and the recomputed totals on one last row."""
    lab, pl = T1[lang], T1_PAPER[lang]
    shares = table1_shares(pkg)
    years = sorted(shares["year"].unique())
    by_year = {y: shares[shares["year"] == y].sort_values("rank").to_dict("records") for y in years}
    depth = max(len(rows) for rows in by_year.values())
    head1 = f'<th scope="col" rowspan="2">{escape.text(pl["rank"])}</th>' + "".join(
        f'<th scope="colgroup" colspan="3" class="t1-year">{int(y)}</th>' for y in years)
    head2 = "".join(f'<th scope="col">{escape.text(lab["region"])}</th>'
                    f'<th scope="col" class="num">{escape.text(pl["value"])}</th>'
                    f'<th scope="col" class="num">{escape.text(pl["pct"])}</th>' for _ in years)
    body = []
    for i in range(depth):
        cells = [f'<th scope="row" class="num">{i + 1}</th>']
        for y in years:
            rows = by_year[y]
            if i < len(rows):
                r = rows[i]
                region = r["region"] if lang == "en" else r["region_ko"]
                cells.append(f'<td>{escape.text(region)}</td><td class="num">{int(r["value_kusd"]):,}</td>'
                             f'<td class="num">{escape.text(r["printed"] or "")}</td>')
            else:
                cells.append("<td></td><td></td><td></td>")
        body.append(f'<tr>{"".join(cells)}</tr>')
    total = [f'<th scope="row">{escape.text(pl["total"])}</th>']
    for y in years:
        t = sum(int(r["value_kusd"]) for r in by_year[y])
        total.append(f'<td></td><td class="num">{t:,}</td><td></td>')
    body.append(f'<tr class="t1-total">{"".join(total)}</tr>')
    return (f'<table class="edition-table table1"><thead><tr>{head1}</tr><tr>{head2}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


def _table1_recheck(pkg: Package, lang: str) -> str:
    """The edition's check of each printed share: recomputed to four decimals, and how the
    printed figure was obtained (rounded or truncated); a narrow table under the paper's."""
    lab, pl = T1[lang], T1_PAPER[lang]
    rows = []
    for r in table1_shares(pkg).to_dict("records"):
        how = share_rounding(r["share"], r["printed"])
        region = r["region"] if lang == "en" else r["region_ko"]
        rows.append(f'<tr><td class="num">{int(r["year"])}</td><td>{escape.text(region)}</td>'
                    f'<td class="num">{escape.text(r["printed"] or lab["none"])}</td>'
                    f'<td class="num">{r["share"]:.4f}</td>'
                    f'<td>{escape.text(lab[how] if how != "none" else lab["none"])}</td></tr>')
    head = "".join(f'<th scope="col">{escape.text(h)}</th>' for h in
                   (pl["year"], lab["region"], lab["printed"], lab["recomputed"], lab["how"]))
    return (f'<details class="table1-recheck"><summary>{escape.text(pl["recheck"])}</summary>'
            f'<p class="table-note">{escape.text(lab["caption"])}</p>'
            f'<div class="table-scroll" tabindex="0"><table class="edition-table table1-shares">'
            f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div></details>')


def table1_html(pkg: Package) -> str:
    def render(lang: str) -> str:
        unit = escape.text(unit_line(pkg, "table1", "value_kusd", lang))
        star = T1_PAPER[lang]["star"]
        return (f'<p class="table-unit">{unit}</p>'
                f'<div class="table-scroll" tabindex="0">{_table1_paper(pkg, lang)}</div>'
                f'<p class="table-note">{escape.text(star)}</p>{_table1_recheck(pkg, lang)}')
    return _bilingual(render)


def table2_marks(pkg: Package) -> dict[str, list[tuple[str, str, str]]]:
    """Marks for Table 2's cells that are claims or figures of an internal inconsistency.

    Keys: ``"<resolution>"`` (its date) and ``"<resolution>:<measure_no>"`` (a measure); values:
    (anchor in the ledger, verdict, claim or relation id). Claims name their cell with
    ``t2=<resolution>[:<measure_no>]`` in ``args``; relations with ``t2:``/``t2m:`` inputs.
    """
    from ..verdicts.claims import evaluate
    from ..verdicts.relations import evaluate as relations

    out: dict[str, list[tuple[str, str, str]]] = {}
    for j in evaluate(pkg):
        for cell in cells_in(parse_args(j.claim.args)):  # t2=<resolution>[:<measure_no>]
            out.setdefault(cell, []).append((f"claim-{j.claim_id}", j.verdict, j.claim_id))
    for c in relations(pkg):
        if c.verdict != judge.INTERNAL_BAD:
            continue
        for cell in cells_in(parse_args(c.relation.args)):
            out.setdefault(cell, []).append((c.relation.relation_id, c.verdict, c.relation.relation_id))
    return out


def _source_amount(inp, claim, lang: str) -> str:
    """A source's figure as the claims are formatted: a date as a date, else its own unit."""
    if claim.unit == "date":
        return labels.date(inp.value, lang)
    same = inp.unit in ("", claim.unit)
    return fmt.figure(inp.value, inp.unit or claim.unit, lang, claim.ko_suffix if same else "")


def discrepancy_text(j, lang: str) -> str:
    """One line of the editorial box: the number as printed (with its comparator) and what the
    sources or the recomputation give, formatted like the claims ("논문 표기 13억 8,000만 달러;
    한국무역협회 자료 13억 7,371만 달러")."""
    what = j.claim.what if lang == "en" else j.claim.what_ko
    bases = Counter(s.input.basis for s in j.sources)
    srcs = "; ".join(labels.source_figure(labels.basis(s.input.basis, lang), shown(s.input.ref),
                                          _source_amount(s.input, j.claim, lang), lang,
                                          with_ref=bases[s.input.basis] > 1) for s in j.sources)
    if not srcs and j.recomputed is not None:
        srcs = f"{labels.RECOMPUTED[lang]} {labels.recomputed(j, lang)}"
    return f"{what}: {labels.PAPER_PRINTS[lang]} {j.claim.shown(lang)}" + (f"; {srcs}." if srcs else ".")


def _display(markup: str):
    from IPython.display import HTML

    return HTML(markup)


def table1_display(pkg: Package):
    return _display(table1_html(pkg))

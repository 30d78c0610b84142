"""The annual China–DPRK trade series behind Figure 1, with each value's basis.

``data/figure1.csv`` chooses, for each year and measure, one published figure (``figure_id``) or a
derivation from other measures of the same year (``total - china_exports``). The balance is always
derived (China's exports − China's imports = North Korea's deficit with China). A student can
point a year at another source and watch Figure 1 and the ledger change.
"""
from __future__ import annotations

import ast
import operator
from dataclasses import dataclass

import pandas as pd

from ..core import escape
from ..core.bilingual import lang_div
from .datapackage import DataError, Package, is_missing

MEASURES = ("china_exports", "china_imports", "total", "balance", "china_share")
_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


@dataclass(frozen=True)
class Point:
    year: int
    measure: str
    value: float
    basis: str
    basis_ko: str
    figure_id: str | None
    source_key: str | None


def _eval(expr: str, names: dict[str, float]) -> float:
    """Evaluate + − × ÷ over named values; anything else is refused."""
    def walk(node: ast.AST) -> float:
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            return _OPS[type(node.op)](walk(node.left), walk(node.right))
        if isinstance(node, ast.Name):
            if node.id not in names:
                raise KeyError(node.id)
            return names[node.id]
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return float(node.value)
        raise ValueError(f"unsupported expression element {ast.dump(node)}")
    return walk(ast.parse(expr, mode="eval"))


def annual_series(pkg: Package) -> pd.DataFrame:
    """One row per year and measure: value (USD, or percent for china_share), basis, source."""
    fig = pkg.resource("figure1")
    figs = pkg.table("sourced_figures").set_index("figure_id")
    points: dict[tuple[int, str], Point] = {}
    pending = []
    for i, rec in enumerate(fig.frame.to_dict("records")):
        fid = rec["figure_id"] if isinstance(rec["figure_id"], str) else None
        if fid:
            row = figs.loc[fid]
            points[(rec["year"], rec["measure"])] = Point(rec["year"], rec["measure"], float(row["value"]),
                                                          rec["basis_note"], rec["basis_note_ko"], fid,
                                                          row["source_key"])
        elif isinstance(rec["derivation"], str) and rec["derivation"]:
            pending.append((i, rec))
        else:
            raise DataError(fig.path, "needs a figure_id or a derivation", i + 1, "figure_id", fig.lines[i])
    for i, rec in pending:
        names = {m: p.value for (y, m), p in points.items() if y == rec["year"]}
        names.update({fid: float(figs.loc[fid]["value"]) for fid in figs.index
                      if fid in rec["derivation"] and not is_missing(figs.loc[fid]["value"])})
        try:
            value = _eval(rec["derivation"], names)
        except (KeyError, ValueError, SyntaxError) as exc:
            raise DataError(fig.path, f"cannot derive {rec['derivation']!r}: {exc}", i + 1,
                            "derivation", fig.lines[i]) from None
        points[(rec["year"], rec["measure"])] = Point(rec["year"], rec["measure"], value,
                                                      rec["basis_note"], rec["basis_note_ko"], None, None)
    for year in sorted({y for y, _ in points}):
        exp, imp = points.get((year, "china_exports")), points.get((year, "china_imports"))
        if exp and imp:
            points[(year, "balance")] = Point(year, "balance", exp.value - imp.value,
                                              "derived: China's exports − imports",
                                              "도출값: 중국의 수출 − 수입", None, None)
    frame = pd.DataFrame([p.__dict__ for p in points.values()])
    return frame.sort_values(["year", "measure"]).reset_index(drop=True)


MEASURE_NAMES = {
    "en": {"china_exports": "exports", "china_imports": "imports", "total": "total",
           "china_share": "China's share"},
    "ko": {"china_exports": "수출", "china_imports": "수입", "total": "총액", "china_share": "중국 비중"},
}
CAPTION_LEAD = {
    "en": "Basis of each year's values in the rebuilt figure (the balance is always China's exports − imports):",
    "ko": "재구성한 그림의 연도별 수치 근거(수지는 언제나 중국의 수출 − 수입):",
}


def basis_by_year(pkg: Package, lang: str = "en") -> list[tuple[int, str]]:
    """For each year, which basis each measure rests on, as one line: the figure's caption.

    Years whose measures all rest on one basis get one phrase; otherwise each measure is named.
    """
    frame = annual_series(pkg)
    frame = frame[frame["measure"] != "balance"]
    col = "basis" if lang == "en" else "basis_ko"
    names = MEASURE_NAMES[lang]
    lines = []
    for year, rows in frame.groupby("year"):
        groups: dict[str, list[str]] = {}
        for measure, basis in zip(rows["measure"], rows[col]):
            groups.setdefault(basis, []).append(names[measure])
        lines.append((int(year), "; ".join(f"{', '.join(ms)}: {b}" for b, ms in groups.items())))
    return lines


def basis_caption_html(pkg: Package) -> str:
    blocks = []
    for lang in ("en", "ko"):
        items = "".join(f"<li><strong>{y}</strong> — {escape.text(text)}</li>"
                        for y, text in basis_by_year(pkg, lang))
        blocks.append(lang_div(lang, f'<p>{CAPTION_LEAD[lang]}</p><ul class="basis-list">{items}</ul>',
                               "figure-basis"))
    return "".join(blocks)

"""Figure 1 rebuilt with Altair, in English and Korean, with a text alternative.

Each chart is compiled from Vega-Lite to Vega when the book is built (:func:`vega_spec`) and drawn
by the vendored vega and vega-embed (``_static/lib``), so the page makes no outside request and
loads no Vega-Lite compiler; each language gets its own chart (titles, axes, tooltips) and a data table inside a
``<details>`` for readers who cannot see it.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from ..core import escape
from ..core.bilingual import lang_div
from ..data.datapackage import Package
from .labcharts import loader_html
from ..data.series import annual_series

LABELS = {
    "en": {
        "china_exports": "China's exports to North Korea", "china_imports": "China's imports from North Korea",
        "total": "Total trade", "balance": "Balance (North Korea's deficit)",
        "china_share": "China's share of North Korea's total trade (KOTRA)",
        "year": "Year", "usd": "Million US$", "pct": "%", "measure": "Series", "value": "Value",
        "basis": "Basis", "title": "North Korea's official trade with China, 2002–2019 (rebuilt)",
        "share_title": "China's share of North Korea's total trade (%)",
        "table": "Data table for Figure 1 (million US$; share in %)", "missing": "–",
    },
    "ko": {
        "china_exports": "중국의 대북 수출", "china_imports": "중국의 대북 수입",
        "total": "교역 총액", "balance": "수지(북한의 적자)",
        "china_share": "북한 대외교역 중 중국 비중(KOTRA)",
        "year": "연도", "usd": "백만 달러", "pct": "%", "measure": "계열", "value": "값",
        "basis": "집계 기준", "title": "북한의 대중국 공식 교역, 2002–2019년(재구성)",
        "share_title": "북한 대외교역 중 중국 비중(%)",
        "table": "그림 1의 자료표(백만 달러, 비중은 %)", "missing": "–",
    },
}
MONEY = ("china_exports", "china_imports", "total", "balance")
COLOURS = ["#1f5f99", "#b3471d", "#2f6b2f", "#6b4c9a"]


def _frame(pkg: Package, lang: str) -> pd.DataFrame:
    s = annual_series(pkg).copy()
    lab = LABELS[lang]
    s["series"] = s["measure"].map(lab)
    s["shown"] = [v / 1e6 if m in MONEY else v for m, v in zip(s["measure"], s["value"])]
    s["shown"] = s["shown"].round(1)
    s["source"] = s["source_key"].fillna("")
    if lang == "ko" and "basis_ko" in s:
        s["basis"] = s["basis_ko"].where(s["basis_ko"].notna(), s["basis"])
    return _with_gaps(s, lab)


def _with_gaps(s: pd.DataFrame, lab: dict) -> pd.DataFrame:
    """Add an empty row for each year a series has no published figure, so its line breaks there
    instead of joining straight across the gap (2009's split, for instance)."""
    years = range(int(s["year"].min()), int(s["year"].max()) + 1)
    have = set(zip(s["year"], s["measure"]))
    missing = [{"year": y, "measure": m, "series": lab[m], "shown": float("nan"), "basis": lab["missing"]}
               for m in s["measure"].unique() for y in years if (y, m) not in have]
    return pd.concat([s, pd.DataFrame(missing)], ignore_index=True) if missing else s


def _tooltip(lab: dict) -> list:
    return [alt.Tooltip("year:O", title=lab["year"]), alt.Tooltip("series:N", title=lab["measure"]),
            alt.Tooltip("shown:Q", title=lab["value"], format=",.1f"),
            alt.Tooltip("basis:N", title=lab["basis"])]


def _x(lab: dict, years: list[int]) -> alt.X:
    # Quantitative years thin their own labels on a narrow screen (no sideways scrolling).
    return alt.X("year:Q", title=lab["year"], scale=alt.Scale(domain=[min(years), max(years)], nice=False,
                                                               zero=False),
                 axis=alt.Axis(format="d", tickMinStep=1, labelOverlap=True, labelSeparation=6))


#: Each chart fills its column: the width follows the container (desktop and phone alike) and
#: "fit" keeps axes and legend inside it; the height given is the whole chart's.
AUTOSIZE = alt.AutoSizeParams(type="fit", contains="padding", resize=True)


#: The data columns a chart of Figure 1 reads (x, colour, y and the tooltip).
CHART_FIELDS = ("year", "series", "shown", "basis")


def figure1_charts(pkg: Package, lang: str = "en") -> tuple[alt.LayerChart, alt.Chart]:
    """Figure 1 as two charts, each embedded on its own: the trade lines, and China's share.

    (Inside a ``vconcat`` a ``width="container"`` collapses, so the two panels are separate.)
    """
    lab = LABELS[lang]
    s = _frame(pkg, lang)
    years = sorted(int(y) for y in s["year"].unique())
    # Only the columns the marks and tooltips read: each row of the data travels in the page's
    # inline spec, once per chart and language (page weight).
    money = s.loc[s["measure"].isin(MONEY), list(CHART_FIELDS)]
    share = s.loc[s["measure"] == "china_share", list(CHART_FIELDS)]
    order = [lab[m] for m in MONEY]
    base = alt.Chart(money).encode(
        x=_x(lab, years),
        y=alt.Y("shown:Q", title=lab["usd"]),
        # titled for screen readers (Vega names the field in each mark's label), legend untitled
        color=alt.Color("series:N", title=lab["measure"], sort=order,
                        scale=alt.Scale(domain=order, range=COLOURS),
                        legend=alt.Legend(title=None, orient="bottom", direction="vertical", labelLimit=0)),
        tooltip=_tooltip(lab),
    )
    trade = (base.mark_line(strokeWidth=2, invalid="break-paths-filter-domains") + base.mark_point(filled=True, size=45)).properties(
        width="container", height=360, autosize=AUTOSIZE, description=lab["title"])
    share_chart = alt.Chart(share).mark_line(point=True, color="#555555", invalid="break-paths-filter-domains").encode(
        x=_x(lab, years),
        y=alt.Y("shown:Q", title=lab["pct"], scale=alt.Scale(domain=[0, 100])),
        tooltip=_tooltip(lab),
    ).properties(width="container", height=170, autosize=AUTOSIZE, description=lab["share_title"])
    # 11 px labels and legend: 8.25 pt in the PDF, where the chart is drawn at the text width.
    style = {"view": {"stroke": None}, "axis": {"labelFontSize": 11}, "legend": {"labelFontSize": 11}}
    return (trade.configure(**style), share_chart.configure(**style))


def figure1_table(pkg: Package, lang: str = "en") -> pd.DataFrame:
    """The text alternative: one row per year, one column per series, with the basis."""
    lab = LABELS[lang]
    s = _frame(pkg, lang)
    wide = s.pivot(index="year", columns="measure", values="shown")
    cols = [m for m in ("china_exports", "china_imports", "total", "balance", "china_share") if m in wide]
    wide = wide[cols].rename(columns=lab)
    basis = s[s["measure"] == "total"].set_index("year")["basis"]
    wide[lab["basis"]] = basis
    wide.index.name = lab["year"]
    return wide


def vega_spec(chart: alt.TopLevelMixin) -> dict:
    """The chart compiled from Vega-Lite to Vega at build time (vl-convert, no Node, no network).

    Why: the page then needs only vega and vega-embed, not the 0.25 MB vega-lite compiler, which
    keeps the chart pages under the 1.5 MB page-weight budget. The Vega-Lite version is the one
    Altair writes its specs for.
    """
    import vl_convert as vlc
    from altair.vegalite.v6.display import VEGALITE_VERSION

    # validate=False: checking the spec against the Vega-Lite schema (jsonschema) costs about half
    # a second per chart in every build; tests/test_exercises.py validates the same charts.
    return vlc.vegalite_to_vega(chart.to_dict(validate=False),
                                vl_version=".".join(VEGALITE_VERSION.split(".")[:2]))


def _embed(chart: alt.TopLevelMixin, div_id: str) -> str:
    """A chart's container and the inline script that draws it.

    The spec carries text from ``data/figure1.csv`` (basis notes in tooltips): it goes through
    :func:`edition.core.escape.script_json`, so a ``</script>`` in a note cannot end the script. The
    spec is the compiled Vega one (:func:`vega_spec`), drawn by vega-embed in mode "vega".
    """
    spec = escape.script_json(vega_spec(chart))
    target = escape.script_json("#" + escape.safe_id(div_id, what="chart id"))
    return (f'<div class="edition-chart" id="{escape.attr(div_id)}"></div>'
            f'<script>(function(){{var s={spec};function go(){{if(window.vegaEmbed){{'
            f'vegaEmbed({target},s,{{mode:"vega",actions:false,renderer:"svg"}});}}}}'
            f'if(document.readyState!=="loading"){{go();}}else{{document.addEventListener("DOMContentLoaded",go);}}}})();</script>')


def figure1_html(pkg: Package, id_prefix: str = "figure1") -> str:
    blocks = []
    for lang in ("en", "ko"):
        lab = LABELS[lang]
        table = figure1_table(pkg, lang).to_html(na_rep=lab["missing"], float_format=lambda v: f"{v:,.1f}",
                                                 classes="figure-data", border=0)
        trade, share = figure1_charts(pkg, lang)
        blocks.append(lang_div(
            lang,
            f'<p class="chart-title">{escape.text(lab["title"])}</p>'
            f'{_embed(trade, f"{id_prefix}-{lang}")}'
            f'<p class="chart-title">{escape.text(lab["share_title"])}</p>'
            f'{_embed(share, f"{id_prefix}-share-{lang}")}'
            f'<details class="figure-alt"><summary>{escape.text(lab["table"])}</summary>'
            f'<div class="table-scroll" tabindex="0">{table}</div></details>',
            "figure-block", role="figure", aria_label=lab["title"]))
    # The loader draws the charts in JupyterLab too (a no-op on the built site): see labcharts.
    safe = escape.safe_id(id_prefix)
    return f'<div class="figure1" id="{escape.attr(safe)}">' + "".join(blocks) + "</div>" + loader_html(safe)


def figure1_display(pkg: Package, id_prefix: str = "figure1"):
    from IPython.display import HTML

    return HTML(figure1_html(pkg, id_prefix))

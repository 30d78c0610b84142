"""The "Run it yourself" API, the "How to cite" renderers, the ledger's notes and Figure 1's two charts."""
from __future__ import annotations

import hashlib
import json
from decimal import Decimal

import pandas as pd
import pytest

from edition import ROOT
from edition.render import charts, citing, ledger
from edition.student import exercises as ex
from edition.verdicts import judge
from edition.verdicts.claims import evaluate
from edition.data.datapackage import DataError, Package
from edition.data.series import annual_series


@pytest.fixture(scope="module")
def base():
    return Package()


def _data_hashes():
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((ROOT / "data").glob("*"))
            if p.is_file()}


# --- exercises ------------------------------------------------------------------------------

def test_alternatives_mark_the_figure_in_use(base):
    alt = ex.alternatives(base, 2011, "china_share")
    assert len(alt) >= 2 and alt["in_figure1"].sum() == 1
    used = base.table("figure1")
    used = used[(used["year"] == 2011) & (used["measure"] == "china_share")]["figure_id"].iloc[0]
    assert alt.loc[alt["in_figure1"], "figure_id"].iloc[0] == used
    with pytest.raises(ValueError):
        ex.alternatives(base, 2011, "balance")


def test_repointing_figure1_changes_the_series_in_memory_only(base):
    before = _data_hashes()
    alt = ex.alternatives(base, 2011, "china_share")
    pick = alt.loc[~alt["in_figure1"]].iloc[0]
    mine = ex.variant(base, figure1={(2011, "china_share"): pick["figure_id"]})
    changes = ex.series_changes(base, mine)
    assert list(zip(changes["year"], changes["measure"])) == [(2011, "china_share")]
    new = annual_series(mine).set_index(["year", "measure"])
    assert new.loc[(2011, "china_share"), "value"] == pytest.approx(float(pick["value"]))
    assert pick["figure_id"] in new.loc[(2011, "china_share"), "basis"]
    # the original package and the files are untouched
    old = annual_series(base).set_index(["year", "measure"])
    assert old.loc[(2011, "china_share"), "figure_id"] != pick["figure_id"]
    assert _data_hashes() == before
    # Figure 1's choice of series changes no verdict (claims name their own figures)
    assert ex.verdict_changes(base, mine).empty
    assert "figure1-mine" in charts.figure1_html(mine, "figure1-mine")


def test_repointing_refuses_what_does_not_fit(base):
    with pytest.raises(DataError, match="no published figure"):
        annual_series(ex.variant(base, figure1={(2011, "total"): "no_such_figure"}))
    with pytest.raises(DataError, match="for 2011"):
        annual_series(ex.variant(base, figure1={(2011, "total"): "a_2015_china_imports_kotra"}))
    with pytest.raises(DataError, match="no measure"):
        annual_series(ex.variant(base, figure1={(2011, "balance"): "a_2011_total_kita"}))


def test_changing_a_published_figure_moves_the_claims_that_use_it(base):
    used = ex.figures_of(base, "s2_trade_total_2011")
    assert used and all(v > 0 for v in used.values())
    what_if = ex.variant(base, figures={fid: v * 1.1 for fid, v in used.items()})
    moved = ex.verdict_changes(base, what_if)
    row = moved.set_index("claim_id").loc["s2_trade_total_2011"]
    assert row["before"] == judge.CONSISTENT and row["after"] == judge.CONFLICTS
    # the shared package's verdicts are not affected
    assert {j.claim_id: j.verdict for j in evaluate(base)}["s2_trade_total_2011"] == judge.CONSISTENT
    with pytest.raises(DataError):
        ex.variant(base, figures={"no_such_figure": 1}).table("sourced_figures")
    with pytest.raises(KeyError):
        ex.figures_of(base, "no_such_claim")


def test_table1_rounding_agrees_with_the_ledger(base):
    t = ex.table1_rounding(base)
    assert set(t["printed_as"]) <= {"rounded", "truncated", "neither", "not printed"}
    verdicts = {j.claim_id: j.verdict for j in evaluate(base)}
    row = t[(t["year"] == 2014) & (t["region"] == "Liaoning")].iloc[0]
    assert row["printed_as"] == "truncated"
    assert verdicts["s2_t1_2014_liaoning_share"] == judge.TRUNCATED
    assert row["truncated"] == row["printed"] != row["rounded"]
    assert (t["printed_as"] == "not printed").sum() == t["printed"].isna().sum()
    coarse = ex.table1_rounding(base, decimals=1)
    assert all(len(v.split(".")[1]) == 1 for v in coarse["rounded"])


def test_judge_compare_as_the_page_uses_it():
    assert judge.compare("88.31", "0.01", "88.3193").verdict == judge.TRUNCATED
    assert judge.compare("5.63", "0.01", "5.6251").verdict == judge.MATCHES
    assert judge.compare("800", "1", "812", ">").verdict == judge.MATCHES


def test_sourced_only_lists_exactly_those_claims(base):
    alone = ex.sourced_only(base)
    expected = [j.claim_id for j in evaluate(base) if j.verdict == judge.SOURCED]
    assert list(alone["claim_id"]) == expected and len(expected) > 0


# --- how to cite ----------------------------------------------------------------------------

def test_citation_forms_come_from_references_bib():
    text = citing.article_reference("chicago")
    assert text.startswith("Lee, Jong-Woon, and Kevin Gray. 2020.")
    assert "23 (4): 373–394" in text and "doi" not in text.lower()
    apa = citing.article_reference("apa")
    assert apa.startswith("Lee, J.-W., & Gray, K. (2020).") and "23(4), 373–394" in apa
    entry = citing.bibtex_entry()
    assert entry.startswith("@article{leegray2020,") and entry.endswith("}")
    assert entry in (ROOT / "references.bib").read_text(encoding="utf-8")
    with pytest.raises(KeyError):
        citing.bibtex_entry("no_such_key")
    with pytest.raises(ValueError):
        citing.article_reference("mla")


def test_citation_cff_agrees_with_references_bib():
    cff = citing.citation_cff()
    # the checker's rule cff-article, on the repository's own files
    assert citing.cff_differences(cff, citing.article_record(citing.BIB, citing.ARTICLE_KEY)) == []
    assert f'Version {cff["version"]},' in citing.edition_citation()
    assert "doi" not in json.dumps(cff["preferred-citation"]).lower()
    blocks = citing.cite_blocks()
    assert [cls for _, _, cls in blocks] == ["cite-chicago", "cite-apa", "cite-bibtex", "cite-edition", "cite-edition-ko",
                                             "cite-edition-bibtex", "cite-edition-ris"]
    assert blocks[2][1] == citing.bibtex_entry() and blocks[3][1] == citing.edition_citation()


# --- ledger ---------------------------------------------------------------------------------

@pytest.mark.parametrize("value, text", [(None, ""), (float("nan"), ""), ("nan", ""), ("", ""),
                                         ("  ", ""), ("A note.", "A note.")])
def test_note_text_treats_missing_as_none(value, text):
    assert ledger.note_text(value) == text


def test_ledger_rows_carry_no_nan_and_every_editor_note(base):
    notes = ledger.editor_notes(base)
    rows = ledger.ledger_rows(base, "en")
    assert [r.claim_id for r in rows] == list(notes)
    assert all(r.note.lower() != "nan" and r.what.lower() != "nan" for r in rows)
    with_note = {c for c, n in notes.items() if n["en"]}
    assert with_note and {r.claim_id for r in rows if r.note} == with_note
    assert len(ledger.HEADERS["en"]) == len(ledger.HEADERS["ko"]) == 4


def test_ledger_shows_the_korean_editor_note_in_the_korean_ledger(base):
    """The Korean ledger shows a claim's Korean editor note, not its English one (a marker string
    is put into the data, so the test fails if the Korean column is ignored)."""
    marker = "편집자 주 시험 표지"

    class WithKo(Package):
        def resource(self, name):
            res = super().resource(name)
            if name == "claims":
                frame = res.frame.copy()
                first = frame.index[frame["editor_note"].fillna("").astype(str).str.strip() != ""][0]
                frame["editor_note_ko"] = frame.get("editor_note_ko")
                frame.loc[first, "editor_note_ko"] = marker
                res.frame = frame
            return res

    ko_rows = ledger.ledger_rows(WithKo(), "ko")
    assert [r.note for r in ko_rows].count(marker) == 1
    assert marker not in [r.note for r in ledger.ledger_rows(WithKo(), "en")]


# --- Figure 1 -------------------------------------------------------------------------------

def test_figure1_is_two_container_wide_charts_per_language(base):
    for lang in ("en", "ko"):
        trade, share = charts.figure1_charts(base, lang)
        for chart in (trade, share):
            spec = chart.to_dict(validate=True)  # the build skips this schema check (charts._embed)
            assert spec["width"] == "container"
            assert spec["autosize"]["type"] == "fit"
            assert "vconcat" not in spec
    markup = charts.figure1_html(base)
    assert markup.count("vegaEmbed(") == 4
    for name in ("figure1-en", "figure1-share-en", "figure1-ko", "figure1-share-ko"):
        assert f'id="{name}"' in markup
    assert markup.count('figure-data"') == 2
    assert "<details" in markup
    ko = charts.figure1_table(base, "ko")
    assert isinstance(ko, pd.DataFrame) and "집계 기준" in ko.columns


# --- one exercise per section: expected values read from the CSVs directly --------------------

def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(ROOT / "data" / f"{name}.csv")


def _fig(fid: str) -> float:
    figs = _csv("sourced_figures")
    return float(figs.loc[figs["figure_id"] == fid, "value"].iloc[0])


def test_s1_rejudge_with_another_source_moves_the_share_but_not_the_verdict(base):
    claims = _csv("claims").set_index("claim_id")
    args = dict(a.split("=", 1) for a in claims.loc["s1_clothing_share_2015", "args"].split(";"))
    part, whole = args["part"].removeprefix("fig:"), args["whole"].removeprefix("fig:")
    figs = _csv("sourced_figures").set_index("figure_id")
    same = figs[(figs["series"] == figs.loc[whole, "series"]) & (figs["flow"] == figs.loc[whole, "flow"])
                & (figs["year"] == figs.loc[whole, "year"]) & (figs["period"] == figs.loc[whole, "period"])]
    expected_others = sorted(set(same.index) - {whole})
    assert expected_others, "the exercise needs a second publication of the claim's denominator"
    others = ex.other_sources(base, "s1_clothing_share_2015")
    assert sorted(others.loc[others["used"] == whole, "other"]) == expected_others
    other = expected_others[0]
    out = ex.rejudge(base, "s1_clothing_share_2015", {whole: other})
    assert out.loc["bundled data", "recomputed"] == pytest.approx(100 * _fig(part) / _fig(whole))
    assert out.loc["your sources", "recomputed"] == pytest.approx(100 * _fig(part) / _fig(other))
    assert out.loc["your sources", "recomputed"] != out.loc["bundled data", "recomputed"]
    assert out.loc["your sources", "verdict"] == out.loc["bundled data", "verdict"]  # the page's "expect"
    assert f"{whole} ({figs.loc[other, 'basis']})" in out.loc["your sources", "inputs"]  # judged with the other


def test_s4_less_than_half_fails_with_kotras_total(base):
    ratio = _fig("a_2019_total_kotra") / _fig("a_2016_total_kita")
    assert ratio > 0.5  # the lesson only holds if KOTRA's 2019 total makes the ratio more than half
    out = ex.rejudge(base, "s4_trade_2019_vs_2016", {"a_2019_total_kita": "a_2019_total_kotra"})
    assert out.loc["bundled data", "verdict"] == judge.CONSISTENT
    assert out.loc["your sources", "verdict"] == judge.CONFLICTS
    assert out.loc["your sources", "recomputed"] == pytest.approx(ratio)
    assert out.loc["your sources", "verdict_ko"] == judge.VERDICT_KO[judge.CONFLICTS]


def test_swap_refuses_a_different_quantity_or_an_unknown_figure(base):
    with pytest.raises(DataError, match="not the same quantity"):
        ex.variant(base, swap={"a_2019_total_kita": "a_2016_total_kita"}).table("sourced_figures")
    with pytest.raises(DataError, match="no published figure 'nope'"):
        ex.variant(base, swap={"a_2019_total_kita": "nope"}).table("sourced_figures")


def test_s2_dropping_a_year_breaks_figure1_there_and_moves_no_verdict(base):
    before_files = _data_hashes()
    mine = ex.variant(base, drop_years=[2011])
    fig1 = _csv("figure1")
    measures_2011 = set(fig1.loc[fig1["year"] == 2011, "measure"])
    changes = ex.series_changes(base, mine)
    # the balance is derived from exports and imports, so it goes with them
    assert set(changes["year"]) == {2011} and set(changes["measure"]) == measures_2011 | {"balance"}
    assert changes["value_after"].isna().all()
    points = ex.figure1_points(mine)
    assert all("2011" in points.loc[m, "years without a point"] for m in measures_2011)
    assert "2011" not in " ".join(ex.figure1_points(base)["years without a point"])
    assert ex.verdict_changes(base, mine).empty
    assert _data_hashes() == before_files
    with pytest.raises(DataError, match="no year 1990"):
        annual_series(ex.variant(base, drop_years=[1990]))


def test_s3_woven_apparel_exports_and_their_growth(base):
    figs = _csv("sourced_figures")
    hs62 = figs[(figs["flow"] == "china_imports_from_dprk") & figs["series"].str.startswith("B ")
                & (figs["period"] == "annual") & figs["hs_code"].astype(str).str.match(r"62\b")]
    out = ex.apparel_exports(base, "62")
    assert list(out["year"]) == sorted(hs62["year"].unique())
    g = ex.growth(out, 2009, 2015)
    assert g["times"] == pytest.approx(_fig("b_2015_hs62_kdi") / _fig("b_2009_hs62_kdi"), abs=0.005)
    assert g["same basis"] is True or g["same basis"] == True  # noqa: E712 - numpy bool
    assert ex.growth(out, 2003, 2015)["same basis"] == False  # noqa: E712 - KITA then GAC
    with pytest.raises(ValueError, match="no figure for 2010"):
        ex.growth(out, 2010, 2015)
    with pytest.raises(ValueError, match="try one of"):
        ex.apparel_exports(base, "99")


def test_s5_wage_split_from_the_papers_numbers(base):
    claims = _csv("claims").set_index("claim_id")["value"].astype(float)
    wage, fin, trade, ratio = (claims[c] for c in ("s5_wage_monthly", "s5_wage_share_finance",
                                                   "s5_wage_share_trading", "s5_wage_ratio_local"))
    out = ex.wage_split(base)["yuan"]
    assert out["wage cost a month"] == wage
    assert out["left for the worker"] == wage - wage * fin / 100 - wage * trade / 100
    assert out["local Chinese wage implied"] == wage / ratio
    changed = ex.wage_split(base, finance=fin - 10)["yuan"]
    assert changed["left for the worker"] == out["left for the worker"] + wage * 10 / 100
    with pytest.raises(ValueError, match="within 0–100"):
        ex.wage_split(base, finance=95)


def test_s6_precision_decides_what_matches(base):
    out = ex.at_precisions(base, "s6_trade_total_2020h1", steps=("1", "5", "10"))
    printed = float(_csv("claims").set_index("claim_id").loc["s6_trade_total_2020h1", "value"]) / 1e6
    assert out["printed"].astype(float).eq(printed).all()
    assert out.loc["1", "verdict"] == judge.DIFFERS      # a million-dollar precision: 410 is not 412
    assert out.loc["10", "verdict"] == judge.MATCHES      # to the nearest ten million it is
    share = ex.at_precisions(base, "s1_clothing_share_2015", steps=("1", "0.1"))
    assert list(share["verdict"]) == [judge.MATCHES, judge.DIFFERS]
    with pytest.raises(ValueError, match="no recomputation"):
        ex.at_precisions(base, "s5_wage_monthly")


def test_say_and_tables_speak_the_students_language(capsys):
    """A Korean notebook prints verdicts and the interface's words in Korean, and a table shows the
    claim's Korean wording and printed figure; an English one neither (edition.student.exercises.say,
    localise); the site, which shows both languages, prints both lines."""
    try:
        ex.use_language("ko")
        ex.say("5.63", "vs", "5.6251", "->", "matches")
        assert capsys.readouterr().out == "5.63 대 5.6251 -> 일치\n"
        ex.use_language(None)
        ex.say("figures changed:", "a_1")
        assert capsys.readouterr().out == "figures changed: a_1\n바꾼 공개 수치: a_1\n"
    finally:
        ex.use_language(None)
    table = pd.DataFrame([{"what": "Total trade", "printed": "32 percent", "what_ko": "교역 총액",
                           "printed_ko": "32%"}])
    assert list(ex.localise(table, "ko").iloc[0]) == ["교역 총액", "32%"]
    assert list(ex.localise(table, "en").columns) == ["what", "printed"]

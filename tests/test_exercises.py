"""The "Run it yourself" API, the "How to cite" renderers, the ledger's notes and Figure 1's two charts."""
from __future__ import annotations

import hashlib
import json
from decimal import Decimal

import pandas as pd
import pytest

from edition import ROOT, charts, citing, exercises as ex, judge, ledger
from edition.claims import evaluate
from edition.data import DataError, Package
from edition.series import annual_series


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
    assert citing.cff_matches_bib() == []
    cff = citing.citation_cff()
    assert cff["version"] in citing.edition_reference()
    assert "doi" not in json.dumps(cff["preferred-citation"]).lower()
    blocks = citing.cite_blocks()
    assert [cls for _, _, cls in blocks] == ["cite-chicago", "cite-apa", "cite-bibtex", "cite-edition"]
    assert blocks[2][1] == citing.bibtex_entry() and blocks[3][1] == citing.edition_reference()


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
    assert isinstance(ko, pd.DataFrame) and "근거" in ko.columns

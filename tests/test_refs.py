"""edition.verdicts.refs: the one grammar of the registers' ``args``, every kind of ref, every
error (each with the text that triggers it), and the readers that take their refs from it.

Expected values are written out by hand from the grammar, never computed by the parser.
"""
from __future__ import annotations

import csv
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from edition.data.datapackage import DataError, Package, package, rehash
from edition.verdicts import recompute, relations
from edition.verdicts.claims import load
from edition.verdicts.refs import (IMPLIED, KINDS, Ref, RefError, cells_in, claims_in, one, parse_args, parse_ref,
                                   shown, table1_cell, table2_measure)

ROOT = Path(__file__).resolve().parent.parent


# --- the grammar ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, ref", [
    ("fig:a_2011_total_kita", Ref("fig", "a_2011_total_kita")),
    ("t1:2011:Dandong", Ref("t1", "2011:Dandong")),
    ("t1:2015:Liaoning+Jilin", Ref("t1", "2015:Liaoning+Jilin")),
    ("t1total:2014", Ref("t1total", "2014")),
    ("t2:2371", Ref("t2", "2371")),
    ("t2m:2375:2", Ref("t2m", "2375:2")),
    ("claim:s4_t2_date_2375", Ref("claim", "s4_t2_date_2375")),
    ("date:2017-12", Ref("date", "2017-12")),
    ("num:100", Ref("num", "100")),
    ("res:2397", Ref("res", "2397")),
    (" claim:x ", Ref("claim", "x")),                        # blanks around an item are not part of it
    ("knitted goods (HS 60)", Ref("", "knitted goods (HS 60)")),  # a word: no kind
    ("Table 1: imports", Ref("", "Table 1: imports")),      # a colon after a word that is no kind
    ("clam:x", Ref("", "clam:x")),                          # a misspelt kind stays a word (its reader refuses it)
])
def test_every_kind_and_a_word(text, ref):
    assert parse_ref(text) == ref


def test_the_kinds_are_the_nine_the_registers_use():
    assert set(KINDS) == {"fig", "t1", "t1total", "t2", "t2m", "claim", "date", "num", "res"}
    assert IMPLIED == {"ids": "fig", "fig": "fig", "t2": "t2"}


def test_a_ref_prints_as_written():
    assert str(Ref("t2m", "2375:2")) == "t2m:2375:2"
    assert str(Ref("", "knitted fabrics (HS 60)")) == "knitted fabrics (HS 60)"


def test_args_several_arguments_and_lists():
    got = parse_args("a=claim:x,claim:y; b=t1:2011:Dandong ;names=knitted goods (HS 60),knitted fabrics (HS 60)")
    assert got == {"a": [Ref("claim", "x"), Ref("claim", "y")], "b": [Ref("t1", "2011:Dandong")],
                   "names": [Ref("", "knitted goods (HS 60)"), Ref("", "knitted fabrics (HS 60)")]}


def test_blank_arguments_and_items_are_skipped():
    assert parse_args(None) == {}
    assert parse_args("") == {}
    assert parse_args(" ; a=fig:x,, ;") == {"a": [Ref("fig", "x")]}
    assert parse_args("a=") == {"a": []}


def test_words_of_an_argument_that_implies_a_kind():
    """A claim's ids= and fig= list figures by id; its t2= names a Table 2 cell by its key."""
    assert parse_args("ids=a_2013_total_kita,fig:a_2013_total_kita_2") == {
        "ids": [Ref("fig", "a_2013_total_kita"), Ref("fig", "a_2013_total_kita_2")]}
    assert parse_args("fig=f_2016_unscr2270_un;t2=2270") == {"fig": [Ref("fig", "f_2016_unscr2270_un")],
                                                             "t2": [Ref("t2", "2270")]}
    assert parse_args("t2=2397:1") == {"t2": [Ref("t2m", "2397:1")]}


@pytest.mark.parametrize("text, message", [
    ("a=fig:x;b", "argument 'b' is not key=value"),
    ("a fig:x", "argument 'a fig:x' is not key=value"),
    ("=fig:x", "argument '=fig:x' is not key=value"),
    ("a=fig:x;a=fig:y", "argument 'a' is given twice"),
])
def test_grammar_errors_name_the_argument(text, message):
    with pytest.raises(RefError) as err:
        parse_args(text)
    assert str(err.value) == message


@pytest.mark.parametrize("text, message", [
    ("a=", "argument 'a' takes one ref, not 0"),
    ("a=fig:x,fig:y", "argument 'a' takes one ref, not 2"),
])
def test_one_ref_where_one_is_wanted(text, message):
    with pytest.raises(RefError) as err:
        one(parse_args(text), "a")
    assert str(err.value) == message
    assert one(parse_args("a=fig:x"), "a") == Ref("fig", "x")


# --- what the renderers ask ------------------------------------------------------------------------

def test_claims_in_lists_each_claim_once_in_order():
    args = parse_args("start=claim:b;period=claim:a,claim:b;event=date:2018-01;names=claim words")
    assert claims_in(args) == ["b", "a"]


def test_cells_in_lists_table2_cells():
    assert cells_in(parse_args("text=res:2375;table=t2m:2375:2")) == ["2375:2"]
    assert cells_in(parse_args("before=t2:2371;after=date:2018")) == ["2371"]
    assert cells_in(parse_args("fig=f_2017_unscr2397_un;t2=2397")) == ["2397"]
    assert cells_in(parse_args("t2=2397:3")) == ["2397:3"]
    assert cells_in(parse_args("a=t1:2014:Jilin;b=t1total:2014"), ("t1total",)) == ["2014"]


def test_keys_of_table1_and_table2():
    assert table1_cell("2011:Dandong") == ("2011", ["Dandong"])
    assert table1_cell("2015:Liaoning+Jilin") == ("2015", ["Liaoning", "Jilin"])
    assert table2_measure("2375:2") == ("2375", "2")


def test_shown_names_a_figure_by_its_id_and_anything_else_whole():
    assert shown("fig:a_2011_total_kita") == "a_2011_total_kita"
    assert shown("t1:2011:Dandong") == "t1:2011:Dandong"
    assert shown("claim:s2_x") == "claim:s2_x"


# --- the readers take their refs from here and keep their own words ----------------------------------

@pytest.fixture(scope="module")
def claims():
    return load(package())


@pytest.mark.parametrize("ref, message", [
    (Ref("fig", "no_such_figure"), "no sourced figure 'no_such_figure'"),
    (Ref("t1", "2011:Atlantis"), "Table 1 has no cell '2011:Atlantis'"),
    (Ref("t1total", "1999"), "Table 1 has no cell '1999'"),
    (Ref("claim", "no_such_claim"), "no claim 'no_such_claim'"),
    (Ref("t2", "2371"), "unknown input kind in 't2:2371' (use fig:, t1:, t1total: or claim:)"),
    (Ref("", "clam:x"), "unknown input kind in 'clam:x' (use fig:, t1:, t1total: or claim:)"),
])
def test_recompute_refuses_each_bad_ref_in_its_words(ref, message, claims):
    with pytest.raises(recompute.RecomputeError) as err:
        recompute.resolve(ref, package(), claims)
    assert str(err.value) == message


def test_recompute_resolves_each_of_its_kinds(claims):
    pkg = package()
    t1 = recompute.resolve(Ref("t1", "2014:Liaoning"), pkg, claims)
    assert (t1.ref, t1.value, t1.basis) == ("t1:2014:Liaoning", Decimal(654463000), "paper")  # data/table1.csv
    both = recompute.resolve(Ref("t1", "2014:Liaoning+Jilin"), pkg, claims)
    assert both.value == Decimal(654463000 + 74612000)
    fig = recompute.resolve(Ref("fig", "a_2011_total_kita"), pkg, claims)
    assert fig.ref == "fig:a_2011_total_kita" and fig.independent
    claim = recompute.resolve(Ref("claim", "s4_t2_date_2375"), pkg, claims)
    assert claim.ref == "claim:s4_t2_date_2375" and not claim.independent


@pytest.mark.parametrize("args, message", [
    ("a=t1:2014:Liaoning;b", "argument 'b' is not key=value"),
    ("a=t1:2014:Liaoning,t1:2014:Jilin", "argument 'a' takes one ref, not 2"),
])
def test_recompute_errors_name_the_argument(args, message, claims):
    with pytest.raises(recompute.RecomputeError) as err:
        recompute.run("value", args, package(), claims)
    assert str(err.value) == message


def test_recompute_figures_take_bare_ids(claims):
    result = recompute.run("figures", "ids=a_2011_total_kita,fig:a_2013_total_kita", package(), claims)
    assert [i.ref for i in result.inputs] == ["fig:a_2011_total_kita", "fig:a_2013_total_kita"]
    with pytest.raises(recompute.RecomputeError, match="method figures needs ids=<figure_id>,…"):
        recompute.run("figures", "a=fig:x", package(), claims)


@pytest.mark.parametrize("ref, message", [
    (Ref("claim", "no_such_claim"), "no claim 'no_such_claim'"),
    (Ref("t1", "2011:Atlantis"), "Table 1 has no cell '2011:Atlantis'"),
    (Ref("t2", "1234"), "Table 2 has no resolution '1234'"),
    (Ref("t2m", "2375:99"), "Table 2 has no measure '2375:99'"),
    (Ref("date", "2017-13"), "date:2017-13 is not YYYY, YYYY-MM or YYYY-MM-DD"),
    (Ref("num", "many"), "num:many is not a number"),
    (Ref("res", "x1"), "res:x1 is not a resolution number"),
    (Ref("fig", "a_2011_total_kita"), "unknown input kind in 'fig:a_2011_total_kita' (use claim:, t1:, t1total:, "
                                      "t2:, t2m:, date:, num: or res:)"),
])
def test_relations_refuse_each_bad_ref_in_their_words(ref, message, claims):
    with pytest.raises(relations.RelationError) as err:
        relations.resolve(ref, package(), claims)
    assert str(err.value) == message


def test_relations_resolve_each_of_their_kinds(claims):
    pkg = package()
    t2 = relations.resolve(Ref("t2", "2375"), pkg, claims)
    assert (t2.ref, t2.text, t2.precision) == ("t2:2375", "UNSCR 2375 (September 11, 2017)", "day")
    m = relations.resolve(Ref("t2m", "2375:2"), pkg, claims)
    assert m.ref == "t2m:2375:2" and m.text.startswith("UNSCR 2375: ")
    d = relations.resolve(Ref("date", "2017-12"), pkg, claims)
    assert (d.text, d.precision) == ("December 2017", "month")
    assert relations.resolve(Ref("num", "100"), pkg, claims).value == Decimal(100)
    assert relations.resolve(Ref("res", "2397"), pkg, claims).text == "Resolution 2397"
    assert relations.resolve(Ref("t1total", "2014"), pkg, claims).ref == "t1total:2014"


def test_relations_grammar_error_says_key_ref():
    with pytest.raises(relations.RelationError) as err:
        relations.parse_args("a=claim:x;b")
    assert str(err.value) == "argument 'b' is not key=ref"


# --- a register whose args break the grammar: a DataError naming file, row and column -------------

def _book(tmp_path: Path) -> Path:
    root = tmp_path / "book"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copy(ROOT / "references.bib", root / "references.bib")
    return root


def _set_args(path: Path, key: str, ident: str, args: str) -> None:
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    for row in rows:
        if row[key] == ident:
            row["args"] = args
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_a_claim_with_args_out_of_grammar_is_a_data_error(tmp_path):
    """Even a claim no method reads (a Table 2 date's ``t2=``): the renderers read its args too."""
    root = _book(tmp_path)
    _set_args(root / "data" / "claims.csv", "claim_id", "s4_t2_date_2375", "fig=f_2017_unscr2375_un;t2")
    rehash(root)
    with pytest.raises(DataError, match=r"claims.csv, row \d+ .*column 'args'.*s4_t2_date_2375: "
                                        r"argument 't2' is not key=value"):
        load(Package(root))


def test_a_relation_with_args_out_of_grammar_is_a_data_error(tmp_path):
    root = _book(tmp_path)
    _set_args(root / "data" / "relations.csv", "relation_id", "rel_s4_deficit_2018",
              "total=claim:s4_trade_total_2018;total=claim:s4_exports_2018")
    rehash(root)
    with pytest.raises(DataError, match=r"relations.csv, row \d+ .*column 'args'.*rel_s4_deficit_2018: "
                                        r"argument 'total' is given twice"):
        relations.evaluate(Package(root))

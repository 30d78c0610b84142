"""Bad input gets a clear error naming the file, the row and the column; good input loads."""
import json
import shutil
from pathlib import Path

import pytest

from edition import ROOT
from edition.data.datapackage import DataError, Package, rehash, sha256

FIX = Path(__file__).parent / "fixtures" / "data"


def make_package(tmp_path: Path, csv_name: str, hash_: str | None = "auto") -> Package:
    """A one-resource package using the real sourced_figures schema and the given CSV."""
    real = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    spec = next(r for r in real["resources"] if r["name"] == "sourced_figures")
    (tmp_path / "data").mkdir()
    shutil.copy(FIX / csv_name, tmp_path / "data" / "sourced_figures.csv")
    shutil.copy(FIX / "references.bib", tmp_path / "references.bib")
    spec = dict(spec, hash="sha256:" + sha256(tmp_path / "data" / "sourced_figures.csv") if hash_ == "auto" else hash_)
    (tmp_path / "data" / "datapackage.json").write_text(json.dumps({"resources": [spec]}), encoding="utf-8")
    return Package(tmp_path)


def test_good_input_loads(tmp_path):
    frame = make_package(tmp_path, "good.csv").table("sourced_figures")
    assert list(frame["figure_id"]) == ["a_2011_total_kita", "a_2013_total_kita"]
    assert frame["value"].iloc[1] == 6544700000


@pytest.mark.parametrize("fixture,row,column,words", [
    ("missing_column.csv", None, "basis", "missing column"),
    ("non_numeric.csv", 2, "value", "'6.5 bn' is not a valid number"),
    ("unknown_unit.csv", 2, "unit", "'USD thousand' is not an allowed value"),
    ("duplicate_key.csv", 2, "figure_id", "duplicate key 'a_2011_total_kita'"),
    ("unknown_source.csv", 2, "source_key", "'src_nowhere' has no entry in references.bib"),
])
def test_bad_input_names_file_row_and_column(tmp_path, fixture, row, column, words):
    pkg = make_package(tmp_path, fixture)
    with pytest.raises(DataError) as err:
        pkg.table("sourced_figures")
    e = err.value
    assert e.path.name == "sourced_figures.csv"
    assert e.row == row and e.column == column
    assert words in str(e)
    assert "sourced_figures.csv" in str(e) and f"column '{column}'" in str(e)
    if row:
        assert f"row {row} (line {row + 1})" in str(e)


def test_hash_mismatch_is_reported_with_the_fix(tmp_path):
    pkg = make_package(tmp_path, "good.csv", hash_="sha256:" + "0" * 64)
    with pytest.raises(DataError, match=r"sha256 mismatch.*python -m edition rehash"):
        pkg.table("sourced_figures")


def test_rehash_records_the_new_hash(tmp_path):
    make_package(tmp_path, "good.csv", hash_="sha256:" + "0" * 64)
    assert rehash(tmp_path) == ["sourced_figures"]
    assert Package(tmp_path).table("sourced_figures").shape[0] == 2


def test_the_real_package_validates():
    assert set(Package(ROOT).validate_all()) >= {"sourced_figures", "table1", "table2", "figure1", "claims",
                                                 "glossary", "editorial_notes"}


# --- what an editor reads: frictionless finds it, the edition names it (issue 24) ----------------

def real_package(tmp_path: Path) -> Path:
    root = tmp_path / "book"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copy(ROOT / "references.bib", root / "references.bib")
    return root


def edit_lines(root: Path, name: str, edit) -> None:
    """Change data/<name> line by line (a list of its lines, header first), then re-bless it."""
    path = root / "data" / name
    lines = path.read_text(encoding="utf-8").split("\n")
    edit(lines)
    path.write_text("\n".join(lines), encoding="utf-8")
    rehash(root)


def edit_header(edit):
    def change(lines):
        header = lines[0].split(",")
        edit(header)
        lines[0] = ",".join(header)
    return change


T2 = "resolution, adopted, measure_no, measure_en, measure_ko, category"


@pytest.mark.parametrize("case,edit,expected", [
    ("a column left out", lambda ls: ls.__setitem__(slice(None), [",".join(x.split(",")[:1] + x.split(",")[2:])
                                                                  for x in ls]),
     "table2.csv, line 1, column 'adopted': missing column(s): adopted"),
    ("a column added", lambda ls: ls.__setitem__(slice(None), [x + ",x" if x else x for x in ls]),
     "table2.csv, line 1, column 'x': unexpected column(s) not in the schema: x"),
    ("a column renamed", edit_header(lambda h: h.__setitem__(1, "adopted_on")),
     "table2.csv, line 1, column 'adopted': missing column(s): adopted; "
     "unexpected column(s) not in the schema: adopted_on"),
    ("a column named twice", edit_header(lambda h: h.__setitem__(1, "resolution")),
     "table2.csv, line 1, column 'adopted': missing column(s): adopted; column(s) named twice: resolution"),
    ("a column without a name", edit_header(lambda h: h.__setitem__(1, "")),
     "table2.csv, line 1, column 'adopted': missing column(s): adopted; column 2 has no name"),
    ("two columns swapped", edit_header(lambda h: h.__setitem__(slice(0, 2), [h[1], h[0]])),
     f"table2.csv, line 1, column 'resolution': the columns are not in the schema's order ({T2})"),
    ("a short row", lambda ls: ls.__setitem__(3, ls[3].rsplit(",", 1)[0]),
     "table2.csv, row 3 (line 4), column 'category': the row has 5 cells, the header has 6"),
    ("a long row", lambda ls: ls.__setitem__(3, ls[3] + ",extra"),
     "table2.csv, row 3 (line 4): the row has 7 cells, the header has 6"),
    ("a row of empty cells", lambda ls: ls.insert(3, ",,,,,"),
     "table2.csv, row 3 (line 4): the row is blank"),
    ("a date the Table Schema reads", lambda ls: ls.__setitem__(1, ls[1].replace(",2016-03-02,", ",2016-3-2,")),
     "table2.csv, row 1 (line 2), column 'adopted': '2016-3-2' is not a valid date: "
     "not a calendar date written YYYY-MM-DD"),
])
def test_a_broken_table_stops_the_kernel_with_one_clear_sentence(tmp_path, case, edit, expected):
    root = real_package(tmp_path)
    edit_lines(root, "table2.csv", edit)
    with pytest.raises(DataError) as err:
        Package(root).table("table2")
    assert str(err.value) == f"{root / 'data' / expected}"
    # the checker lists the same problem once: one validator, nothing to de-duplicate
    assert [str(e) for e in Package(root).problems()] == [str(err.value)]


def test_an_unreadable_bibliography_stops_a_kernel_that_needs_source_keys(tmp_path):
    root = real_package(tmp_path)
    (root / "references.bib").write_text("@book{x, title = {Unclosed, year = {2020}}\n@article{y, title={t}}\n",
                                         encoding="utf-8")
    with pytest.raises(DataError, match=r"references\.bib: cannot be read, so source keys cannot be checked: "
                                        r".*references\.bib, line 1: "):
        Package(root).table("sourced_figures")
    assert Package(root).table("table2").shape[0] > 0  # a table without source keys still loads


def test_a_remembered_clean_result_depends_on_the_bibliography(tmp_path):
    root = real_package(tmp_path)
    Package(root).validate_all()
    key = Package(root).table("sourced_figures")["source_key"].iloc[0]
    bib = root / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("{" + key + ",", "{gone" + key + ",", 1),
                   encoding="utf-8")
    with pytest.raises(DataError, match=rf"row 1 \(line 2\), column 'source_key': source key '{key}' has no "
                                        "entry in references.bib"):
        Package(root).table("sourced_figures")

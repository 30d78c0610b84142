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

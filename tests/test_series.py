"""Figure 1's series: every year has a stated basis, gaps stay gaps, bad derivations are named."""
import csv
import shutil

import pytest

from edition import ROOT
from edition.data.datapackage import DataError, Package, rehash
from edition.data.series import annual_series, basis_by_year


def test_every_year_states_its_basis_in_both_languages():
    pkg = Package()
    for lang in ("en", "ko"):
        years = [y for y, _ in basis_by_year(pkg, lang)]
        assert years == list(range(2002, 2020))
    en = dict(basis_by_year(pkg, "en"))
    assert "exports" not in en[2009]  # no published split for 2009: a gap, not an invention


def test_balance_is_exports_minus_imports():
    s = annual_series(Package()).set_index(["year", "measure"])["value"]
    assert s[(2019, "balance")] == pytest.approx(s[(2019, "china_exports")] - s[(2019, "china_imports")])


def test_bad_derivation_names_file_row_and_column(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    path = tmp_path / "data" / "figure1.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    i = next(i for i, r in enumerate(rows) if r["derivation"])
    rows[i]["derivation"] = "total - nowhere"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    rehash(tmp_path)
    with pytest.raises(DataError) as err:
        annual_series(Package(tmp_path))
    assert err.value.path.name == "figure1.csv" and err.value.row == i + 1
    assert err.value.column == "derivation" and "nowhere" in str(err.value)

"""The repository tests itself: the bundled sources are the recorded ones, and the data package's
sourced figures are rebuilt from them exactly, reading nothing outside the repository."""
import hashlib
import re
import subprocess
import sys

import pytest

from edition import ROOT

SOURCE = ROOT / "source"
README = (SOURCE / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("rel", ["paper/lee-gray-2020.md", "data-sources/trade_figures.csv"])
def test_bundled_source_has_its_recorded_hash(rel):
    row = next(line for line in README.splitlines() if line.startswith(f"| `{rel}`"))
    recorded = re.search(r"`([0-9a-f]{64})`", row).group(1)
    assert hashlib.sha256((SOURCE / rel).read_bytes()).hexdigest() == recorded, (
        f"source/{rel} differs from the copy recorded in source/README.md")


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    out = tmp_path_factory.mktemp("rebuilt")
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "build_sourced_figures.py"), "--out", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.mark.parametrize("name", ["sourced_figures.csv", "figure1.csv"])
def test_builder_reproduces_the_committed_data(rebuilt, name):
    assert (rebuilt / name).read_bytes() == (ROOT / "data" / name).read_bytes(), (
        f"tools/build_sourced_figures.py no longer reproduces data/{name} from source/")


def test_builder_reproduces_the_data_sources_part_of_the_bibliography(rebuilt):
    bib = (ROOT / "references.bib").read_text(encoding="utf-8")
    marker = bib.index("% --- data sources (from tools/build_sourced_figures.py")
    committed = bib[bib.index("\n", marker) + 1:]
    assert committed == (rebuilt / "sources.bib").read_text(encoding="utf-8")


def test_builder_reads_nothing_outside_the_repository():
    code = (ROOT / "tools" / "build_sourced_figures.py").read_text(encoding="utf-8")
    assert "shared" not in code and '".."' not in code

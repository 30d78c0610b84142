"""The student's notebooks the site offers for download (edition/site/notebooks.py, edition/site/download.py).

* Every chapter with code has a notebook per language, in plain Markdown (no MyST markup), with
  its stored outputs, and a ``.zip`` with everything it needs.
* Unzipped in an empty folder, the bundle's notebook runs with the bundle's own ``edition`` and data:
  a kernel that cannot see the repository's editable install (as on a student's machine) runs it
  to the end. ``EDITION_FRESH_VENV=1`` does the whole student's path instead: a new venv, the
  bundle's one-line install (pip, from the local cache when warm), then the run (2–3 min).
* The data package is on the site, whole and file by file, linked from the data-sources page.
"""
from __future__ import annotations

import json
import os
import subprocess
import venv
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from edition.site import download, notebooks as student

from ..kernels import kernel_without_edition
from .harness import ROOT
from .helpers import soup_of

pytestmark = pytest.mark.browser

MARKUP = (":::", "{glue", "{cite", "{note}", "{sic}", "{v}", "{pair}", "{.lang-", "::::{div}")
CHAPTERS = sorted(p.stem for p in (ROOT / "chapters").glob("*.md") if "```{code-cell}" in p.read_text(encoding="utf-8"))

# A kernel that cannot import the repository's `edition`: the editable install's finder is dropped.


def test_every_chapter_has_a_readable_notebook_per_language_and_a_bundle(site):
    assert CHAPTERS
    for stem in CHAPTERS:
        for lang in ("en", "ko"):
            path = site / student.OUT_DIR / lang / f"{stem}.ipynb"
            nb = json.loads(path.read_text(encoding="utf-8"))
            text = "\n".join(c["source"] for c in nb["cells"] if c["cell_type"] == "markdown")
            for markup in MARKUP:
                assert markup not in text, f"{path.name} ({lang}): {markup!r} in its Markdown"
            code = [c for c in nb["cells"] if c["cell_type"] == "code"]
            assert code[0]["source"].startswith(student.SETUP_MARK)
            other = "lang-ko" if lang == "en" else "lang-en"
            assert not any(other in json.dumps(c["outputs"]) for c in code), f"{path}: both languages in outputs"
            with zipfile.ZipFile(site / student.OUT_DIR / download.bundle_name(lang)) as z:
                names = set(z.namelist())
            top = download.bundle_name(lang).removesuffix(".zip") + "/"
            for need in (f"{stem}.ipynb", "requirements.txt", "README.txt", "edition/__init__.py",
                         "data/datapackage.json", "data/claims.csv", "references.bib", "ledger.ipynb"):
                assert top + need in names, f"{download.bundle_name(lang)} lacks {need}"


def test_chapter_2_carries_the_papers_numbers_as_the_site_prints_them(site):
    en = (site / student.OUT_DIR / "en" / "02-integration.ipynb").read_text(encoding="utf-8")
    ko = (site / student.OUT_DIR / "ko" / "02-integration.ipynb").read_text(encoding="utf-8")
    assert "\\\\$799 million" in en  # escaped: JupyterLab would read "$…$" as TeX
    assert "7억 9,900만 달러" in ko and "799 million" not in ko
    assert "Note 3)" in en and "주 3)" in ko
    # the marks hold their symbols (on the site the stylesheet draws them), and the key says what
    # each means, typed from the vocabulary the ledger shows
    assert "✓: recomputed: matches" in en and "✓: 재계산: 일치" in ko
    assert "[✓](" in en and "[✓](" in ko


def _unzip(site: Path, lang: str, into: Path) -> Path:
    with zipfile.ZipFile(site / student.OUT_DIR / download.bundle_name(lang)) as z:
        z.extractall(into)
    return into / download.bundle_name(lang).removesuffix(".zip")


def test_bundle_runs_on_its_own_edition_and_data(site, tmp_path, monkeypatch):
    folder = _unzip(site, "ko", tmp_path)
    kernel_without_edition(tmp_path / "share", "bundle", "Python 3 (bundle only)")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "share"))
    monkeypatch.delenv("EDITION_ROOT", raising=False)
    nb = nbformat.read(folder / "run-it-yourself.ipynb", as_version=4)
    nb.cells.insert(1, nbformat.v4.new_code_cell("import edition; print(edition.ROOT)"))
    NotebookClient(nb, kernel_name="bundle", timeout=180, resources={"metadata": {"path": str(folder)}}).execute()
    assert nb.cells[1].outputs[0]["text"].strip() == str(folder), "the kernel used another `edition`"
    checks = [c for c in nb.cells if c.cell_type == "code" and "# self-check" in c.source]
    assert checks and all("아직이다" in c.outputs[0]["data"]["text/plain"] for c in checks)


@pytest.mark.skipif(not os.environ.get("EDITION_FRESH_VENV"), reason="set EDITION_FRESH_VENV=1 (2–3 min)")
def test_bundle_in_a_fresh_venv_with_its_one_line_install(site, tmp_path):
    folder = _unzip(site, "ko", tmp_path)
    venv.create(folder / ".venv", with_pip=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "EDITION", "VIRTUAL_ENV"))}
    bin_ = folder / ".venv" / "bin"
    subprocess.run([str(bin_ / "pip"), "install", "-q", "-r", "requirements.txt"], cwd=folder, env=env,
                   check=True, timeout=900)
    subprocess.run([str(bin_ / "jupyter"), "nbconvert", "--to", "notebook", "--execute", "02-integration.ipynb",
                    "--output", "ran.ipynb"], cwd=folder, env=env, check=True, timeout=300)
    ran = json.loads((folder / "ran.ipynb").read_text(encoding="utf-8"))
    assert not any(o.get("output_type") == "error" for c in ran["cells"] for o in c.get("outputs", []))


def test_data_package_downloadable_whole_and_per_file_from_the_data_sources_page(site):
    soup = soup_of(site / "chapters" / "data-sources.html")
    hrefs = {a["href"] for a in soup.select(".data-downloads a[href]")}
    for name in download.data_files() + [download.DATA_ZIP]:
        assert f"../data/{name}" in hrefs, f"data-sources page does not link {name}"
        assert (site / "data" / name).is_file(), f"{name} not in the site"
    with zipfile.ZipFile(site / "data" / download.DATA_ZIP) as z:
        names = z.namelist()
    assert "lee-gray-2020-edition-data/datapackage.json" in names
    desc = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert desc["licenses"] and all(r.get("licenses") for r in desc["resources"])

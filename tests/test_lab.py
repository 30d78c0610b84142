"""``python -m edition.lab``: the working copies of the student's notebooks (never the chapters), the
reset, and the notebook it opens. (The real JupyterLab run is tests/browser/test_jupyterlab.py.)"""
from __future__ import annotations

import json
import subprocess

import pytest

from edition import ROOT, lab


def _built(tmp_path, text="fresh"):
    """A fake build output: one chapter notebook per language."""
    src = tmp_path / "notebooks"
    for lang in ("en", "ko"):
        (src / lang).mkdir(parents=True)
        nb = {"cells": [{"cell_type": "markdown", "id": "a", "metadata": {}, "source": f"{text} {lang}"}],
              "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
        (src / lang / "02-integration.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    return src


def test_prepare_copies_both_languages_and_keeps_the_students_work(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter"))  # the signature store
    src, work = _built(tmp_path), tmp_path / "work"
    made = lab.prepare(work, src)
    assert sorted(p.relative_to(work).as_posix() for p in made) == ["en/02-integration.ipynb",
                                                                     "ko/02-integration.ipynb"]
    mine = work / "en" / "02-integration.ipynb"
    mine.write_text(mine.read_text(encoding="utf-8").replace("fresh en", "my edit"), encoding="utf-8")
    assert lab.prepare(work, src) == []  # a second start copies nothing over the student's work
    assert "my edit" in mine.read_text(encoding="utf-8")


def test_reset_puts_fresh_copies_back_and_keeps_the_old_ones(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter"))
    src, work = _built(tmp_path), tmp_path / "work"
    lab.prepare(work, src)
    mine = work / "en" / "02-integration.ipynb"
    mine.write_text("broken", encoding="utf-8")
    lab.prepare(work, src, reset=True)
    assert "fresh en" in mine.read_text(encoding="utf-8")
    (old,) = list((work / ".old").glob("*/en/02-integration.ipynb"))
    assert old.read_text(encoding="utf-8") == "broken"


def test_fresh_copies_are_trusted_so_stored_charts_draw(tmp_path, monkeypatch):
    import nbformat
    from nbformat.sign import NotebookNotary

    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter"))
    src, work = _built(tmp_path), tmp_path / "work"
    lab.prepare(work, src)
    nb = nbformat.read(work / "ko" / "02-integration.ipynb", as_version=4)
    assert NotebookNotary().check_signature(nb)


@pytest.mark.parametrize("name", [None, "02-integration", "chapters/02-integration.md", "02-integration.ipynb"])
def test_notebook_names_a_student_may_type(name, tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter"))
    src, work = _built(tmp_path), tmp_path / "work"
    lab.prepare(work, src)
    (work / "en" / "run-it-yourself.ipynb").write_text("{}", encoding="utf-8")
    want = work / "en" / ("run-it-yourself.ipynb" if name is None else "02-integration.ipynb")
    assert lab.notebook_path(name, "en", work) == want


def test_unknown_notebook_is_refused_in_both_languages_with_the_list(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter"))
    src, work = _built(tmp_path), tmp_path / "work"
    lab.prepare(work, src)
    with pytest.raises(SystemExit) as err:
        lab.notebook_path("07-epilogue", "ko", work)
    text = str(err.value)
    assert "No notebook '07-epilogue'" in text and "노트북 '07-epilogue'" in text and "02-integration" in text


def test_jupyterlab_is_served_from_the_working_folder_not_the_repository(tmp_path):
    nb = tmp_path / "work" / "en" / "02-integration.ipynb"
    argv = lab.lab_argv(nb, ["--no-browser"], tmp_path / "work")
    assert argv == [f"--ServerApp.root_dir={tmp_path / 'work'}", str(nb), "--no-browser"]


def test_the_working_folder_is_ignored_by_git():
    out = subprocess.run(["git", "check-ignore", "work/en/02-integration.ipynb"], cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 0, "work/ is not git-ignored"


@pytest.mark.parametrize("path", ["../references.bib", "sub/claims.csv", "link.csv", "missing.csv"])
def test_data_download_refuses_a_resource_outside_data(tmp_path, path):
    from edition.site import download

    data = tmp_path / "data"
    data.mkdir()
    (tmp_path / "references.bib").write_text("x", encoding="utf-8")
    (data / "claims.csv").write_text("a\n1\n", encoding="utf-8")
    (data / "link.csv").symlink_to(data / "claims.csv")
    (data / "datapackage.json").write_text(json.dumps({"resources": [{"name": "r", "path": path}]}),
                                           encoding="utf-8")
    with pytest.raises(ValueError, match=r"resources\[0\] \('r'\).*refused"):
        download.data_files(tmp_path)

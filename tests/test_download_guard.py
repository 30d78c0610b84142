"""A chapter's notebook downloaded from the site and run outside the repository.

The downloadable ``.ipynb`` is the executed chapter with a guard in its set-up cell
(:mod:`edition.download`). Outside the repository ``import edition`` fails; the guard must turn that
into the bilingual message (how to get the repository, the two commands), not a traceback, and stop.
Inside the repository the guarded cell must run as before.

The "elsewhere" is real: a Jupyter kernel started in an empty temporary folder, with the editable
install's import hook for ``edition`` removed, so the package cannot be found — as on a machine that
only has the downloaded file.
"""
from __future__ import annotations

import json
import sys

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient

from edition import CHAPTERS, download

CHAPTER = "04-sanctions.md"

# A kernel that cannot import `edition`: drop the editable install's finder and the repository from sys.path.
HIDE_EDITION = (
    "import sys; "
    "sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in getattr(f, '__module__', '')"
    " and 'editable' not in getattr(type(f), '__module__', '')]; "
    "sys.path[:] = [p for p in sys.path if 'edition' not in p.split('/')[-1:]]; "
    "from ipykernel.kernelapp import launch_new_instance; launch_new_instance()"
)


def _chapter_notebook(name: str = CHAPTER) -> dict:
    nb = jupytext.read(CHAPTERS / name)
    return json.loads(nbformat.writes(nb))


@pytest.fixture
def outside_kernel(tmp_path, monkeypatch):
    """A kernelspec ``outside`` whose kernel cannot import ``edition``, and an empty working folder."""
    spec = tmp_path / "share" / "kernels" / "outside"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-c", HIDE_EDITION, "-f", "{connection_file}"],
        "display_name": "Python 3 (no edition)", "language": "python"}), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "share"))
    elsewhere = tmp_path / "Downloads"
    elsewhere.mkdir()
    return elsewhere


def _run(nb: dict, cwd, kernel: str) -> nbformat.NotebookNode:
    node = nbformat.reads(json.dumps(nb), as_version=4)  # joins list sources as Jupyter does
    NotebookClient(node, kernel_name=kernel, timeout=60, allow_errors=True,
                   resources={"metadata": {"path": str(cwd)}}).execute()
    return node


def test_guard_goes_in_front_of_the_set_up_import_once():
    nb = _chapter_notebook()
    assert download.guard_notebook(nb, CHAPTER) is True
    first = next(c for c in nb["cells"] if c["cell_type"] == "code")
    source = "".join(first["source"])
    assert source.startswith(download.MARK)
    assert source.rstrip().endswith('ch = setup("s4")')  # the chapter's own code is kept as it was
    assert download.guard_notebook(nb, CHAPTER) is False  # idempotent
    assert "".join(first["source"]).count(download.MARK) == 1


def test_notebook_without_an_edition_import_is_left_alone():
    nb = {"cells": [{"cell_type": "code", "source": "print(1)", "metadata": {}, "outputs": []}]}
    assert download.guard_notebook(nb, "x.md") is False
    assert nb["cells"][0]["source"] == "print(1)"


def test_message_is_bilingual_names_the_commands_and_invents_no_address():
    lines = download.message(CHAPTER)
    text = "\n".join(lines)
    assert "python3 -m venv .venv && .venv/bin/pip install -r requirements.txt" in text
    assert f".venv/bin/python -m edition.lab chapters/{CHAPTER}" in text
    assert text.count("requirements.txt") == 2 and "저장소" in text and "repository" in text
    assert any("\uac00" <= ch <= "\ud7a3" for ch in text)  # Hangul
    assert "http" not in text and "github" not in text.lower()


def test_downloaded_chapter_run_elsewhere_prints_the_message_not_a_traceback(outside_kernel):
    nb = _chapter_notebook()
    download.guard_notebook(nb, CHAPTER)
    ran = _run(nb, outside_kernel, "outside")
    code = [c for c in ran.cells if c.cell_type == "code"]
    errors = [o for o in code[0].outputs if o.output_type == "error"]
    assert len(errors) == 1, code[0].outputs
    shown = "\n".join(errors[0].traceback)
    assert errors[0].ename == "EditionNotFound"
    assert "Traceback" not in shown and "ModuleNotFoundError" not in shown and "File " not in shown
    assert shown.splitlines() == download.message(CHAPTER)


def test_unguarded_chapter_elsewhere_is_the_traceback_the_guard_replaces(outside_kernel):
    """The fixture really hides `edition`: without the guard the student meets ModuleNotFoundError."""
    nb = {"cells": [{"cell_type": "code", "id": "import", "source": "from edition.chapter import setup",
                     "metadata": {}, "outputs": [], "execution_count": None}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    ran = _run(nb, outside_kernel, "outside")
    (err,) = [o for o in ran.cells[0].outputs if o.output_type == "error"]
    assert err.ename == "ModuleNotFoundError" and "edition" in err.evalue


def test_guarded_chapter_inside_the_repository_runs_as_before():
    nb = _chapter_notebook()
    download.guard_notebook(nb, CHAPTER)
    first = next(c for c in nb["cells"] if c["cell_type"] == "code")
    nb["cells"] = [first, {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                           "source": "print(ch.section, len(ch.judgements))"}]
    ran = _run(nb, CHAPTERS, "python3")
    assert not any(o.output_type == "error" for c in ran.cells for o in c.outputs)
    section, count = ran.cells[1].outputs[0]["text"].split()
    assert section == "s4" and int(count) > 0


def test_site_build_guards_every_downloadable_chapter(tmp_path):
    sources = tmp_path / "_sources" / "chapters"
    sources.mkdir(parents=True)
    for name in ("04-sanctions.md", "run-it-yourself.md"):
        (sources / name.replace(".md", ".ipynb")).write_text(json.dumps(_chapter_notebook(name)),
                                                             encoding="utf-8")
    changed = download.guard_downloads(tmp_path)
    assert [p.name for p in changed] == ["04-sanctions.ipynb", "run-it-yourself.ipynb"]
    assert download.guard_downloads(tmp_path) == []  # a rebuild leaves guarded copies alone
    nb = json.loads((sources / "run-it-yourself.ipynb").read_text(encoding="utf-8"))
    first = next(c for c in nb["cells"] if c["cell_type"] == "code")
    assert "chapters/run-it-yourself.md" in "".join(first["source"])

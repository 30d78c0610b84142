"""A student's notebook downloaded from the site without its bundle, and run.

The generated first cell of every student's notebook (:mod:`edition.site.notebooks`) guards
``import edition`` (:mod:`edition.site.download`). Without the bundle the guard must turn that into the
one bilingual message (which zip, the one-line install), not a traceback, and every later cell must
do nothing (no ``NameError`` below the message). With the package, the cell must run as before.

The "elsewhere" is real: a Jupyter kernel started in an empty temporary folder, with the editable
install's import hook for ``edition`` removed, so the package cannot be found — as on a machine that
only has the downloaded file.
"""
from __future__ import annotations

import json

import nbformat
import pytest
from nbclient import NotebookClient

from edition import CHAPTERS
from edition.site import download, notebooks as student

from .kernels import kernel_without_edition


@pytest.fixture
def outside_kernel(tmp_path, monkeypatch):
    """A kernelspec ``outside`` whose kernel cannot import ``edition``, and an empty working folder."""
    kernel_without_edition(tmp_path / "share", "outside", "Python 3 (no edition)")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "share"))
    elsewhere = tmp_path / "Downloads"
    elsewhere.mkdir()
    return elsewhere


def _run(nb: dict, cwd, kernel: str) -> nbformat.NotebookNode:
    node = nbformat.reads(json.dumps(nb), as_version=4)  # joins list sources as Jupyter does
    NotebookClient(node, kernel_name=kernel, timeout=60, allow_errors=True,
                   resources={"metadata": {"path": str(cwd)}}).execute()
    return node


def _student_notebook(stem: str = "04-sanctions", lang: str = "en") -> dict:
    """The generated set-up cell, the chapter's own set-up, and a cell that uses what it made."""
    def code(i, src):
        return {"cell_type": "code", "id": f"c{i}", "metadata": {}, "outputs": [], "execution_count": None,
                "source": src}
    return {"cells": [code(0, student.setup_source(stem, lang)),
                      code(1, 'from edition.student.chapter import setup\nch = setup("s4")'),
                      code(2, "print(ch.section, len(ch.judgements))")],
            "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_message_is_bilingual_names_the_bundle_and_invents_no_address(lang):
    text = "\n".join(download.message("04-sanctions", lang))
    assert f'"{download.bundle_name(lang)}"' in text and "download menu" in text and "다운로드 메뉴" in text
    assert download.INSTALL.format(notebook="04-sanctions.ipynb") in text
    assert "http" not in text and "github" not in text.lower() and "rocket" not in text.lower()


def test_notebook_without_its_bundle_stops_at_one_message(outside_kernel):
    ran = _run(_student_notebook(), outside_kernel, "outside")
    outputs = [o for c in ran.cells for o in c.outputs]
    errors = [o for o in outputs if o.output_type == "error"]
    assert len(errors) == 1 and errors[0].ename == "EditionNotFound", outputs
    shown = "\n".join(errors[0].traceback)
    assert "Traceback" not in shown and "ModuleNotFoundError" not in shown and "File " not in shown
    assert shown.splitlines() == download.message("04-sanctions", "en")
    assert outputs == [errors[0]], "a later cell printed something below the message"


def test_without_the_guard_the_student_would_meet_a_traceback(outside_kernel):
    """The fixture really hides `edition`: unguarded, the student meets ModuleNotFoundError."""
    nb = _student_notebook()
    nb["cells"] = nb["cells"][1:]
    ran = _run(nb, outside_kernel, "outside")
    err = [o for c in ran.cells for o in c.outputs if o.output_type == "error"][0]
    assert err.ename == "ModuleNotFoundError" and "edition" in err.evalue


def test_with_the_package_the_notebook_runs_as_before():
    ran = _run(_student_notebook(lang="ko"), CHAPTERS, "python3")
    assert not any(o.output_type == "error" for c in ran.cells for o in c.outputs)
    section, count = ran.cells[2].outputs[0]["text"].split()
    assert section == "s4" and int(count) > 0

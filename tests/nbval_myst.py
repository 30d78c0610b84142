"""pytest plugin: run every MyST chapter in ``chapters/`` through nbval.

nbval collects only ``.ipynb`` files and a conftest hook is never called for ``chapters/*.md``
(conftest hooks are directory-scoped), so this plugin is loaded from ``pytest.ini`` with ``-p``.
Each chapter is read with jupytext and handed to nbval cell by cell, from its own path so that the
kernel's working directory is ``chapters/`` as under jupyter-book. Outputs are not compared (the
``.md`` files hold none); a cell that raises fails the test with its traceback.
"""
from __future__ import annotations

from pathlib import Path
from unittest import mock

import jupytext
import pytest
from nbval.plugin import IPyNbFile

ROOT = Path(__file__).resolve().parent.parent


class MystNotebook(IPyNbFile):
    def collect(self):
        with mock.patch("nbval.plugin.nbformat.read", lambda path, as_version=4: jupytext.read(path)):
            yield from super().collect()


def pytest_collect_file(file_path: Path, parent):
    if file_path.suffix == ".md" and file_path.parent == ROOT / "chapters":
        text = file_path.read_text(encoding="utf-8")
        if "```{code-cell}" in text:
            return MystNotebook.from_parent(parent, path=file_path)
    return None


def pytest_configure(config):
    # Lax mode: run every cell, compare no output (Altair ids are random; .md has no outputs).
    config.option.nbval_lax = True

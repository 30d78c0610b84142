"""pytest plugin: run every MyST chapter in ``chapters/`` through nbval, and hand the runs to the
book build so that each notebook is executed once per test run.

nbval collects only ``.ipynb`` files and a conftest hook is never called for ``chapters/*.md``
(conftest hooks are directory-scoped), so this plugin is loaded from ``pytest.ini`` with ``-p``.
Each chapter is read with jupytext and handed to nbval cell by cell, from its own path so that the
kernel's working directory is ``chapters/`` as under jupyter-book. Outputs are not compared (the
``.md`` files hold none); a cell that raises (a drifted verdict, a data error) fails the test with
its traceback.

Executed once: when ``EDITION_NB_CACHE`` names a folder (``tools/test.sh`` sets it to the
build's ``_build/.jupyter_cache``), a chapter whose every cell passed is stored there with the
outputs nbval received from the kernel, keyed as myst-nb keys it (the chapter's code cells, read
by myst-nb's own reader), through :func:`edition.site.execution.store_run`, which also records the
fingerprint of the data and code the run used. The strict build that follows (``cache`` mode,
the book's setting) reuses those outputs instead of executing the chapter again; a chapter that
failed is not stored, so the build executes it and fails the same way.
"""
from __future__ import annotations

import os
import time
from pathlib import Path
from unittest import mock

import jupytext
import nbformat
import pytest
from nbval.plugin import IPyNbFile

ROOT = Path(__file__).resolve().parent.parent
CACHE_ENV = "EDITION_NB_CACHE"
_failed: set[str] = set()


class MystNotebook(IPyNbFile):
    def collect(self):
        self._cells = []
        self._started = time.monotonic()
        with mock.patch("nbval.plugin.nbformat.read", lambda path, as_version=4: jupytext.read(path)):
            for item in super().collect():
                self._cells.append(item)
                yield item

    def setup(self):
        super().setup()
        self._language_info = kernel_language_info(self.kernel)

    def teardown(self):
        super().teardown()
        cache_dir = os.environ.get(CACHE_ENV)
        if cache_dir and self._cells and not any(c.nodeid in _failed for c in self._cells):
            store_run(Path(self.path), self._cells, Path(cache_dir), time.monotonic() - self._started,
                      getattr(self, "_language_info", None))


def kernel_language_info(kernel, timeout: float = 10) -> dict | None:
    """The kernel's ``language_info``, as nbclient records it in an executed notebook (myst-nb
    takes the code cells' highlighting lexer from it: ``ipython3``, not ``python``)."""
    msg_id = kernel.kc.kernel_info()
    info = None
    while True:
        msg = kernel.get_message(stream="shell", timeout=timeout)
        if msg["parent_header"].get("msg_id") == msg_id:
            info = msg["content"].get("language_info")
            break
    kernel.await_idle(msg_id, timeout)
    return info


def executed_notebook(path: Path, cells: list) -> nbformat.NotebookNode | None:
    """The chapter as myst-nb reads it, with each code cell's outputs from the nbval run; None if
    the two readings do not pair up cell for cell (then the build simply executes the chapter)."""
    from edition.site.mystnb_api import read_myst_markdown

    nb = read_myst_markdown(path)
    code = [c for c in nb.cells if c.cell_type == "code"]
    if len(code) != len(cells):
        return None
    for count, (cell, item) in enumerate(zip(code, cells), start=1):
        if cell.source.strip() != item.cell.source.strip() or item.test_outputs is None:
            return None
        cell.execution_count = count
        cell.outputs = [nbformat.from_dict(dict(o)) for o in item.test_outputs]
        for out in cell.outputs:
            if out.output_type == "execute_result":
                out.execution_count = count
            if out.output_type == "error":
                return None
    return nb


def store_run(path: Path, cells: list, cache_dir: Path, seconds: float,
              language_info: dict | None) -> None:
    from edition import ROOT as BOOK_ROOT
    from edition.site.execution import store_run as store

    nb = executed_notebook(path, cells)
    if nb is not None:
        if language_info:
            nb.metadata["language_info"] = nbformat.from_dict(language_info)
        store(nb, path, cache_dir, BOOK_ROOT, seconds)


def pytest_runtest_logreport(report):
    if report.failed:
        _failed.add(report.nodeid)


def pytest_collect_file(file_path: Path, parent):
    if file_path.suffix == ".md" and file_path.parent == ROOT / "chapters":
        text = file_path.read_text(encoding="utf-8")
        if "```{code-cell}" in text:
            return MystNotebook.from_parent(parent, path=file_path)
    return None


def pytest_configure(config):
    # Lax mode: run every cell, compare no output (Altair ids are random; .md has no outputs).
    config.option.nbval_lax = True

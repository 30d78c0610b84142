"""Sphinx extension: how the chapters are executed, once, two at a time, never stale.

Why it exists:

* **Two at a time.** myst-nb executes a notebook while Sphinx reads it, one after the other, and
  Sphinx waits on each kernel: on a 2-core machine half the machine idles through most of a
  clean build. Before Sphinx reads anything (``env-before-read-docs``) this extension starts
  every chapter that is about to be read and is not in the execution cache, one kernel per core,
  while Sphinx reads the pages without code; just before myst-nb reads a chapter
  (``source-read``) its run is stored in myst-nb's cache (``execute_notebooks: cache``), where
  myst-nb finds it. A chapter that fails here is simply not stored: myst-nb executes it again as
  it reads it and fails the build with its own message and traceback.
* **Never stale.** The cache keys a notebook on its code cells only, so by itself it would keep
  outputs computed from an older CSV or an older ``edition`` package (the trap the stack notes
  describe, the reason books like this one force execution). Here the cache also records a
  fingerprint of everything a chapter's code reads besides its own cells: the ``edition``
  package, ``data/``, ``source/``, ``references.bib``, ``CITATION.cff``, the table of contents
  and configuration, the pinned requirements and the Python version. When the fingerprint
  differs the whole cache is discarded first, so a changed number always re-executes every
  chapter. Each chapter also depends on those files (``env.note_dependency``), so an incremental
  build reads it again when one of them changes.
* **Once per test run.** The test command runs every chapter under nbval first;
  ``tests/nbval_myst.py`` stores each passing run here with :func:`store_run`, and the build
  that follows finds them all in the cache (``tools/test.sh`` checks it executed none).
* **Downloads with outputs.** myst-nb 1.4 writes the notebook it read, not the one merged from
  the cache, into ``_build/jupyter_execute/``, and the theme's download menu copies that file:
  :func:`restore_outputs` rewrites it with the cached outputs right after the page is read.

Every call into myst-nb, jupyter-cache and nbclient goes through :mod:`edition.site.mystnb_api`.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path
from typing import Any, Iterator

import nbformat
from sphinx.application import Sphinx
from sphinx.util import logging

from . import mystnb_api

logger = logging.getLogger(__name__)

#: Written into the cache folder: the fingerprint of the inputs its runs were computed from.
FINGERPRINT_FILE = "edition-inputs.sha256"
#: What a chapter's code reads besides its cells, relative to the book's root.
BOOK_INPUTS = ("data", "source", "references.bib", "CITATION.cff", "_toc.yml", "_config.yml",
               "requirements.txt")
#: The line this extension logs for each chapter it executes (``tools/test.sh`` counts them).
EXECUTED = "edition: executed"


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return []


def input_files(book_root: Path) -> list[Path]:
    """Every file the chapters' outputs depend on besides their own code cells."""
    import edition

    files = _files(Path(edition.__file__).resolve().parent)
    for name in BOOK_INPUTS:
        files.extend(_files(book_root / name))
    return files


def inputs_fingerprint(book_root: Path) -> str:
    """A hash of :func:`input_files`, their names and contents, and the Python version."""
    import edition

    bases = (book_root.resolve(), Path(edition.__file__).resolve().parent.parent)
    digest = hashlib.sha256(sys.version.encode("utf-8") + b"\0")
    for file in input_files(book_root):
        resolved = file.resolve()
        base = next((b for b in bases if resolved.is_relative_to(b)), resolved.parent)
        digest.update(str(resolved.relative_to(base)).encode("utf-8") + b"\0")
        digest.update(file.read_bytes() + b"\0")
    return digest.hexdigest()


@contextmanager
def _locked(cache_path: Path) -> Iterator[None]:
    """One writer at a time: the test command's nbval runs store chapters from two processes."""
    try:
        import fcntl
    except ImportError:  # Windows: no concurrent test runs there, no lock needed
        yield
        return
    lock = cache_path.parent / f".{cache_path.name}.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _emptied_if_stale(cache_path: Path, fingerprint: str) -> None:
    stamp = cache_path / FINGERPRINT_FILE
    recorded = stamp.read_text(encoding="utf-8").strip() if stamp.exists() else None
    if recorded == fingerprint:
        return
    if cache_path.exists():
        if recorded is not None:
            logger.info("edition: the data or code changed since the cached runs; "
                        "every chapter executes again")
        shutil.rmtree(cache_path)
    cache_path.mkdir(parents=True)
    stamp.write_text(fingerprint + "\n", encoding="utf-8")


def fresh_cache(cache_path: Path, book_root: Path) -> Any:
    """The execution cache at *cache_path*, emptied first if it was filled from other inputs."""
    fingerprint = inputs_fingerprint(book_root)
    with _locked(cache_path):
        _emptied_if_stale(cache_path, fingerprint)
    return mystnb_api.open_cache(cache_path)


def store_run(notebook: nbformat.NotebookNode, source: Path, cache_path: Path, book_root: Path,
              seconds: float) -> None:
    """Store an executed chapter in the cache, as myst-nb would have stored it."""
    fingerprint = inputs_fingerprint(book_root)
    with _locked(cache_path):
        _emptied_if_stale(cache_path, fingerprint)
        mystnb_api.store(mystnb_api.open_cache(cache_path), notebook, source, seconds)


# --- the build: execute what is about to be read --------------------------------------------------

def _to_execute(app: Sphinx, docname: str) -> mystnb_api.Reading | None:
    """The chapter as myst-nb will read it, or None when it is not a notebook, has no code, or is
    not executed in cache mode in the chapter's own folder (myst-nb's business then)."""
    reading = mystnb_api.read_notebook(app, docname)
    if reading is None or not any(c.cell_type == "code" for c in reading.notebook.cells):
        return None
    config = reading.config
    if config.execution_mode != "cache":
        return None
    if config.execution_in_temp or any(reading.path.match(p) for p in config.execution_excludepatterns):
        return None  # a temporary working folder is myst-nb's business: it executes these itself
    return reading


def _execute(notebook: nbformat.NotebookNode, cwd: str, timeout: int | None,
             allow_errors: bool) -> mystnb_api.Run:
    """One chapter in a worker process: the executed notebook, or None and the error."""
    try:
        return mystnb_api.execute(notebook, cwd, timeout, allow_errors)
    except Exception as exc:  # a dead kernel, a missing kernel: myst-nb will report it
        return mystnb_api.Run(None, 0.0, f"{type(exc).__name__}: {exc}")


def _context() -> Any:
    """Fork where the platform has it (as Sphinx's own parallel build does): a worker then starts
    with nbclient already imported instead of importing it again (about half a second each)."""
    return get_context("fork" if "fork" in get_all_start_methods() else "spawn")


def workers(jobs: int, configured: int | None = None) -> int:
    """One kernel per core, or ``edition_execution_workers`` (``_config.yml``), or
    ``EDITION_EXECUTION_WORKERS`` over both (CI on a small runner); never more than jobs."""
    from sphinx.errors import ConfigError

    wanted = os.environ.get("EDITION_EXECUTION_WORKERS", "").strip()
    try:
        count = int(wanted) if wanted else (configured or os.cpu_count() or 1)
    except ValueError:
        raise ConfigError(f"environment: EDITION_EXECUTION_WORKERS {wanted!r} is not a whole number") from None
    return max(1, min(count, jobs))


class ChapterRuns:
    """The chapters this build executes itself: started before Sphinx reads anything, collected
    as each is about to be read.

    Sphinx reads the pages without code first (this reorders the list it is about to read, as
    ``env-before-read-docs`` allows), so that its own work overlaps the kernels'.
    """

    def __init__(self) -> None:
        self.pool: ProcessPoolExecutor | None = None
        self.pending: dict[str, tuple[Path, Future]] = {}
        self.notebooks: set[str] = set()
        self.inputs: list[Path] = []

    def start(self, app: Sphinx, env: Any, docnames: list[str]) -> None:
        config = mystnb_api.config(app)
        if config.execution_mode != "cache" or not docnames:
            return
        cache = fresh_cache(Path(config.execution_cache_path), Path(app.srcdir))
        self.inputs = input_files(Path(app.srcdir))
        todo: list[tuple[str, mystnb_api.Reading]] = []
        for docname in docnames:
            reading = _to_execute(app, docname)
            if reading is None:
                continue
            self.notebooks.add(docname)
            if not mystnb_api.is_cached(cache, reading.notebook):
                todo.append((docname, reading))
        if not todo:
            return
        # the longest chapters first, so that the last kernel to start is a short one
        todo.sort(key=lambda job: -sum(len(c.source) for c in job[1].notebook.cells
                                       if c.cell_type == "code"))
        count = workers(len(todo), app.config.edition_execution_workers)
        logger.info(f"edition: executing {len(todo)} chapter(s), {count} at a time")
        mystnb_api.preload_execution()  # once, before the workers fork

        self.pool = ProcessPoolExecutor(max_workers=count, mp_context=_context())
        for docname, (path, notebook, nb_config) in todo:
            self.pending[docname] = (path, self.pool.submit(
                _execute, notebook, str(path.parent), nb_config.execution_timeout,
                nb_config.execution_allow_errors))
        # pages without code first, then the chapters in the order their runs were queued
        docnames[:] = [d for d in docnames if d not in self.pending] + list(self.pending)

    def collect(self, app: Sphinx, docname: str, source: list[str]) -> None:
        """Before myst-nb reads a chapter of this build: wait for its run and store it.

        The chapter is also made to depend on every input file, so that an incremental build
        reads (and so executes) it again when one of them changes, not only a ``--all`` build.
        """
        if docname in self.notebooks:
            for path in self.inputs:
                app.env.note_dependency(str(path))
        job = self.pending.pop(docname, None)
        if job is None:
            return
        path, future = job
        executed, seconds, error = future.result()
        if executed is None:
            logger.info(f"edition: {docname} failed ({error}); myst-nb executes it again to "
                        "report the error")
        else:
            cache_path = Path(mystnb_api.config(app).execution_cache_path)
            store_run(executed, path, cache_path, Path(app.srcdir), seconds)
            logger.info(f"{EXECUTED} {docname} in {seconds:.2f} s")
        if not self.pending:
            self.stop()

    def stop(self, *_: Any) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        self.pending.clear()


# --- downloads: the notebook file with its outputs ------------------------------------------------

def restore_outputs(app: Sphinx, doctree: Any) -> None:
    config = mystnb_api.config(app)
    if config.execution_mode != "cache":
        return
    path = mystnb_api.executed_notebook(app, app.env.docname)
    if not path.exists():
        return
    notebook = nbformat.read(path, as_version=4)
    merged = mystnb_api.merged_from_cache(mystnb_api.open_cache(config.execution_cache_path), notebook)
    if merged is not None:  # else executed by myst-nb itself: it already has its outputs
        nbformat.write(merged, path)


def setup(app: Sphinx) -> dict[str, Any]:
    from . import config

    config.register(app)  # edition_execution_workers
    runs = ChapterRuns()
    app.connect("env-before-read-docs", runs.start, priority=100)  # before the data preload
    app.connect("source-read", runs.collect)
    app.connect("env-updated", runs.stop)
    app.connect("doctree-read", restore_outputs)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

"""Every place the edition touches myst-nb, jupyter-cache or nbclient: one module, so that an
upgrade of either is checked here and nowhere else (``tests/test_mystnb_contract.py`` fails,
naming the changed name and this module, when one of them moves).

What is used, and on what footing (myst-nb 1.4, jupyter-cache 1.0, nbclient 0.11):

==========================================================  =====================================
name                                                        footing
==========================================================  =====================================
``myst_nb.core.read.create_nb_reader``, ``NbReader.read``   documented (MyST-NB, Python API: Read)
``myst_nb.core.read.read_myst_markdown_notebook``           documented (MyST-NB, Python API: Read)
``myst_nb.core.config.NbParserConfig``: its fields          documented (Python API: Configuration;
``execution_mode``, ``execution_cache_path``,               each is an ``nb_*`` config value of
``execution_in_temp``, ``execution_excludepatterns``,       the Configuration page); the per-file
``execution_timeout``, ``execution_allow_errors``,          ``mystnb`` metadata is documented too
``kernel_rgx_aliases``, ``metadata_key``,
``output_folder``, and ``copy(**changes)``
``app.env.mystnb_config``                                   internal: the resolved NbParserConfig
                                                            myst-nb stores at ``builder-inited``
                                                            (``sphinx_ext.create_mystnb_config``);
                                                            the only place that holds the cache
                                                            path and output folder it resolved
``app.env.myst_config`` (myst-parser's MdParserConfig)      internal, likewise (read by
                                                            ``create_nb_reader``)
the opening of ``myst_nb.sphinx_.Parser.parse``             no public function: mirrored in
(kernel alias, per-file overrides without                   :func:`read_notebook`, compared with
``output_folder``)                                          the Parser's own reading by the test
``jupyter_cache.get_cache``, ``jupyter_cache.base.          documented (jupyter-cache, Python API;
CacheBundleIn``, the cache's ``cache_notebook_bundle``,     ``jupyter_cache.base`` is "the
``match_cache_notebook``, ``merge_match_into_notebook``     interface API access should use")
``nbclient.execute``, ``CellExecutionError``,               documented (nbclient)
``CellTimeoutError``
what myst-nb writes: the doctree's ``nb_element`` and       undocumented output, named once here
``cell_index``, the notebook's ``source_map``, the glue     (:data:`NB_ELEMENT` …) and checked on
MIME type                                                   a page myst-nb renders by the test
==========================================================  =====================================

Not used, and why: jupyter-cache's executors (``load_executor("local-parallel", …)``) run a
project's staged *files*, read by jupyter-cache's reader plugins (myst-nb's ``myst_nb_md`` reads
with the default Markdown settings and no kernel alias, so it can key a chapter differently from
myst-nb), and ``run_and_cache`` blocks until every notebook is done, which would forbid Sphinx
reading the pages without code meanwhile. :func:`execute` calls nbclient as myst-nb's cache mode
does through jupyter-cache's ``single_nb_execution`` (notebook-level ``execution`` metadata may
override the timeout and ``allow_errors``, no timing metadata in the cells).

The kernel side writes glue outputs without importing myst-nb (``edition/student/chapter.py``,
a lower layer, pinned to ``myst_nb.glue`` by ``tests/test_edition.py``).
"""
from __future__ import annotations

import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from docutils import nodes
from sphinx.application import Sphinx

if TYPE_CHECKING:  # nbformat costs 1.2 s to import: the extension's every build (and the fixture
    import nbformat  # book's, which has no myst-nb) would pay it for annotations alone

#: myst-nb's per-file setting it refuses to take from a notebook (``Parser.parse`` pops it).
NOT_PER_FILE = "output_folder"

#: The doctree attribute on myst-nb's containers saying what each holds.
NB_ELEMENT = "nb_element"
#: A code cell's container (its input and outputs); it carries :data:`CELL_INDEX`.
CODE_CELL = "cell_code"
#: On a code cell's container: the cell's index in the notebook.
CELL_INDEX = "cell_index"
#: The containers of what a code cell produced (raw HTML inside them is the cell's output).
OUTPUT_ELEMENTS = frozenset({"cell_code_output", "mime_bundle"})
#: In a MyST Markdown notebook's metadata: the source line where each cell starts.
SOURCE_MAP = "source_map"
#: The MIME type of each value glued with ``myst_nb.glue`` starts with this.
GLUE_MIME = "application/papermill.record/"


class Reading(NamedTuple):
    """A notebook as myst-nb's Sphinx parser reads it, with the settings that apply to it."""

    path: Path
    notebook: nbformat.NotebookNode
    config: Any  # myst_nb.core.config.NbParserConfig


class Run(NamedTuple):
    """One execution: the executed notebook (None if it failed), its time, and the error."""

    notebook: nbformat.NotebookNode | None
    seconds: float
    error: str | None


def is_code_cell(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and node.get(NB_ELEMENT) == CODE_CELL


def is_output(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Element) and node.get(NB_ELEMENT) in OUTPUT_ELEMENTS


# --- myst-nb: its settings and its reading -------------------------------------------------------

def config(app: Sphinx) -> Any:
    """myst-nb's resolved settings (an ``NbParserConfig``: the cache path and output folder filled
    in from the build folder)."""
    return app.env.mystnb_config


def executed_notebook(app: Sphinx, docname: str) -> Path:
    """Where myst-nb writes the notebook it read for *docname* (``_build/jupyter_execute/…``)."""
    return Path(config(app).output_folder) / f"{docname}.ipynb"


def read_notebook(app: Sphinx, docname: str) -> Reading | None:
    """*docname* as myst-nb's Sphinx parser will read it (same reader, kernel alias and per-file
    settings), or None when myst-nb reads it as plain Markdown."""
    from myst_nb.core.read import create_nb_reader

    path = Path(app.env.doc2path(docname))
    text = path.read_text(encoding="utf-8")
    settings = config(app)
    reader = create_nb_reader(str(path), app.env.myst_config, settings, text)
    if reader is None:
        return None
    notebook = reader.read(text)
    _alias_kernel(notebook, settings.kernel_rgx_aliases or {})
    return Reading(path, notebook, _per_file(settings, notebook))


def _alias_kernel(notebook: nbformat.NotebookNode, aliases: dict[str, str]) -> None:
    kernel = notebook.metadata.get("kernelspec", {}).get("name")
    if kernel is None:
        return
    for pattern, alias in aliases.items():
        if re.fullmatch(pattern, kernel):
            notebook.metadata["kernelspec"]["name"] = alias
            return


def _per_file(settings: Any, notebook: nbformat.NotebookNode) -> Any:
    """The settings with the notebook's own (its ``mystnb`` metadata); on a bad value myst-nb
    warns as it reads the page and keeps the global settings, as this does."""
    if settings.metadata_key not in notebook.metadata:
        return settings
    overrides = dict(notebook.metadata[settings.metadata_key])
    overrides.pop(NOT_PER_FILE, None)
    try:
        return settings.copy(**overrides)
    except Exception:  # noqa: BLE001 - myst-nb reports it (same catch in Parser.parse)
        return settings


def read_myst_markdown(path: Path) -> nbformat.NotebookNode:
    """A MyST Markdown notebook read by myst-nb's reader with its default settings."""
    from myst_nb.core.read import read_myst_markdown_notebook

    return read_myst_markdown_notebook(path.read_text(encoding="utf-8"), path=path)


# --- jupyter-cache: the execution cache myst-nb reads in ``cache`` mode ---------------------------

def open_cache(cache_path: Path | str) -> Any:
    from jupyter_cache import get_cache

    return get_cache(str(cache_path))


def store(cache: Any, notebook: nbformat.NotebookNode, source: Path, seconds: float) -> None:
    """Store an executed notebook as myst-nb's cache mode stores its own runs."""
    from jupyter_cache.base import CacheBundleIn

    cache.cache_notebook_bundle(
        CacheBundleIn(notebook, str(source), data={"execution_seconds": seconds}),
        check_validity=False, overwrite=True)


def is_cached(cache: Any, notebook: nbformat.NotebookNode) -> bool:
    try:
        cache.match_cache_notebook(notebook)
    except KeyError:
        return False
    return True


def merged_from_cache(cache: Any, notebook: nbformat.NotebookNode) -> nbformat.NotebookNode | None:
    """*notebook* with the cached outputs of its code cells, or None when it is not cached."""
    try:
        return cache.merge_match_into_notebook(notebook)[1]
    except KeyError:
        return None


# --- nbclient: one execution ---------------------------------------------------------------------

def preload_execution() -> None:
    """Import the executor now (before worker processes fork, so that each need not)."""
    import nbclient  # noqa: F401


def execute(notebook: nbformat.NotebookNode, cwd: str, timeout: int | None,
            allow_errors: bool) -> Run:
    """Execute *notebook* in place in *cwd*, as myst-nb's cache mode does, but stop the kernel at
    once when the run is over: its outputs are in the notebook by then, and a graceful shutdown
    after a failing cell sometimes waited 3 s for the kernel to answer (half of the test runs)."""
    import nbclient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    own = notebook.metadata.get("execution", {})
    start = time.perf_counter()
    try:
        nbclient.execute(notebook, cwd=cwd, timeout=own.get("timeout", timeout),
                         allow_errors=own.get("allow_errors", allow_errors), record_timing=False,
                         shutdown_kernel="immediate")
    except (CellExecutionError, CellTimeoutError) as error:
        return Run(None, time.perf_counter() - start, type(error).__name__)
    return Run(notebook, time.perf_counter() - start, None)

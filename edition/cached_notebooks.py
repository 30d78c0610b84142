"""Sphinx extension: the downloadable ``.ipynb`` of a chapter carries its outputs in cache mode too.

The test command executes each chapter once, under nbval, and the strict build reuses those runs
from the execution cache (``execute_notebooks: cache``; see ``tests/nbval_myst.py``). myst-nb
1.4 then writes the notebook it read, not the one it merged from the cache, into
``_build/jupyter_execute/``, and the theme's download menu copies that file: readers would
download a notebook without outputs. This hook rewrites the file with the cached outputs right
after the page is read, before the theme copies it. In ``force`` mode (the README's build
command) the file already has them and nothing is done.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)


def executed_path(app: Sphinx, docname: str) -> Path:
    return Path(app.outdir).parent / "jupyter_execute" / f"{docname}.ipynb"


def restore_outputs(app: Sphinx, doctree: Any) -> None:
    config = app.env.mystnb_config  # myst-nb's resolved settings (the cache path is filled in)
    if config.execution_mode != "cache":
        return
    path = executed_path(app, app.env.docname)
    if not path.exists():
        return
    from jupyter_cache import get_cache

    cache = get_cache(config.execution_cache_path)
    notebook = nbformat.read(path, as_version=4)
    try:
        _, merged = cache.merge_match_into_notebook(notebook)
    except KeyError:  # executed in this build, not taken from the cache: already has outputs
        return
    nbformat.write(merged, path)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-read", restore_outputs)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

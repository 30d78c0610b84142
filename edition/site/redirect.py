"""The site's root address (``index.html``) leads to the front page and keeps what a link asked for.

sphinx-external-toc writes a bare ``<meta http-equiv="Refresh">`` to the root document when the
book has no ``index`` page, and that drops the query and the fragment: a link shared as
``…/?lang=ko`` opened the front page in whatever language the browser preferred. This handler
writes the redirect first (sphinx-external-toc leaves an existing ``index.html`` alone): a line of
script carries ``location.search`` and ``location.hash`` across, and the meta refresh and a plain
link remain for a browser without scripts.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from sphinx.application import Sphinx

from ..core import atomic
from ..core.escape import attr, script_json, text

#: sphinx-external-toc writes its own redirect at build-finished with the default priority (500).
BEFORE_EXTERNAL_TOC = 400


def redirect_html(target: str) -> str:
    """The root page: *target* (a path relative to the site's root) with the visitor's query and
    fragment, by script, else by meta refresh or the link."""
    url = quote(target, safe="/.-_~")
    return ('<!DOCTYPE html>\n<html><head><meta charset="utf-8">\n'
            f"<script>location.replace({script_json(url)} + location.search + location.hash)</script>\n"
            f'<meta http-equiv="Refresh" content="0; url={attr(url)}" />\n'
            f'</head><body><a href="{attr(url)}">{text(url)}</a></body></html>\n')


def root_target(app: Sphinx) -> str:
    """The root document's page as the builder names it (``chapters/00-front.html``; singlehtml
    writes its one page under the root document's name too)."""
    root = app.config.root_doc
    return f"{root}/" if app.builder.name == "dirhtml" else f"{root}{app.builder.out_suffix}"


def write_root_redirect(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or app.config.root_doc == "index":
        return
    atomic.write_text(Path(app.outdir, "index.html"), redirect_html(root_target(app)))


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("build-finished", write_root_redirect, priority=BEFORE_EXTERNAL_TOC)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
